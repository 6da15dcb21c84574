"""What the "Programme managers" group may do: declared by each app, granted after every migrate.

Each app declares its managers' model permissions in its AppConfig.ready() with
`grant_to_programme_managers(...)`, so the group grows with the apps without the core knowing them.
After every `migrate` — and every flush of a test database, which sends post_migrate too — the
group is made if missing and given what was declared. Permissions added by hand are left alone.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP

ALL_ACTIONS = ("add", "change", "delete", "view")

_declared: dict[str, set[str]] = {}


def grant_to_programme_managers(*, app_label, models, actions=ALL_ACTIONS):
    _declared.setdefault(app_label, set()).update(f"{action}_{model}" for model in models for action in actions)


def sync_programme_managers_group(sender, using="default", **kwargs):
    """post_migrate receiver: give the group the declared permissions of the app that just migrated."""
    codenames = _declared.get(sender.label)
    if not codenames:
        return
    # auth makes permissions in its own post_migrate receiver, which may run after this one.
    create_permissions(sender, verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=PROGRAMME_MANAGERS_GROUP)
    permissions = Permission.objects.using(using).filter(content_type__app_label=sender.label, codename__in=codenames)
    group.permissions.add(*permissions)
