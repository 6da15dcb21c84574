from django.db import migrations

from eyeforai.accounts.permissions import grant_to_programme_managers


def grant(apps, schema_editor):
    grant_to_programme_managers(apps, schema_editor, app_label="programme", models=["cohort", "period", "skill"])


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial"), ("accounts", "0002_programme_managers_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
