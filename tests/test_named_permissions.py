"""Every custom admin tool checks a named permission that says what it allows, and the programme
managers group holds them all; a staff user with every model permission the group has, but not the
named ones, is refused each tool."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.urls import reverse

from blog.choices import PostStatus
from eyeforai.accounts.permissions import MODEL_ACTIONS, NAMED
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP
from eyeforai.mail.choices import EmailStatus
from talents.choices import ApplicationStatus
from tests.blog.fixtures import PostFactory
from tests.factories import ApplicationFactory, ManagerFactory, OutboundEmailFactory
from tests.rotations.matrix import board_url, placement_url, run_url

FORBIDDEN = 403

# (tool, the named permission it checks, method, URL builder receiving `fixture(name)`)
VIEWS = [
    ("rotation board index", "rotations.view_board", "get", lambda fixture: reverse("admin:rotations_board_index")),
    ("rotation board", "rotations.view_board", "get", board_url("admin:rotations_board")),
    ("assign on the board", "rotations.assign_placement", "post", board_url("admin:rotations_board_assign")),
    ("confirm on the board", "rotations.confirm_placement", "post", board_url("admin:rotations_board_confirm")),
    ("cancel a placement", "rotations.cancel_placement", "get", placement_url("admin:rotations_placement_cancel")),
    (
        "start matching",
        "rotations.run_matching",
        "post",
        lambda fixture: reverse("admin:rotations_matching_start", args=[fixture("matching_cohort").slug]),
    ),
    ("run matching again", "rotations.run_matching", "post", run_url("admin:rotations_matching_again")),
    ("apply a matching plan", "rotations.apply_matching", "post", run_url("admin:rotations_matching_apply")),
    (
        "remind who has not ranked",
        "rotations.run_matching",
        "post",
        lambda fixture: reverse("admin:rotations_matching_remind", args=[fixture("matching_cohort").slug]),
    ),
    ("share the proposed plan", "rotations.confirm_placement", "post", board_url("admin:rotations_plan_share")),
    ("stop sharing the plan", "rotations.confirm_placement", "post", board_url("admin:rotations_plan_unshare")),
    (
        "feedback per host",
        "rotations.view_feedback_report",
        "get",
        lambda f: reverse("admin:rotations_evaluation_averages"),
    ),
    ("hires per host", "rotations.view_hiring_report", "get", lambda fixture: reverse("admin:rotations_outcome_hires")),
    ("compliance report", "talents.view_compliance", "get", lambda fixture: reverse("admin:talents_daylog_compliance")),
    ("applications CSV", "talents.export_applications", "get", lambda f: reverse("admin:talents_application_export")),
    ("capacity report", "hosts.view_capacity", "get", lambda fixture: reverse("portal:capacity")),
    (
        "comment on a blog post",
        "blog.review_post",
        "post",
        lambda fixture: reverse("admin:blog_post_comment", args=[fixture("post_in_review").pk]),
    ),
    (
        "publish a blog post",
        "blog.review_post",
        "post",
        lambda fixture: reverse("admin:blog_post_publish", args=[fixture("post_in_review").pk]),
    ),
]

# (model admin changelist, the actions it offers under one named permission)
ACTIONS = [
    ("talents_application", "talents.review_application", {"move_to_under_review", "move_to_accepted"}),
    ("hosts_hostinterest", "hosts.handle_interest", {"mark_contacted", "convert", "decline"}),
    ("hosts_hostorganization", "hosts.set_organization_status", {"activate", "retire"}),
    ("hosts_project", "hosts.review_project", {"approve", "request_changes", "withdraw"}),
    ("rotations_placement", "rotations.confirm_placement", {"confirm_selected"}),
    ("mail_outboundemail", "mail.resend_email", {"send_again"}),
    ("accounts_erasurerequest", "accounts.confirm_erasure", {"confirm_erasure", "refuse_erasure"}),
]


@pytest.fixture
def borrowed_only(db):
    """Staff with a second factor and every model permission the managers group has, but no named one."""
    user = ManagerFactory(email="borrowed@ai.se")
    user.groups.clear()
    every_model_permission = Q()
    for app_label, models in MODEL_ACTIONS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        every_model_permission |= Q(content_type__app_label=app_label, codename__in=codenames)
    user.user_permissions.set(Permission.objects.filter(every_model_permission))
    return user


@pytest.fixture
def post_in_review(db):
    """A blog post sent to the programme team (the blog's review tools act on it)."""
    return PostFactory(status=PostStatus.SUBMITTED)


def named_permissions_declared():
    """Every Meta.permissions entry of the project's models, as "app_label.codename"."""
    return {
        f"{model._meta.app_label}.{codename}"
        for model in apps.get_models()
        if model.__module__.startswith(("eyeforai.", "talents.", "hosts.", "rotations.", "blog."))
        for codename, _label in model._meta.permissions
    }


def test_the_managers_group_holds_every_named_permission_after_migrate(db):
    group = Group.objects.get(name=PROGRAMME_MANAGERS_GROUP)
    pairs = group.permissions.values_list("content_type__app_label", "codename")
    held = {f"{app}.{codename}" for app, codename in pairs}
    listed = {f"{app}.{codename}" for app, codenames in NAMED.items() for codename in codenames}
    assert listed == named_permissions_declared()
    assert listed <= held


def test_every_tool_checks_a_declared_named_permission():
    checked = {view[1] for view in VIEWS} | {action[1] for action in ACTIONS}
    assert checked <= named_permissions_declared()


@pytest.mark.parametrize(("tool", "permission", "method", "url"), VIEWS, ids=[view[0] for view in VIEWS])
def test_a_manager_uses_each_tool_and_borrowed_permissions_are_refused(
    client, manager, borrowed_only, tool, permission, method, url, request
):
    address = url(request.getfixturevalue)
    assert not borrowed_only.has_perm(permission)

    client.force_login(borrowed_only)
    assert getattr(client, method)(address).status_code == FORBIDDEN, f"{tool}: borrowed permissions let them in"

    client.force_login(manager)
    assert getattr(client, method)(address).status_code in (200, 302), f"{tool}: a manager is refused"


@pytest.mark.parametrize(("changelist", "permission", "actions"), ACTIONS, ids=[action[0] for action in ACTIONS])
def test_admin_actions_are_offered_only_with_their_named_permission(
    client, manager, borrowed_only, changelist, permission, actions
):
    url = reverse(f"admin:{changelist}_changelist")

    def offered(user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        form = response.context["action_form"]  # None when the user may run no action at all
        return {name for name, _label in form.fields["action"].choices} if form else set()

    assert not actions & offered(borrowed_only)
    assert actions <= offered(manager)


def test_send_again_posted_without_the_named_permission_leaves_the_email_alone(client, manager, borrowed_only):
    email = OutboundEmailFactory(status=EmailStatus.FAILED, attempts=5)
    post = {"action": "send_again", "_selected_action": [email.pk], "index": 0}
    url = reverse("admin:mail_outboundemail_changelist")

    client.force_login(borrowed_only)
    client.post(url, post)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 5)

    client.force_login(manager)
    client.post(url, post)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 0)


def test_moving_an_application_needs_review_application(client, manager, borrowed_only, media_root):
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    post = {"action": "move_to_under_review", "_selected_action": [application.pk], "index": 0}
    url = reverse("admin:talents_application_changelist")

    client.force_login(borrowed_only)
    client.post(url, post)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    client.force_login(manager)
    client.post(url, post)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
