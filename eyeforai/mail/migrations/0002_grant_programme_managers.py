from django.db import migrations

from eyeforai.accounts.permissions import grant_to_programme_managers


def grant(apps, schema_editor):
    # Managers read the outbox and send again; rows are never edited by hand.
    grant_to_programme_managers(apps, schema_editor, app_label="mail", models=["outboundemail"], actions=["view"])


class Migration(migrations.Migration):
    dependencies = [("mail", "0001_initial"), ("accounts", "0002_programme_managers_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
