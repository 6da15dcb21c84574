"""The activity log: every state change made through the portal names who made it, what and from which state.

The walks go through the pages and admin actions people use, then read the log, the object's admin
history page, the activity list and its CSV export.
"""

import ast
import csv
import io
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.activity.services import forget_person, record
from eyeforai.mail.choices import EmailStatus
from hosts.choices import OrganizationStatus, ProjectStatus
from hosts.models import HostMembership, Project
from rotations.choices import PlacementStatus
from rotations.models import CalendarFeed, Placement
from rotations.services.placements import advance_placements
from talents.models import Application, DayLog
from tests.conftest_helpers import person_loaded_afresh
from tests.factories import ManagerFactory, OutboundEmailFactory, ProjectFactory, UserFactory, pdf_bytes
from tests.rotations.fixtures import accept, place
from tests.rotations.fixtures import accepted_talent as accepted_in

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:activity_activityentry_changelist"
EXPORT = "admin:activity_activityentry_export"

ANSWERS = {
    "motivation": "I want to build AI that helps hospitals triage faster.",
    "why_sweden": "Open data, strong public sector, and fika.",
    "availability": "full",
    "consent": "on",
}


def steps(obj):
    """(action, from, to, actor email) of each entry about `obj`, oldest first."""
    return [
        (entry.action, entry.from_state, entry.to_state, entry.actor_email)
        for entry in ActivityEntry.objects.for_object(obj).order_by("at", "pk")
    ]


def admin_action(client, app_model, action, objects, **extra):
    url = reverse(f"admin:{app_model}_changelist")
    return client.post(url, {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}, follow=True)


