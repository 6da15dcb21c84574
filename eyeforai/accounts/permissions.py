"""What the "Programme managers" and the "Course managers" groups may do: every grant in this one
place, synced after migrate.

The codenames are strings, so the core names the apps' permissions without importing the apps.
After every `migrate` — and every flush of a test database, which sends post_migrate too — each
group is made if missing and given what is listed here for the app that just migrated.
Permissions added by hand are left alone. The two groups share nothing: a programme manager gets no
grant on the course, a course manager none on the programme (tests/courses/test_course_managers.py).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP

# The leaders course's managers (courses/access.py reads the name from here: the core cannot import the app).
COURSE_MANAGERS_GROUP = "Course managers"

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
    # Talents write the posts; the team reads them and moves them on only through the review page's steps.
    "blog": {"tag": ALL, "post": READ},
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
    "blog": ("review_post",),
}


# The course's grants, for the "Course managers" group. Participants are made by joining and public bodies
# by a migration, so neither is added or deleted here; participants change only to map a typed "other
# public organisation" to a listed body. Progress is written by the participants' own answers.
# Workshops: managers plan sessions (deleting only one nobody booked: courses/admin/workshops.py); bookings
# and waiting lists are written by the booking services alone. A facilitator is made by taking an
# invitation (managers correct only their organisation); an invitation is sent and withdrawn, never edited.
COURSE_MODEL_ACTIONS = {
    "courses": {
        "lesson": ALL,
        "question": ALL,
        "choice": ALL,
        "lessonimage": ALL,
        "participant": ("view", "change"),
        "publicbody": READ,
        "lessonprogress": READ,
        "session": ALL,
        "booking": READ,
        "waitinglistentry": READ,
        "facilitator": ("view", "change"),
        "facilitatorinvitation": ("add", "view", "delete"),
    },
}
COURSE_NAMED = {"courses": ("export_participants", "export_attendance")}

GRANTS = {
    PROGRAMME_MANAGERS_GROUP: (MODEL_ACTIONS, NAMED),
    COURSE_MANAGERS_GROUP: (COURSE_MODEL_ACTIONS, COURSE_NAMED),
}


def group_codenames(group_name, app_label):
    model_actions, named = GRANTS[group_name]
    actions = model_actions.get(app_label, {})
    codenames = {f"{action}_{model}" for model, model_actions in actions.items() for action in model_actions}
    return codenames | set(named.get(app_label, ()))


def programme_manager_codenames(app_label):
    return group_codenames(PROGRAMME_MANAGERS_GROUP, app_label)


def course_manager_codenames(app_label):
    return group_codenames(COURSE_MANAGERS_GROUP, app_label)


def _sync_group(group_name, sender, using):
    codenames = group_codenames(group_name, sender.label)
    if not codenames:
        return
    # auth makes permissions in its own post_migrate receiver, which may run after this one.
    create_permissions(sender, verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=group_name)
    permissions = Permission.objects.using(using).filter(content_type__app_label=sender.label, codename__in=codenames)
    group.permissions.add(*permissions)


def sync_programme_managers_group(sender, using="default", **kwargs):
    """post_migrate receiver: give the group the listed permissions of the app that just migrated."""
    _sync_group(PROGRAMME_MANAGERS_GROUP, sender, using)


def sync_course_managers_group(sender, using="default", **kwargs):
    """post_migrate receiver: the same for the course managers (only the courses app has grants)."""
    _sync_group(COURSE_MANAGERS_GROUP, sender, using)
