from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("depot", "0001_initial")]

    # Drops depot_bin_labels only (a join table made by CreateModel).
    operations = [migrations.RemoveField(model_name="bin", name="labels")]
