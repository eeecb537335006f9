from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0002_changes"),
    ]

    operations = [
        migrations.RenameModel(
            old_name="Tag",
            new_name="Label",
        ),
        migrations.AlterModelTable(
            name="customer",
            table="customers",
        ),
        migrations.AddField(
            model_name="order",
            name="note",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RenameField(
            model_name="order",
            old_name="product",
            new_name="item",
        ),
    ]
