"""The course managers' admin for workshops: sessions (capacity, cancelling, deleting), bookings and waiting
lists (read-only), facilitators and their invitations."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.choices import BookingEnd, PartnerOrganisation, SessionFormat, WaitingOutcome
from courses.models import Booking, FacilitatorInvitation, Session, WaitingListEntry
from courses.services.bookings import book
from courses.services.facilitators import invite_facilitator
from courses.services.sessions import cancel_session
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import (
    BookingFactory,
    CompletedPartOneParticipantFactory,
    FacilitatorFactory,
    InPersonSessionFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

FORBIDDEN = 403

WORKSHOP_LISTS = [
    "admin:courses_session_changelist",
    "admin:courses_booking_changelist",
    "admin:courses_waitinglistentry_changelist",
    "admin:courses_facilitator_changelist",
    "admin:courses_facilitatorinvitation_changelist",
]


@pytest.fixture
def staff_client(client, course_manager):
    client.force_login(course_manager)
    return client


def waiting_entry(session):
    """A participant in `session`'s waiting list (the session must be full), through the service."""
    participant = CompletedPartOneParticipantFactory()
    entry = book(participant, session, by=participant.user)
    assert isinstance(entry, WaitingListEntry)
    return entry


def full_session(capacity=1, waiting=1, **fields):
    """A session with every seat booked and `waiting` people in line."""
    session = SessionFactory(capacity=capacity, **fields)
    bookings = [BookingFactory(session=session) for _ in range(capacity)]
    entries = [waiting_entry(session) for _ in range(waiting)]
    session.refresh_from_db()
    return session, bookings, entries


