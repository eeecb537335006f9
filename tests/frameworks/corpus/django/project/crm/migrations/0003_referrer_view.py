from django.db import migrations, models
import django.db.models.deletion

SCORES = "CREATE VIEW crm_lead_scores AS SELECT id, score, source FROM crm_lead"


class Migration(migrations.Migration):

    dependencies = [
        ("crm", "0002_lead_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="referrer",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="crm.lead"),
        ),
        migrations.RunSQL(SCORES, reverse_sql="DROP VIEW crm_lead_scores"),
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
