from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("blog", "0002_separate"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="post",
            name="readers",
        ),
        migrations.RenameModel(
            old_name="Comment",
            new_name="Reply",
        ),
    ]
