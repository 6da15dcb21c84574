from django.db import migrations

from eyeforai.accounts.permissions import grant_to_programme_managers


def grant(apps, schema_editor):
    grant_to_programme_managers(apps, schema_editor, app_label="accounts", models=["user"], actions=["view", "change"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