def history_rows(page):
    """The rows of the history page's activity table, each as its cells' text."""
    section = page.split('id="activity-history"', 1)[1].split("</table>", 1)[0]
    return [
        [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>", 1)[1], re.S)
    ]


# --- An application from draft to accepted --------------------------------------------------------


def test_an_application_walked_from_draft_to_accepted_shows_each_step_and_its_actor_on_its_history_page(
    client, talent, manager, call_cohort, media_root
):
    client.force_login(talent)
    client.post(reverse("talents:application"), {"action": "save", "motivation": "Half a thought"})
    cv = SimpleUploadedFile("cv.pdf", pdf_bytes("Amara Okafor"), "application/pdf")
    client.post(reverse("talents:application"), {"action": "submit", "cv": cv, **ANSWERS})
    application = Application.objects.get(talent__user=talent)

    client.force_login(manager)
    for action in ["move_to_under_review", "move_to_interview", "move_to_accepted"]:
        admin_action(client, "talents_application", action, [application])

    assert steps(application) == [
        ("application.started", "", "draft", "talent@example.org"),
        ("application.draft_saved", "", "", "talent@example.org"),
        ("application.submitted", "draft", "submitted", "talent@example.org"),
        ("application.moved", "submitted", "under_review", "manager@ai.se"),
        ("application.moved", "under_review", "interview", "manager@ai.se"),
        ("application.moved", "interview", "accepted", "manager@ai.se"),
    ]
    page = client.get(reverse("admin:talents_application_history", args=[application.pk]))
    assert page.status_code == 200
    rows = history_rows(page.text)  # newest first: when, who, what, from → to (the stages' names), note
    assert [row[1:4] for row in rows] == [
        ["Karin Lindqvist <manager@ai.se>", "application.moved", "Interview → Accepted"],
        ["Karin Lindqvist <manager@ai.se>", "application.moved", "Under review → Interview"],
        ["Karin Lindqvist <manager@ai.se>", "application.moved", "Submitted → Under review"],
        ["Amara Okafor <talent@example.org>", "application.submitted", "Draft → Submitted"],
        ["Amara Okafor <talent@example.org>", "application.draft_saved", ""],
        ["Amara Okafor <talent@example.org>", "application.started", "— → Draft"],
    ]
    # The talent's own stage history is still written beside the log (their page and data export read it).
    assert [event.status for event in application.events.order_by("at")] == [
        "draft",
        "submitted",
        "under_review",
        "interview",
        "accepted",
    ]


def test_a_refused_move_leaves_no_entry(client, manager, talent_application):
    client.force_login(manager)
    admin_action(client, "talents_application", "move_to_rejected", [talent_application])
    admin_action(client, "talents_application", "move_to_accepted", [talent_application])
    assert [step[:3] for step in steps(talent_application)] == [("application.moved", "submitted", "rejected")]


# --- Hosts, rotations, days -----------------------------------------------------------------------


def test_a_project_submitted_by_a_member_and_approved_by_a_manager_names_both(
    client, host_member, manager, prospect_organization, open_cohort
):
    HostMembership.objects.filter(user=host_member).update(organization=prospect_organization)
    project = ProjectFactory(organization=prospect_organization, cohort=open_cohort, title="Triage notes")
    client.force_login(host_member)
    client.post(reverse("hosts_members:project_submit", args=[project.uuid]))
    client.force_login(manager)
    admin_action(client, "hosts_project", "approve", [project])

    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    assert steps(project) == [
        ("project.submitted", "draft", "submitted", "member@hospital.example.org"),
        ("project.approved", "submitted", "approved", "manager@ai.se"),
    ]
    assert steps(prospect_organization) == [
        ("hostorganization.activated", OrganizationStatus.PROSPECT, OrganizationStatus.ACTIVE, "manager@ai.se")
    ]


def test_changes_requested_by_a_manager_carry_the_note(client, manager, host_project):
    Project.objects.filter(pk=host_project.pk).update(status=ProjectStatus.SUBMITTED)
    client.force_login(manager)
    admin_action(client, "hosts_project", "request_changes", [host_project], apply="1", note="Say more about data.")
    entry = ActivityEntry.objects.for_object(host_project).get()
    assert (entry.action, entry.from_state, entry.to_state, entry.actor, entry.note) == (
        "project.changes_requested",
        "submitted",
        "changes_requested",
        manager,
        "Say more about data.",
    )


def test_assigning_and_confirming_on_the_board_names_the_manager(client, manager, rotation_cohort, hosts_with_projects):
    profile = accepted_in(rotation_cohort, 1)
    client.force_login(manager)
    client.post(
        reverse("admin:rotations_board_assign", args=[rotation_cohort.slug]),
        {"talent": profile.uuid, "period": 2, "project": hosts_with_projects[1].uuid},
    )
    client.post(reverse("admin:rotations_board_confirm", args=[rotation_cohort.slug]))

    placement = Placement.objects.get(talent=profile)
    assert placement.status == PlacementStatus.CONFIRMED
    assert steps(placement) == [
        ("placement.proposed", "", "proposed", "manager@ai.se"),
        ("placement.confirmed", "proposed", "confirmed", "manager@ai.se"),
    ]


def test_cancelling_a_placement_records_the_reason(client, manager, talent_placement):
    client.force_login(manager)
    url = reverse("admin:rotations_placement_cancel", args=[talent_placement.uuid])
    client.post(url, {"reason": "The talent moved to another city."})
    entry = ActivityEntry.objects.for_object(talent_placement).get()
    assert (entry.action, entry.from_state, entry.to_state, entry.actor_email, entry.note) == (
        "placement.cancelled",
        "active",
        "cancelled",
        "manager@ai.se",
        "The talent moved to another city.",
    )


def test_applying_a_matching_run_names_the_manager_on_the_run_and_each_placement(client, manager, matching_run):
    client.force_login(manager)
    response = client.post(reverse("admin:rotations_matching_apply", args=[matching_run.uuid]))
    assert response.status_code == 302

    assert steps(matching_run) == [
        ("matchingrun.started", "", "queued", "manager@ai.se"),
        ("matchingrun.finished", "running", "done", ""),  # the worker: no person
        ("matchingrun.applied", "done", "applied", "manager@ai.se"),
    ]
    placements = Placement.objects.filter(cohort=matching_run.cohort)
    assert placements.count() == 12
    proposed = ActivityEntry.objects.filter(action="placement.proposed")
    assert sorted(proposed.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in placements.values_list("pk", flat=True)
    )
    assert set(proposed.values_list("actor_email", flat=True)) == {"manager@ai.se"}


def test_the_daily_advance_is_recorded_as_the_system(rotation_cohort, hosts_with_projects):
    first, second = accepted_in(rotation_cohort, 1), accepted_in(rotation_cohort, 2)
    finished = place(first, hosts_with_projects[0], 1, status="confirmed")  # period 1 ended months ago
    started = place(second, hosts_with_projects[1], 3, status="confirmed")  # period 3 began a month ago

    assert advance_placements() == (1, 1)

    assert steps(finished) == [("placement.completed", "confirmed", "completed", "")]
    assert steps(started) == [("placement.started", "confirmed", "active", "")]
    assert ActivityEntry.objects.for_object(started).get().actor_label == "system"
    assert advance_placements() == (0, 0)
    assert ActivityEntry.objects.filter(action__startswith="placement.").count() == 2


def test_a_talent_logging_a_day_is_the_actor(client, talent, accepted_talent):
    client.force_login(talent)
    day = timezone.localdate()
    client.post(
        reverse("talents:days"),
        {"date": day.isoformat(), "place": "stockholm", "activities": ["seminar"], "learned": "Queues."},
    )
    log = DayLog.objects.get(talent__user=talent)
    assert steps(log) == [("daylog.logged", "", "", "talent@example.org")]


def test_the_host_interest_pipeline_names_the_manager(client, manager, host_interest):
    client.force_login(manager)
    admin_action(client, "hosts_hostinterest", "mark_contacted", [host_interest])
    admin_action(client, "hosts_hostinterest", "decline", [host_interest])
    assert steps(host_interest) == [
        ("hostinterest.contacted", "new", "contacted", "manager@ai.se"),
        ("hostinterest.declined", "contacted", "declined", "manager@ai.se"),
    ]


def test_send_again_in_the_outbox_names_the_manager(client, manager):
    email = OutboundEmailFactory(status=EmailStatus.FAILED, attempts=5)
    client.force_login(manager)
    admin_action(client, "mail_outboundemail", "send_again", [email])
    assert steps(email) == [("outboundemail.requeued", "failed", "queued", "manager@ai.se")]


def test_preferences_and_host_rankings_name_who_saved_them(
    client, talent, host_member, matching_cohort, matching_projects
):
    profile = accept(talent, matching_cohort)
    client.force_login(talent)
    client.post(reverse("rotations_talent:preferences"), {"move": f"add:{matching_projects[1].uuid}"})
    entry = ActivityEntry.objects.for_object(profile).get(action="preferences.projects_ranked")
    assert (entry.actor, entry.note) == (talent, "Cohort 2027: 1. Matching project 1")

    project = matching_projects[0]
    client.force_login(host_member)
    client.post(reverse("rotations_host:rankings", args=[project.uuid]), {f"rank_{profile.uuid.hex}": "1"})
    entry = ActivityEntry.objects.for_object(project).get()
    assert (entry.action, entry.actor, entry.note) == ("project.talents_ranked", host_member, "1 ranked, 0 not a fit")


def test_a_new_calendar_address_names_who_asked_for_it(client, talent, talent_placement):
    client.force_login(talent)
    client.post(reverse("rotations_talent:calendar_regenerate"))
    feed = CalendarFeed.objects.get(user=talent)
    assert steps(feed) == [("calendarfeed.address_renewed", "", "", "talent@example.org")]


def test_an_entry_keeps_who_it_was_after_the_account_is_deleted(talent, talent_application):
    entry = record(talent_application, "application.draft_saved", by=talent)
    talent.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "Amara Okafor <talent@example.org>"


def test_forgetting_a_person_keeps_the_steps_but_not_their_name_or_address(talent, manager, talent_application):
    made = record(talent_application, "application.draft_saved", by=talent)
    about = record(talent_application, "application.moved", by=manager, note="Amara Okafor asked for a call.")
    forget_person(talent, words=["Amara Okafor", "talent@example.org"], placeholder="erased-1")
    made.refresh_from_db()
    about.refresh_from_db()
    assert (made.actor, made.actor_email, made.actor_name, made.object_repr) == (
        talent,
        "erased-1",
        "",
        "erased-1 → Cohort 2027",
    )
    assert (about.actor_email, about.object_repr, about.note) == (
        "manager@ai.se",
        "erased-1 → Cohort 2027",
        "erased-1 asked for a call.",
    )


# --- Every service ---------------------------------------------------------------------------------

SERVICE_MODULES = [
    "eyeforai/*/services.py",
    "talents/services/*.py",
    "hosts/services/*.py",
    "rotations/services/*.py",
    "courses/services/*.py",
    "blog/services/*.py",
    "portal/erasure.py",  # the top layer's one state change: a person's erasure request
]
RECORDERS = {"record", "record_each", "_record"}
# Services that change no object of their own: the outbox row each email gets is their record.
# A service may also say so itself: a docstring with "No activity entry" and the reason.
NOT_RECORDED = {
    "send_draft_reminders": "queues emails only",
    "send_daylog_reminders": "queues emails only",
}


def _services():
    """{name: (path, names it calls, is a state change)}: top-level functions that are atomic or take `by`
    and do not say "No activity entry" (with the reason) in their docstring."""
    found = {}
    for pattern in SERVICE_MODULES:
        for path in sorted(Path(settings.BASE_DIR).glob(pattern)):
            for node in ast.parse(path.read_text()).body:
                if not isinstance(node, ast.FunctionDef):
                    continue
                arguments = {argument.arg for argument in [*node.args.args, *node.args.kwonlyargs]}
                atomic = any("atomic" in ast.unparse(decorator) for decorator in node.decorator_list)
                calls = {
                    call.func.id if isinstance(call.func, ast.Name) else call.func.attr
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name | ast.Attribute)
                }
                exempt = "no activity entry" in (ast.get_docstring(node) or "").lower()
                found[f"{path}:{node.name}"] = (path, node.name, calls, (atomic or "by" in arguments) and not exempt)
    return found


