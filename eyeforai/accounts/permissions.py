"""Grant model permissions to the "Programme managers" group from data migrations.

Each app's own data migration names the permissions its managers need, so the group grows with
the apps without the core knowing them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP


def grant_to_programme_managers(apps, schema_editor, *, app_label, models, actions=("add", "change", "delete", "view")):
    # Permissions are normally made after migrate; make this app's now so they can be granted.
    # The real AppConfig: migration state only has stubs without the models module it reads.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PROGRAMME_MANAGERS_GROUP)
    codenames = [f"{action}_{model}" for model in models for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
