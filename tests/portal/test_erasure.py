"""Erasing an account: the person asks on "Your data", a manager confirms in the admin, a worker
erases. What must go goes (from the database and the disk); what the programme keeps keeps its
numbers and loses the person."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eyeforai.accounts.choices import ErasureStatus
from eyeforai.accounts.models import ErasureRequest, User
from eyeforai.activity.models import ActivityEntry
from eyeforai.activity.services import record
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from hosts.models import HostMembership, Invitation
from portal import erasure
from rotations.models import CalendarFeed, Evaluation, HiringInterest, Outcome, Placement, TalentPreference
from talents.choices import ApplicationStatus, CVReader
from talents.models import Absence, Application, CVDownload, DayLog, TalentProfile
from tests.conftest import MFAClient
from tests.conftest_helpers import wait_until
from tests.factories import (
    PASSWORD,
    AbsenceFactory,
    ApplicationFactory,
    CohortFactory,
    DayLogFactory,
    InvitationFactory,
    OutboundEmailFactory,
)
from tests.hardening.processes import app_on_broker
from tests.hardening.redis_server import ThrowawayRedis
from tests.portal.erasure_helpers import rows_mentioning

TALENT_EMAIL = "talent@example.org"


@pytest.fixture
def talent_with_history(media_root, talent, talent_placement, hosts_with_projects, host_member, manager):
    """The `talent`, placed and active, with everything an account gathers: CVs, a rejected earlier
    application, day logs, an absence, a preference, feedback both ways, hiring interest and an
    outcome, emails to them and about them, a refused invitation and activity entries of their own."""
    profile = talent.talent_profile
    cohort = talent_placement.cohort
    ApplicationFactory(talent=profile, cohort=CohortFactory(name="Cohort 2020"), status=ApplicationStatus.REJECTED)
    DayLogFactory(talent=profile, cohort=cohort, learned="Fika with Amara's mentor")
    AbsenceFactory(talent=profile, note="Visiting family")
    TalentPreference.objects.create(talent=profile, project=hosts_with_projects[1], rank=1)
    Evaluation.objects.create(
        placement=talent_placement, side="talent", author=talent, project_rating=5, support_rating=4,
        growth_rating=5, comments="Amara Okafor here: a great team.",
    )  # fmt: skip
    Evaluation.objects.create(
        placement=talent_placement, side="host", author=host_member, project_rating=4, support_rating=4,
        growth_rating=3, comments="Amara learned fast.",
    )  # fmt: skip
    HiringInterest.objects.create(
        cohort=cohort, talent=profile, host=talent_placement.host, side="host", marked_by=host_member
    )
    Outcome.objects.create(
        cohort=cohort, talent=profile, host=talent_placement.host, result="offered", notes="Okafor", recorded_by=manager
    )
    CalendarFeed.objects.create(owner_kind="talent", user=talent)
    accepted = Application.objects.get(talent=profile, cohort=cohort)
    CVDownload.objects.create(application=accepted, reader=CVReader.HOST, by=host_member, organization_name="Host")
    OutboundEmailFactory(to=TALENT_EMAIL, subject="Welcome, Amara", body_text="Hello Amara Okafor")
    OutboundEmailFactory(to="TALENT@EXAMPLE.ORG", status=EmailStatus.SENT)
    OutboundEmailFactory(
        to="member@hospital.example.org", status=EmailStatus.SENT, subject="Amara Okafor starts with you",
        body_text=f"Amara Okafor ({TALENT_EMAIL}) starts on Monday.",
    )  # fmt: skip
    InvitationFactory(email=TALENT_EMAIL, organization=talent_placement.host)
    record(profile, "talentprofile.saved", by=talent, note=f"{TALENT_EMAIL} saved the profile")
    return profile


def cv_paths(profile):
    return [Path(application.cv.path) for application in Application.objects.filter(talent=profile).exclude(cv="")]


def erasure_request_of(user):
    return ErasureRequest.objects.get(user=user)


@pytest.mark.django_db(transaction=True)
def test_a_talent_asks_a_manager_confirms_and_a_worker_erases_the_account(
    media_root, celery_worker, client, talent, talent_with_history, talent_placement, manager
):
    talent_client = MFAClient()
    talent_client.force_login(talent)
    talent_session = talent_client.session.session_key
    cvs = cv_paths(talent_with_history)
    assert len(cvs) == 2 and all(path.exists() for path in cvs)
    kept = {"placements": Placement.objects.count(), "evaluations": Evaluation.objects.count()}
    kept |= {"hiring": HiringInterest.objects.count(), "outcomes": Outcome.objects.count()}
    entries = ActivityEntry.objects.count()

    # The talent asks on their page.
    page = talent_client.get(reverse("portal:your_data"))
    assert "Delete your account" in page.content.decode()
    response = talent_client.post(reverse("portal:request_erasure"), {"understood": "on"})
    assert response["Location"] == reverse("portal:your_data")
    asked = erasure_request_of(talent)
    assert asked.status == ErasureStatus.REQUESTED
    assert "A programme manager will confirm it" in talent_client.get(reverse("portal:your_data")).content.decode()

    # A manager confirms in the admin; the worker erases.
    client.force_login(manager)
    changelist = reverse("admin:accounts_erasurerequest_changelist")
    assert TALENT_EMAIL in client.get(changelist).content.decode()  # the manager sees whom they confirm
    client.post(changelist, {"action": "confirm_erasure", "_selected_action": [asked.pk], "index": 0})
    wait_until(lambda: erasure_request_of(talent).status == ErasureStatus.ERASED, timeout=60, message="the erasure")

    # The person cannot sign in, with the old address or at all; their session is gone.
    assert not MFAClient().login(email=TALENT_EMAIL, password=PASSWORD)
    sign_in = MFAClient()
    sign_in.post(reverse("account_login"), {"login": TALENT_EMAIL, "password": PASSWORD})
    assert "_auth_user_id" not in sign_in.session
    assert not Session.objects.filter(session_key=talent_session).exists()
    assert talent_client.get(reverse("portal:talent_dashboard")).status_code == 302  # sent to sign in
    user = User.objects.get(pk=talent.pk)
    assert not user.is_active and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("", "")
    assert user.email.endswith("@erased.invalid")
    assert not EmailAddress.objects.filter(user=user).exists()

    # Their email address and their name appear nowhere in the database.
    assert rows_mentioning(TALENT_EMAIL) == {}
    assert rows_mentioning("Okafor") == {}

    # What the programme keeps still counts; what was theirs is gone, files included.
    assert kept == {
        "placements": Placement.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "hiring": HiringInterest.objects.count(),
        "outcomes": Outcome.objects.count(),
    }
    assert Evaluation.objects.filter(placement=talent_placement, author__isnull=True).count() == 1
    assert set(Evaluation.objects.filter(placement=talent_placement).values_list("comments", flat=True)) == {""}
    assert not any(path.exists() for path in cvs)
    assert not Application.objects.filter(talent=talent_with_history).exclude(cv="").exists()
    assert not CVDownload.objects.filter(application__talent=talent_with_history).exists()
    for model in (DayLog, Absence, TalentPreference):
        assert not model.objects.filter(talent=talent_with_history).exists(), model
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert not Invitation.objects.filter(email=TALENT_EMAIL).exists()
    assert OutboundEmail.objects.filter(to="member@hospital.example.org").get().body_text == ""
    profile = TalentProfile.objects.get(pk=talent_with_history.pk)
    assert (profile.university, profile.bio, profile.nationality) == ("", "", "")

    # The log keeps every entry, names nobody, and records the erasure itself.
    assert ActivityEntry.objects.count() > entries
    erased = ActivityEntry.objects.filter(action="erasurerequest.erased").get()
    assert erased.actor is None and erased.object_repr == str(asked)
    assert set(ActivityEntry.objects.filter(actor=user).values_list("actor_email", flat=True)) == {user.email}


def test_a_talent_without_programme_records_loses_the_profile_too(
    talent, talent_application, manager, django_capture_on_commit_callbacks
):
    cv = Path(talent_application.cv.path)
    DayLogFactory(talent=talent.talent_profile, cohort=talent_application.cohort)
    request = erasure.request_erasure(talent, by=talent)
    erasure.confirm_erasure(request, by=manager)
    with django_capture_on_commit_callbacks(execute=True):  # CV files are deleted at commit
        erasure.erase_account(request)

    assert not TalentProfile.objects.filter(user=talent).exists()
    assert not Application.objects.filter(pk=talent_application.pk).exists()
    assert User.objects.get(pk=talent.pk).is_active is False
    assert rows_mentioning(TALENT_EMAIL) == {}
    assert not cv.exists()


def test_a_host_member_is_erased_and_the_feedback_they_gave_stays_without_them(
    media_root, host_member, talent_placement, manager
):
    feedback = Evaluation.objects.create(
        placement=talent_placement, side="host", author=host_member, project_rating=4, support_rating=5,
        growth_rating=4, comments="A strong contributor.",
    )  # fmt: skip
    OutboundEmailFactory(to=host_member.email)
    request = erasure.request_erasure(host_member, by=host_member)
    erasure.confirm_erasure(request, by=manager)
    erasure.erase_account(request)

    feedback.refresh_from_db()
    assert feedback.author is None and feedback.project_rating == 4
    assert feedback.comments == "A strong contributor."  # the talent's record, in the host's words
    assert not HostMembership.objects.filter(user=host_member).exists()
    assert rows_mentioning(host_member.email) == {}
    assert rows_mentioning("Elin Berg") == {}
    assert rows_mentioning("Berg").keys() <= {"courses.PublicBody.name"}  # Sundbyberg, Bergs kommun: not her


def test_asking_twice_is_refused_and_a_request_can_be_taken_back(client, talent):
    client.force_login(talent)
    client.post(reverse("portal:request_erasure"), {"understood": "on"})
    again = client.post(reverse("portal:request_erasure"), {"understood": "on"}, follow=True)
    assert "already asked" in again.content.decode()
    asked = erasure_request_of(talent)

    client.post(reverse("portal:cancel_erasure", args=[asked.uuid]))

    asked.refresh_from_db()
    assert asked.status == ErasureStatus.CANCELLED
    assert TalentProfile.objects.filter(user=talent).exists()


def test_asking_without_ticking_the_box_asks_nothing_and_says_why(client, talent):
    client.force_login(talent)
    response = client.post(reverse("portal:request_erasure"), {})
    assert response.status_code == 200
    assert "Tick this box" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_a_refused_or_cancelled_request_is_never_carried_out(talent, other_talent, manager):
    refused = erasure.refuse_erasure(erasure.request_erasure(talent, by=talent), by=manager)
    cancelled = erasure.cancel_erasure(erasure.request_erasure(other_talent, by=other_talent), by=other_talent)
    for request in (refused, cancelled):
        erasure.erase_account(request)
        assert User.objects.get(pk=request.user_id).is_active
    with pytest.raises(ValidationError, match="cannot be changed"):
        erasure.confirm_erasure(refused, by=manager)


@pytest.mark.xdist_group("celery")
def test_confirming_while_the_broker_is_down_commits_without_an_error_page(transactional_db, client, talent, manager):
    asked = erasure.request_erasure(talent, by=talent)
    client.force_login(manager)
    changelist = reverse("admin:accounts_erasurerequest_changelist")
    with app_on_broker(ThrowawayRedis().url):  # never started: nothing answers on its port
        response = client.post(changelist, {"action": "confirm_erasure", "_selected_action": [asked.pk], "index": 0})
    assert response.status_code == 302
    assert ErasureRequest.objects.get(pk=asked.pk).status == ErasureStatus.CONFIRMED


def test_a_confirmed_request_whose_task_was_lost_is_erased_by_the_overdue_sweep(talent, manager):
    asked = erasure.request_erasure(talent, by=talent)
    erasure.confirm_erasure(asked, by=manager)  # in a test transaction: on_commit never runs, the task is "lost"
    assert erasure.erase_overdue_requests(older_than=timedelta(minutes=10)) == 0  # not overdue yet

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert erasure.erase_overdue_requests(older_than=timedelta(minutes=10)) == 1

    assert ErasureRequest.objects.get(pk=asked.pk).status == ErasureStatus.ERASED
    talent.refresh_from_db()
    assert not talent.is_active
    assert "@erased.invalid" in talent.email
    assert erasure.erase_overdue_requests(older_than=timedelta(minutes=10)) == 0  # nothing twice