def test_every_state_changing_service_writes_the_activity_log():
    services = _services()
    recording = set(RECORDERS)
    while True:  # a service that calls one that records records too (run_again → start_run)
        more = {name for _path, name, calls, _changes in services.values() if calls & recording} - recording
        if not more:
            break
        recording |= more
    silent = sorted(
        f"{path.relative_to(settings.BASE_DIR)}:{name}"
        for path, name, _calls, changes in services.values()
        if changes and name not in recording and name not in NOT_RECORDED and not name.startswith("_")
    )
    assert not silent, f"These services change state without calling eyeforai.activity.services.record: {silent}"


# --- The activity list -----------------------------------------------------------------------------


@pytest.fixture
def logged(talent, manager, host_project, talent_application):
    """Three entries: the talent's last week, the manager's today on an application and on a project."""
    ActivityEntry.objects.all().delete()  # the factories' cohorts logged their periods
    old = record(talent_application, "application.draft_saved", by=talent)
    ActivityEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=8))
    record(talent_application, "application.moved", by=manager, from_state="submitted", to_state="under_review")
    record(host_project, "project.approved", by=manager, from_state="submitted", to_state="approved", note="=1+2")
    return talent_application


def listed(response):
    return sorted(re.findall(r'<td class="field-action">([^<]*)</td>', response.text))


