from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("blog", "0001_initial"),
        ("shop", "0003_rename_model"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL("ALTER TABLE blog_post RENAME COLUMN body TO content"),
            ],
            state_operations=[
                migrations.RenameField(model_name="post", old_name="body", new_name="content"),
            ],
        ),
        migrations.RemoveField(
            model_name="post",
            name="published",
        ),
        migrations.DeleteModel(
            name="Draft",
        ),
        migrations.AddField(
            model_name="post",
            name="readers",
            field=models.ManyToManyField(related_name="read_posts", to="shop.Customer"),
        ),
        migrations.AddField(
            model_name="post",
            name="labels",
            field=models.ManyToManyField(to="shop.label"),
        ),
        migrations.AlterField(
            model_name="post",
            name="content",
            field=models.TextField(null=True),
        ),
    ]
