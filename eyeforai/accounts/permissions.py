"""What the "Programme managers" group may do: every grant in this one place, synced after migrate.

The codenames are strings, so the core names the apps' permissions without importing the apps.
After every `migrate` — and every flush of a test database, which sends post_migrate too — the
group is made if missing and given what is listed here for the app that just migrated.
Permissions added by hand are left alone.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP

ALL = ("add", "change", "delete", "view")
READ = ("view",)

# app label -> {model: the standard actions managers get}. Rows written only by services (the
# outbox, a stage history) are read-only here: managers act on them through named permissions.
MODEL_ACTIONS = {
    "accounts": {"user": ("view", "change"), "erasurerequest": READ},
    "programme": {"cohort": ALL, "period": ALL, "skill": ALL},
    "mail": {"outboundemail": READ},
    "activity": {"activityentry": READ},
    "talents": {
        "talentprofile": ALL,
        "application": ALL,
        "daylog": ALL,
        "absence": ALL,
        "applicationevent": READ,
        "cvdownload": READ,
    },
    "hosts": {
        "hostorganization": ALL,
        "hostmembership": ALL,
        "invitation": ALL,
        "hostinterest": ALL,
        "project": ALL,
        "projectseat": ALL,
    },
    "rotations": {
        "placement": ALL,
        "evaluation": ALL,
        "hiringinterest": ALL,
        "outcome": ALL,
        "calendarfeed": ALL,
        "matchingrun": ALL,
        "talentpreference": ALL,
        "hostranking": ALL,
        "buddyrequest": ALL,
        "conflict": ALL,
    },
}

# app label -> the named permissions (Meta.permissions) of the custom admin tools managers use.
# Each tool checks its one through eyeforai/admintools/permissions.py.
NAMED = {
    "accounts": ("confirm_erasure",),
    "mail": ("resend_email",),
    "talents": ("review_application", "export_applications", "view_compliance"),
    "hosts": ("handle_interest", "set_organization_status", "review_project", "view_capacity"),
    "rotations": (
        "view_board",
        "assign_placement",
        "confirm_placement",
        "cancel_placement",
        "run_matching",
        "apply_matching",
        "view_feedback_report",
        "view_hiring_report",
    ),
}


def programme_manager_codenames(app_label):
    actions = MODEL_ACTIONS.get(app_label, {})
    codenames = {f"{action}_{model}" for model, model_actions in actions.items() for action in model_actions}
    return codenames | set(NAMED.get(app_label, ()))


def sync_programme_managers_group(sender, using="default", **kwargs):
    """post_migrate receiver: give the group the listed permissions of the app that just migrated."""
    codenames = programme_manager_codenames(sender.label)
    if not codenames:
        return
    # auth makes permissions in its own post_migrate receiver, which may run after this one.
    create_permissions(sender, verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=PROGRAMME_MANAGERS_GROUP)
    permissions = Permission.objects.using(using).filter(content_type__app_label=sender.label, codename__in=codenames)
    group.permissions.add(*permissions)
