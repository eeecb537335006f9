from django.db import migrations, models

import depot.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Label",
            fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("name", models.CharField(max_length=40))],
        ),
        migrations.CreateModel(
            name="Bin",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("code", depot.fields.CodeField()),
                ("mac", depot.fields.MacField(null=True)),
                ("labels", models.ManyToManyField(blank=True, to="depot.Label")),
            ],
        ),
        migrations.CreateModel(
            name="Crate",
            fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("size", models.IntegerField())],
        ),
    ]