def test_the_list_filters_by_person_kind_of_object_and_date(client, manager, talent, logged):
    client.force_login(manager)
    url = reverse(CHANGELIST)
    everything = client.get(url)
    assert everything.status_code == 200
    assert listed(everything) == ["application.draft_saved", "application.moved", "project.approved"]

    by_talent = client.get(url, {"actor__id__exact": talent.pk})
    assert listed(by_talent) == ["application.draft_saved"]

    projects = ContentType.objects.get(app_label="hosts", model="project")
    assert listed(client.get(url, {"content_type__id__exact": projects.pk})) == ["project.approved"]

    today = timezone.localdate()
    on_the_day = {"at__year": today.year, "at__month": today.month, "at__day": today.day}  # the date drill-down
    assert listed(client.get(url, on_the_day)) == ["application.moved", "project.approved"]
    since = (timezone.localtime() - timedelta(days=3)).isoformat()
    assert listed(client.get(url, {"at__gte": since})) == ["application.moved", "project.approved"]
    assert listed(client.get(url, {"q": "manager@ai.se"})) == ["application.moved", "project.approved"]


def test_the_csv_export_holds_the_filtered_list_with_formulas_defused(client, manager, logged):
    client.force_login(manager)
    response = client.get(reverse(EXPORT), {"actor__id__exact": manager.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["when", "person", "email"]
    by_action = {row[6]: row for row in rows[1:]}
    assert sorted(by_action) == ["application.moved", "project.approved"]
    moved = by_action["application.moved"]
    assert moved[1:4] == ["Karin Lindqvist", "manager@ai.se", "talents.application"]
    assert moved[4] == str(logged.pk) and moved[7:9] == ["submitted", "under_review"]
    assert by_action["project.approved"][9] == "'=1+2"


@pytest.mark.parametrize("role", ["talent", "host_member"])
def test_people_who_are_not_managers_do_not_reach_the_list_or_the_export(client, request, logged, role):
    client.force_login(request.getfixturevalue(role))
    for name in [CHANGELIST, EXPORT]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_without_the_managers_grant_are_refused(client, logged):
    staff = ManagerFactory(email="intern@ai.se")
    staff.groups.clear()
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 403


def test_nobody_adds_changes_or_deletes_entries(client, manager, logged):
    client.force_login(manager)
    entry = ActivityEntry.objects.first()
    assert client.get(reverse("admin:activity_activityentry_add")).status_code == 403
    assert client.get(reverse("admin:activity_activityentry_delete", args=[entry.pk])).status_code == 403
    page = client.get(reverse("admin:activity_activityentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'type="submit"' not in page.text.split('id="content-main"', 1)[1]


def _queries(client, url):
    person_loaded_afresh()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_issues_the_same_queries_for_few_and_many_entries(client, manager, host_project, talent_application):
    client.force_login(manager)
    people = [UserFactory(email=f"person{number}@example.org") for number in range(8)]
    for person in people[:2]:
        record(talent_application, "application.draft_saved", by=person)
    url = reverse(CHANGELIST)
    few = _queries(client, url)
    for number in range(80):
        record([talent_application, host_project][number % 2], "x.y", by=people[number % 8], note=str(number))
    assert _queries(client, url) == few
    assert few <= 16


def test_the_history_page_issues_the_same_queries_for_few_and_many_entries(client, manager, talent_application):
    client.force_login(manager)
    url = reverse("admin:talents_application_history", args=[talent_application.pk])
    record(talent_application, "application.draft_saved", by=manager)
    few = _queries(client, url)
    people = [UserFactory(email=f"person{number}@example.org") for number in range(10)]
    for number in range(60):
        record(talent_application, "application.draft_saved", by=people[number % 10])
    assert _queries(client, url) == few


def test_forgetting_a_person_leaves_a_longer_name_that_contains_theirs(talent, manager, talent_application):
    about = record(talent_application, "application.moved", by=manager, note="Li Wu and Eli Wulff met.")
    forget_person(talent, words=["Li Wu", "li@example.org"], placeholder="erased-1")
    about.refresh_from_db()
    assert about.note == "erased-1 and Eli Wulff met."
