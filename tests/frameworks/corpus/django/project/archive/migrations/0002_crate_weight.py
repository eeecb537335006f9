from django.db import migrations, models


class Migration(migrations.Migration):
    # Ready as soon as archive 0001 is, yet migrate runs it after depot 0003 (alerts pulls that in first).
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.AddField(model_name="crate", name="weight", field=models.IntegerField(null=True))]
