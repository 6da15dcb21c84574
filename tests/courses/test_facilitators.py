"""Facilitators: the invitation's life, and the pages that show a facilitator their own sessions only."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.choices import PartnerOrganisation
from courses.facilitator_sessions import PAST_PER_PAGE
from courses.models import Facilitator, FacilitatorInvitation
from courses.services.facilitators import (
    accept_facilitator_invitation,
    invite_facilitator,
    withdraw_facilitator_invitation,
)
from eyeforai.accounts.choices import Role
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from talents.models import TalentProfile
from tests.courses.factories import BookingFactory, FacilitatorFactory, InPersonSessionFactory, SessionFactory
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import delivered_text

pytestmark = pytest.mark.django_db

SESSIONS = reverse("facilitators:sessions")


def link_in(email):
    return re.search(r"https?://[^/\s]+(/facilitator/invitation/[^/\s]+/)", delivered_text(email)).group(1)


def invitation_url(invitation):
    return reverse("facilitators:invitation", args=[invitation.token])


def session_url(session):
    return reverse("facilitators:session", args=[session.uuid])


@pytest.fixture
def invitation(course_manager):
    return invite_facilitator("Erik.Lind@SKR.example.se", PartnerOrganisation.SKR, by=course_manager)


# --- The invitation -----------------------------------------------------------------------------


def test_inviting_emails_a_single_use_link_and_stores_only_its_digest(invitation, course_manager):
    email = OutboundEmail.objects.get(template="courses/facilitator_invitation")
    assert email.to == "erik.lind@skr.example.se"
    assert email.carries_secret
    assert link_in(email) == invitation_url(invitation)
    assert "SKR" in delivered_text(email)
    assert timedelta(days=13) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    stored = FacilitatorInvitation.objects.values_list("token_digest", flat=True).get()
    assert invitation.token not in stored
    assert ActivityEntry.objects.filter(action="facilitator_invitation.sent", actor=course_manager).exists()


def test_inviting_again_renews_the_open_invitation_and_kills_the_old_link(client, invitation, course_manager):
    renewed = invite_facilitator("erik.lind@skr.example.se", PartnerOrganisation.GOVERNO, by=course_manager)

    assert FacilitatorInvitation.objects.get().organisation == PartnerOrganisation.GOVERNO
    assert OutboundEmail.objects.filter(template="courses/facilitator_invitation").count() == 2
    old = client.get(invitation_url(invitation))
    assert old.status_code == 404
    assert "not valid" in old.content.decode()
    assert client.get(invitation_url(renewed)).status_code == 200


@pytest.mark.parametrize("person", ["participant", "talent", "host_member"])
def test_someone_who_holds_another_role_cannot_be_invited(person, request, course_manager):
    user = request.getfixturevalue(person)
    with pytest.raises(ValidationError, match="holds one role"):
        invite_facilitator(user.email.upper(), PartnerOrganisation.SKR, by=course_manager)
    assert not FacilitatorInvitation.objects.exists()
    assert not OutboundEmail.objects.filter(template="courses/facilitator_invitation").exists()


def test_signing_up_from_the_link_and_confirming_the_address_makes_a_facilitator(client, invitation):
    page = client.get(invitation_url(invitation)).content.decode()
    assert "erik.lind@skr.example.se" in page
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")

    client.post(
        signup_url,
        {"email": invitation.email, "password1": "A long enough pass 42", "password2": "A long enough pass 42"},
    )
    assert not Facilitator.objects.exists(), "not before the address is verified"
    confirmation = OutboundEmail.objects.get(to=invitation.email, template__startswith="account/")
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", delivered_text(confirmation)).group(1)
    client.post(confirm)

    facilitator = Facilitator.objects.select_related("user").get()
    assert facilitator.user.email == invitation.email
    assert facilitator.organisation == PartnerOrganisation.SKR
    assert facilitator.user.role == Role.FACILITATOR
    assert not TalentProfile.objects.filter(user=facilitator.user).exists(), "not a talent applying"
    invitation.refresh_from_db()
    assert invitation.accepted_by == facilitator.user
    assert client.get(SESSIONS).status_code == 200
    # Following the link again leads to their sessions.
    assert client.get(invitation_url(invitation))["Location"] == SESSIONS


def test_an_existing_account_that_signs_in_from_the_link_becomes_a_facilitator(client, course_manager):
    user = UserFactory(email="sofia.nyberg@governo.example.se")
    invitation = invite_facilitator(user.email, PartnerOrganisation.GOVERNO, by=course_manager)

    page = client.get(invitation_url(invitation)).content.decode()
    login_url = re.search(r'href="(/accounts/login/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.post(login_url, {"login": user.email, "password": PASSWORD})

    assert Facilitator.objects.get(user=user).organisation == PartnerOrganisation.GOVERNO
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == SESSIONS
    assert "You are a facilitator" in response.content.decode()


def test_a_signed_in_owner_of_the_address_accepts_on_the_page(client, course_manager):
    user = UserFactory(email="sofia.nyberg@governo.example.se")
    client.force_login(user)  # before the invitation, so signing in binds nothing
    invitation = invite_facilitator(user.email, PartnerOrganisation.AI_SWEDEN, by=course_manager)

    page = client.get(invitation_url(invitation)).content.decode()
    assert "Accept the invitation" in page
    response = client.post(invitation_url(invitation))

    assert response["Location"] == SESSIONS
    assert Facilitator.objects.get(user=user).organisation == PartnerOrganisation.AI_SWEDEN
    assert ActivityEntry.objects.filter(action="facilitator_invitation.accepted", actor=user).exists()


def test_a_used_link_works_once(client, invitation):
    first = UserFactory(email=invitation.email)
    accept_facilitator_invitation(invitation, user=first)
    stranger = UserFactory(email="stranger@example.org")
    EmailAddress.objects.create(user=stranger, email=invitation.email.upper(), verified=False)
    client.force_login(stranger)

    response = client.post(invitation_url(invitation))

    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert invitation.email not in response.content.decode()
    assert Facilitator.objects.count() == 1
    with pytest.raises(ValidationError, match="already been used"):
        accept_facilitator_invitation(invitation, user=stranger)


def test_an_expired_link_is_not_valid_and_signing_in_binds_nothing(client, invitation):
    user = UserFactory(email=invitation.email)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(invitation_url(invitation))
        client.force_login(user)
        with pytest.raises(ValidationError, match="expired"):
            accept_facilitator_invitation(invitation, user=user)

    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert invitation.email not in response.content.decode()
    assert not Facilitator.objects.exists()


def test_an_unknown_link_says_not_valid_and_names_no_address(client, invitation):
    response = client.get(reverse("facilitators:invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert "@" not in response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_someone_signed_in_with_another_address_is_told_to_switch(client, invitation):
    other = UserFactory(email="someone.else@example.org")
    client.force_login(other)

    response = client.post(invitation_url(invitation))

    assert "signed in with another address" in response.content.decode()
    assert not Facilitator.objects.exists()
    with pytest.raises(ValidationError, match="another email address"):
        accept_facilitator_invitation(invitation, user=other)


def test_a_talent_with_the_invited_address_is_refused(client, invitation, talent):
    EmailAddress.objects.create(user=talent, email=invitation.email, verified=True)
    client.force_login(talent)  # signing in tries to bind it, and cannot

    response = client.post(invitation_url(invitation))

    assert response.status_code == 409
    assert "holds one role" in response.content.decode()
    assert not Facilitator.objects.exists()
    with pytest.raises(ValidationError, match="holds one role") as refused:
        accept_facilitator_invitation(invitation, user=talent)
    assert refused.value.code == "other_role"
    talent.refresh_from_db()
    assert talent.role == Role.TALENT


def test_a_withdrawn_invitation_link_is_not_valid(client, invitation, course_manager):
    withdraw_facilitator_invitation(invitation, by=course_manager)

    assert client.get(invitation_url(invitation)).status_code == 404
    assert ActivityEntry.objects.filter(action="facilitator_invitation.withdrawn").exists()


def test_a_used_invitation_cannot_be_withdrawn(invitation, course_manager):
    accept_facilitator_invitation(invitation, user=UserFactory(email=invitation.email))
    with pytest.raises(ValidationError, match="already accepted"):
        withdraw_facilitator_invitation(invitation, by=course_manager)


# --- Their sessions --------------------------------------------------------------------------------


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory(
        user=UserFactory(email="erik.lind@skr.example.se", first_name="Erik", last_name="Lind", role=Role.FACILITATOR)
    )


@pytest.fixture
def as_facilitator(client, facilitator):
    client.force_login(facilitator.user)
    return client


def test_a_facilitator_sees_their_own_sessions_upcoming_first_then_past(as_facilitator, facilitator):
    now = timezone.now()
    later = InPersonSessionFactory(city="Umeå", starts_at=now + timedelta(days=30), capacity=12)
    sooner = SessionFactory(starts_at=now + timedelta(days=3))
    past = InPersonSessionFactory(city="Malmö", starts_at=now - timedelta(days=10))
    for session in (later, sooner, past):
        session.facilitators.add(facilitator)
    InPersonSessionFactory(city="Kiruna")  # someone else's
    BookingFactory(session=later)
    BookingFactory(session=later, attended_at=now)
    BookingFactory(session=later, ended_at=now, end_reason="cancelled")

    page = as_facilitator.get(SESSIONS).content.decode()

    assert "Kiruna" not in page
    assert page.index("Digital") < page.index("Umeå") < page.index("Malmö")
    assert "2 of 12 seats" in page


def test_another_facilitators_session_is_a_404_everywhere(as_facilitator, facilitator):
    theirs = SessionFactory()
    theirs.facilitators.add(FacilitatorFactory())
    booking = BookingFactory(session=theirs)

    assert as_facilitator.get(session_url(theirs)).status_code == 404
    assert as_facilitator.get(reverse("facilitators:export", args=[theirs.uuid])).status_code == 404
    attendance = reverse("facilitators:attendance", args=[theirs.uuid, booking.uuid])
    assert as_facilitator.post(attendance, {"attended": "1"}).status_code == 404
    booking.refresh_from_db()
    assert booking.attended_at is None


@pytest.mark.parametrize("person", ["participant", "talent", "course_manager"])
def test_people_who_are_not_facilitators_get_a_404(person, client_for):
    session = SessionFactory()
    client = client_for(person)
    assert client.get(SESSIONS).status_code == 404
    assert client.get(session_url(session)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(SESSIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("session_count", [1, 8, 30])
def test_the_sessions_page_issues_a_fixed_number_of_queries(
    as_facilitator, facilitator, session_count, django_assert_num_queries
):
    for number in range(session_count):
        session = SessionFactory(starts_at=timezone.now() + timedelta(days=number - session_count // 2))
        session.facilitators.add(facilitator)
        BookingFactory(session=session)
    # session, the user with their facilitator row, the upcoming sessions with a page of past ones
    with django_assert_num_queries(3):
        assert as_facilitator.get(SESSIONS).status_code == 200


def past_sessions(facilitator, count):
    """`count` past sessions of `facilitator`, one a week back from last week: Västerås is the latest."""
    now = timezone.now()
    sessions = [
        InPersonSessionFactory(city=f"Västerås {number}", venue="", starts_at=now - timedelta(weeks=number))
        for number in range(1, count + 1)
    ]
    for session in sessions:
        session.facilitators.add(facilitator)
    return sessions


def test_past_sessions_come_ten_a_page_latest_first(as_facilitator, facilitator):
    SessionFactory().facilitators.add(facilitator)  # upcoming: on every page
    past_sessions(facilitator, PAST_PER_PAGE + 3)

    first = as_facilitator.get(SESSIONS).content.decode()
    second = as_facilitator.get(SESSIONS, {"page": 2}).content.decode()

    assert [f"Västerås {n}<" in first for n in range(1, 14)] == [True] * 10 + [False] * 3
    assert [f"Västerås {n}<" in second for n in range(1, 14)] == [False] * 10 + [True] * 3
    assert first.index("Västerås 1<") < first.index("Västerås 2<")
    assert 'href="?page=2#past-title" rel="next">Earlier sessions</a>' in first
    assert "Later sessions" not in first
    assert 'href="?page=1#past-title" rel="prev">Later sessions</a>' in second
    assert "Earlier sessions" not in second
    assert first.count("Digital") == second.count("Digital") == 2  # the upcoming session: place and format


def test_one_page_of_past_sessions_has_no_page_links(as_facilitator, facilitator):
    past_sessions(facilitator, PAST_PER_PAGE)
    page = as_facilitator.get(SESSIONS).content.decode()
    assert "Västerås 10<" in page
    assert 'class="pagination"' not in page


@pytest.mark.parametrize("page", ["3", "0", "-1", "two", "123456"])
def test_a_page_of_past_sessions_that_is_not_there_is_a_404(as_facilitator, facilitator, page):
    past_sessions(facilitator, PAST_PER_PAGE + 1)
    assert as_facilitator.get(SESSIONS, {"page": page}).status_code == 404
