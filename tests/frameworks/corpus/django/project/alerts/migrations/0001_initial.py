import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("depot", "0003_move_crate")]

    operations = [
        migrations.CreateModel(
            name="Alert",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("crate", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="archive.crate")),
            ],
        ),
    ]