def session_post(session, **changes):
    """The session's change form as the browser posts it, with its two read-only inlines."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    data = {
        "format": session.format,
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M:%S"),
        "language": session.language,
        "organisation": session.organisation,
        "facilitators": [facilitator.pk for facilitator in session.facilitators.all()] if session.pk else [],
        "meeting_url": session.meeting_url,
        "city": session.city,
        "venue": session.venue,
        "address": session.address,
        "region": session.region_id or "",
        "capacity": session.capacity,
        "offer_hours": session.offer_hours,
    }
    if session.open_to_started:
        data["open_to_started"] = "on"
    inlines = {
        "bookings": Booking.objects.active().filter(session=session).order_by("booked_at", "pk") if session.pk else [],
        "waiting_list": WaitingListEntry.objects.open().filter(session=session) if session.pk else [],
    }
    for prefix, queryset in inlines.items():
        rows = list(queryset)
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": len(rows),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-id": row.pk, f"{prefix}-{index}-session": session.pk}
    return data | changes


def change_url(session):
    return reverse("admin:courses_session_change", args=[session.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Pages open for a course manager, and only for them ---------------------------------------------------


@pytest.mark.parametrize("name", WORKSHOP_LISTS)
def test_a_course_manager_opens_the_workshop_lists(staff_client, name):
    full_session()
    FacilitatorFactory()
    invite_facilitator("new.facilitator@skr.example.se", PartnerOrganisation.SKR, by=None)
    assert staff_client.get(reverse(name)).status_code == 200


def test_a_course_manager_opens_each_change_page_and_the_add_pages(staff_client):
    session, [booking], [entry] = full_session()
    facilitator = FacilitatorFactory()
    session.facilitators.add(facilitator)
    invitation = invite_facilitator("new.facilitator@skr.example.se", PartnerOrganisation.SKR, by=None)

    page = staff_client.get(change_url(session))
    assert page.status_code == 200
    text = page.content.decode()
    assert booking.participant.user.email in text and entry.participant.user.email in text
    assert reverse("admin:courses_session_cancel", args=[session.pk]) in text
    for name, row in [
        ("booking", booking),
        ("waitinglistentry", entry),
        ("facilitator", facilitator),
        ("facilitatorinvitation", invitation),
    ]:
        assert staff_client.get(reverse(f"admin:courses_{name}_change", args=[row.pk])).status_code == 200
    assert staff_client.get(reverse("admin:courses_session_add")).status_code == 200
    assert staff_client.get(reverse("admin:courses_facilitatorinvitation_add")).status_code == 200


def test_the_session_page_shows_each_place_in_line(staff_client):
    session, _bookings, [first, second, third] = full_session(capacity=1, waiting=3)
    now = timezone.now()
    WaitingListEntry.objects.filter(pk=first.pk).update(offered_at=now, offer_expires_at=now + timedelta(hours=48))
    page = staff_client.get(change_url(session))
    [waiting] = [inline for inline in page.context["inline_admin_formsets"] if inline.opts.model is WaitingListEntry]
    places = [(entry.pk, entry.offered_at is None and entry.place) for entry in waiting.formset.get_queryset()]
    assert places == [(first.pk, False), (second.pk, 1), (third.pk, 2)]


@pytest.mark.parametrize(
    "name", [*WORKSHOP_LISTS, "admin:courses_session_add", "admin:courses_facilitatorinvitation_add"]
)
def test_a_programme_manager_is_refused_the_workshop_admin(client, manager, name):
    client.force_login(manager)
    assert client.get(reverse(name)).status_code == FORBIDDEN


def test_a_programme_manager_cannot_cancel_a_session(client, manager):
    session, _bookings, _entries = full_session()
    client.force_login(manager)
    assert client.post(reverse("admin:courses_session_cancel", args=[session.pk])).status_code == FORBIDDEN
    session.refresh_from_db()
    assert not session.is_cancelled


def test_bookings_and_waiting_lists_are_read_only(staff_client):
    _session, [booking], _entries = full_session()
    assert staff_client.get(reverse("admin:courses_booking_add")).status_code == FORBIDDEN
    assert staff_client.get(reverse("admin:courses_waitinglistentry_add")).status_code == FORBIDDEN
    assert staff_client.post(reverse("admin:courses_booking_delete", args=[booking.pk])).status_code == FORBIDDEN
    assert Booking.objects.filter(pk=booking.pk).exists()
    page = staff_client.get(reverse("admin:courses_booking_changelist"))
    assert "delete_selected" not in page.content.decode()


def test_the_booking_list_is_searched_by_the_participants_email(staff_client):
    _session, [booking, _other], _entries = full_session(capacity=2, waiting=0)
    response = staff_client.get(reverse("admin:courses_booking_changelist"), {"q": booking.participant.user.email})
    assert list(response.context["cl"].result_list) == [booking]


@pytest.mark.parametrize("sessions", [1, 8])
def test_the_session_list_takes_fixed_queries(staff_client, django_assert_num_queries, sessions):
    for _ in range(sessions):
        full_session(capacity=2, waiting=2)
        InPersonSessionFactory()
    # The session, the user, their own and their groups' permissions; the region filter's choices; the
    # count (filtered and total); the page; the date hierarchy's range and days.
    with django_assert_num_queries(10):
        assert staff_client.get(reverse("admin:courses_session_changelist")).status_code == 200


@pytest.mark.parametrize("rows", [1, 8])
def test_the_booking_and_waiting_lists_take_fixed_queries(staff_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        full_session(capacity=2, waiting=1)
    for name in ("admin:courses_booking_changelist", "admin:courses_waitinglistentry_changelist"):
        with django_assert_max_num_queries(12):
            assert staff_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("rows", [1, 6])
def test_the_session_page_takes_fixed_queries(staff_client, django_assert_max_num_queries, rows):
    session, _bookings, _entries = full_session(capacity=rows, waiting=rows)
    session.facilitators.add(*[FacilitatorFactory() for _ in range(rows)])
    with django_assert_max_num_queries(22):
        assert staff_client.get(change_url(session)).status_code == 200


# --- Planning a session -----------------------------------------------------------------------------------


def test_a_course_manager_adds_an_in_person_session(staff_client):
    template = InPersonSessionFactory.build(region=InPersonSessionFactory().region)
    response = staff_client.post(reverse("admin:courses_session_add"), session_post(template))
    assert response.status_code == 302
    added = Session.objects.latest("pk")
    assert (added.city, added.format, added.seats_held) == ("Göteborg", SessionFormat.IN_PERSON, 0)


def test_a_digital_session_without_a_link_is_refused_next_to_the_link(staff_client):
    session = SessionFactory()
    response = staff_client.post(change_url(session), session_post(session, meeting_url=""))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["meeting_url"] == ["A digital session needs its meeting link."]
    assert "__all__" not in form.errors
    session.refresh_from_db()
    assert session.meeting_url


def test_a_capacity_below_the_seats_held_is_refused_and_nothing_is_saved(staff_client):
    session, _bookings, _entries = full_session(capacity=3, waiting=0)
    new_start = session.starts_at + timedelta(days=1)
    data = session_post(session, capacity=2, starts_at_0=timezone.localtime(new_start).strftime("%Y-%m-%d"))

    response = staff_client.post(change_url(session), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["capacity"] == ["3 seats are booked or offered; the capacity cannot be lower."]
    assert "3 seats are booked or offered" in response.content.decode()
    session.refresh_from_db()
    assert (session.capacity, session.seats_held, session.starts_at) == (3, 3, new_start - timedelta(days=1))


def test_a_larger_capacity_offers_the_new_seat_to_the_first_in_line(staff_client):
    session, _bookings, [first, second] = full_session(capacity=1, waiting=2)

    response = staff_client.post(change_url(session), session_post(session, capacity=2), follow=True)

    assert response.status_code == 200
    assert "A seat was offered to 1 person on the waiting list." in messages_of(response)
    session.refresh_from_db()
    assert (session.capacity, session.seats_held) == (2, 2)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_offered and not second.is_offered
    [offer] = OutboundEmail.objects.filter(template="courses/workshop_offer")
    assert offer.to == first.participant.user.email


# --- Cancelling a session ---------------------------------------------------------------------------------


def test_cancelling_a_session_names_who_is_emailed_then_emails_each_once(staff_client):
    session, [booking], [entry] = full_session(capacity=1, waiting=1)
    cancel_url = reverse("admin:courses_session_cancel", args=[session.pk])

    page = staff_client.get(cancel_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert booking.participant.user.email in text and entry.participant.user.email in text
    assert not OutboundEmail.objects.filter(template="courses/session_cancelled").exists()

    response = staff_client.post(cancel_url, follow=True)
    assert "The session was cancelled." in messages_of(response)
    response = staff_client.post(cancel_url, follow=True)  # a second post (back button) cancels nothing more
    assert "This session is already cancelled." in messages_of(response)

    session.refresh_from_db()
    assert session.is_cancelled and session.seats_held == 0
    booking.refresh_from_db()
    entry.refresh_from_db()
    assert booking.end_reason == BookingEnd.SESSION_CANCELLED
    assert entry.outcome == WaitingOutcome.SESSION_CANCELLED
    emailed = sorted(OutboundEmail.objects.filter(template="courses/session_cancelled").values_list("to", flat=True))
    assert emailed == sorted([booking.participant.user.email, entry.participant.user.email])


def test_the_cancel_action_leads_to_the_confirmation(staff_client):
    session, _bookings, _entries = full_session()
    response = staff_client.post(
        reverse("admin:courses_session_changelist"), {"action": "cancel_sessions", "_selected_action": [session.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:courses_session_cancel", args=[session.pk])
    session.refresh_from_db()
    assert not session.is_cancelled


def test_a_session_that_has_started_cannot_be_cancelled(staff_client):
    # Started ten minutes ago (the manager's sign-in is now: travelling in time would expire it).
    session, [booking], _entries = full_session(waiting=0, starts_at=timezone.now() - timedelta(minutes=10))
    cancel_url = reverse("admin:courses_session_cancel", args=[session.pk])
    assert f'href="{cancel_url}"' not in staff_client.get(change_url(session)).content.decode()

    response = staff_client.post(cancel_url, follow=True)

    assert "The session has started; it can no longer be cancelled." in messages_of(response)
    session.refresh_from_db()
    booking.refresh_from_db()
    assert not session.is_cancelled and booking.is_active
    assert not OutboundEmail.objects.filter(template="courses/session_cancelled").exists()


def test_a_cancelled_session_is_read_only_history(staff_client):
    session, _bookings, _entries = full_session()
    cancel_session(session, by=None)
    page = staff_client.get(change_url(session))
    assert page.status_code == 200
    assert "capacity" not in page.context["adminform"].form.fields
    assert reverse("admin:courses_session_cancel", args=[session.pk]) not in page.content.decode()


def test_the_session_list_filters_upcoming_past_and_cancelled(staff_client):
    upcoming = SessionFactory()
    past = SessionFactory(starts_at=timezone.now() - timedelta(days=3))
    cancelled = SessionFactory()
    cancel_session(cancelled, by=None)
    url = reverse("admin:courses_session_changelist")
    for state, session in [("upcoming", upcoming), ("past", past), ("cancelled", cancelled)]:
        assert list(staff_client.get(url, {"state": state}).context["cl"].result_list) == [session]


# --- Deleting a session -----------------------------------------------------------------------------------


def test_a_session_with_bookings_is_not_deleted_and_the_manager_is_told_why(staff_client):
    session, _bookings, _entries = full_session()
    delete_url = reverse("admin:courses_session_delete", args=[session.pk])

    response = staff_client.post(delete_url, {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert any("cannot be deleted. Cancel it instead." in message for message in messages_of(response))
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_session_nobody_booked_is_deleted(staff_client):
    session = SessionFactory()
    response = staff_client.post(reverse("admin:courses_session_delete", args=[session.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


# --- Facilitators and their invitations -------------------------------------------------------------------


def test_a_course_manager_invites_a_facilitator_and_the_email_carries_the_secret(staff_client, course_manager):
    response = staff_client.post(
        reverse("admin:courses_facilitatorinvitation_add"),
        {"email": "Anna.Berg@Governo.example.se", "organisation": PartnerOrganisation.GOVERNO},
    )
    assert response.status_code == 302
    invitation = FacilitatorInvitation.objects.get()
    assert (invitation.email, invitation.organisation) == ("anna.berg@governo.example.se", PartnerOrganisation.GOVERNO)
    assert invitation.invited_by == course_manager
    [email] = OutboundEmail.objects.filter(template="courses/facilitator_invitation")
    assert email.to == "anna.berg@governo.example.se" and email.carries_secret


def test_inviting_someone_with_another_role_is_refused_next_to_the_email(staff_client, participant):
    response = staff_client.post(
        reverse("admin:courses_facilitatorinvitation_add"),
        {"email": participant.email, "organisation": PartnerOrganisation.SKR},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "cannot also be a facilitator" in " ".join(errors["email"])
    assert not FacilitatorInvitation.objects.exists()
    assert not OutboundEmail.objects.filter(template="courses/facilitator_invitation").exists()


def test_the_invitation_list_says_pending_accepted_or_expired(staff_client):
    pending = invite_facilitator("pending@skr.example.se", PartnerOrganisation.SKR, by=None)
    expired = invite_facilitator("expired@skr.example.se", PartnerOrganisation.SKR, by=None)
    FacilitatorInvitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    accepted = invite_facilitator("accepted@skr.example.se", PartnerOrganisation.SKR, by=None)
    user = get_user_model().objects.create(email="accepted@skr.example.se")
    FacilitatorInvitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now(), accepted_by=user)

    url = reverse("admin:courses_facilitatorinvitation_changelist")
    for state, invitation in [("pending", pending), ("expired", expired), ("accepted", accepted)]:
        response = staff_client.get(url, {"state": state})
        assert list(response.context["cl"].result_list) == [invitation]
        assert f'<td class="field-state">{state}</td>' in response.content.decode()


def test_withdrawing_deletes_unused_invitations_only(staff_client):
    unused = invite_facilitator("unused@skr.example.se", PartnerOrganisation.SKR, by=None)
    used = invite_facilitator("used@skr.example.se", PartnerOrganisation.SKR, by=None)
    FacilitatorInvitation.objects.filter(pk=used.pk).update(accepted_at=timezone.now())

    response = staff_client.post(
        reverse("admin:courses_facilitatorinvitation_changelist"),
        {"action": "withdraw", "_selected_action": [unused.pk, used.pk]},
        follow=True,
    )

    assert not FacilitatorInvitation.objects.filter(pk=unused.pk).exists()
    assert FacilitatorInvitation.objects.filter(pk=used.pk).exists()
    texts = messages_of(response)
    assert "1 invitation withdrawn." in texts
    assert any("has already accepted" in text for text in texts)


@pytest.mark.parametrize("rows", [1, 8])
def test_the_facilitator_list_counts_sessions_in_fixed_queries(staff_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        facilitator = FacilitatorFactory()
        SessionFactory().facilitators.add(facilitator)
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("admin:courses_facilitator_changelist"))
    assert '<td class="field-session_count">1</td>' in response.content.decode()
