from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("depot", "0001_initial")]

    # archive takes depot's Crate in its state; depot moves the table later.
    state_operations = [
        migrations.CreateModel(
            name="Crate",
            fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("size", models.IntegerField())],
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
