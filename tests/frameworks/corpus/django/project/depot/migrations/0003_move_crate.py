from django.db import migrations

database_operations = [migrations.AlterModelTable(name="Crate", table="archive_crate")]


class Migration(migrations.Migration):
    dependencies = [("depot", "0002_remove_labels"), ("archive", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Crate")],
            database_operations=database_operations,
        ),
    ]
