from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="phone",
            field=models.CharField(max_length=20, null=True),
        ),
        migrations.RenameField(
            model_name="customer",
            old_name="name",
            new_name="full_name",
        ),
        migrations.AlterField(
            model_name="product",
            name="price",
            field=models.DecimalField(decimal_places=2, max_digits=12),
        ),
        migrations.RemoveField(
            model_name="product",
            name="weight",
        ),
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.IntegerField(null=True),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(fields=["email"], name="shop_email_idx"),
        ),
    ]
