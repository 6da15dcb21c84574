from django.db import migrations

from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP


def create_group(apps, schema_editor):
    # Its permissions are granted after every migrate (eyeforai/accounts/permissions.py).
    apps.get_model("auth", "Group").objects.get_or_create(name=PROGRAMME_MANAGERS_GROUP)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
