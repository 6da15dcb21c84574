"""Who gets what on each course URL (merged into tests/test_access_matrix.py).

The course page and a statement's verification are public. Joining starts at sign-up for anonymous
visitors; a talent or host member is told why this account cannot join (409: the account holds another
role). A participant's pages (their overview, the lessons and their images, their statement) are for
participants only: anyone else signed in gets a 404. Lessons and their images are the course's shared
content, so the other participant reads them too; lesson images are also for course managers (who put
them in lessons). The course's admin is the course managers'; a programme manager holds no grant there.

Workshops (part 2): the booking pages and actions are a participant's (each action acts on their own
booking or waiting place: with none, it says so and sends them back). A facilitator's pages answer only
the facilitators, and a session's pages only the facilitators who run it: `other_facilitator` gets a 404
on `facilitator`'s session. The invitation link answers a link that matches no invitation with one neutral
404 page, whoever asks. The road to 800 is the course managers' admin page.
A facilitator elsewhere gets what a participant gets (tests/access.py: AS_PARTICIPANT), except on the
participant pages here, where they say "404".
"""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, ROLES, SIGNUP, Expect, course_managers_only, public
from tests.courses.factories import BookingFactory, SessionFactory

REDIRECT = 302
OTHER_ROLE = 409  # courses/views/joining.py: "this account is a talent's / a host member's"


def participants_only(**overrides):
    answers = {
        "anonymous": LOGIN,
        "talent": NOT_FOUND,
        "other_talent": NOT_FOUND,
        "host_member": NOT_FOUND,
        "other_host_member": NOT_FOUND,
        "manager": NOT_FOUND,
        "participant": OK,
        "other_participant": OK,
        "course_manager": NOT_FOUND,
        # A facilitator runs workshops; they are not on the course.
        "facilitator": NOT_FOUND,
        "other_facilitator": NOT_FOUND,
    }
    return Expect(**{**answers, **overrides})


def facilitators_only(**overrides):
    """`facilitator`'s own pages: every facilitator has a list of their own; anyone else gets a 404."""
    answers = {
        "anonymous": LOGIN,
        "talent": NOT_FOUND,
        "other_talent": NOT_FOUND,
        "host_member": NOT_FOUND,
        "other_host_member": NOT_FOUND,
        "manager": NOT_FOUND,
        "participant": NOT_FOUND,
        "other_participant": NOT_FOUND,
        "course_manager": NOT_FOUND,  # works in the admin
        "facilitator": OK,
        "other_facilitator": OK,
    }
    return Expect(**{**answers, **overrides})


def their_session(name, *, booking=False):
    """A URL on `facilitator`'s session (`other_facilitator` runs another), with a booking on it if asked."""

    def build(fixture):
        session = fixture("facilitated_session")
        args = [session.uuid]
        if booking:
            args.append(BookingFactory(session=session).uuid)
        return reverse(name, args=args)

    return build


def booked_calendar(fixture):
    """`participant` is booked on a session; `other_participant` is not (their calendar file is a 404)."""
    BookingFactory(participant=fixture("participant").course_participant)
    return reverse("courses:booking_calendar")


def session_admin_url(name):
    return lambda fixture: reverse(name, args=[SessionFactory().pk])


def statement_url(fixture):
    """`participant` has completed part 1; `other_participant` has not."""
    fixture("completed_participant")
    return reverse("courses:statement")


def verify_url(fixture):
    code = fixture("completed_participant").course_participant.certificate_code
    return reverse("courses:verify", args=[code])


ENTRIES = {
    "courses:course": public(),
    "courses:join": Expect(
        anonymous=SIGNUP,
        talent=OTHER_ROLE,
        other_talent=OTHER_ROLE,
        host_member=OTHER_ROLE,
        other_host_member=OTHER_ROLE,
        manager=OTHER_ROLE,  # staff work in the admin; their account is not a leader's
        participant=REDIRECT,  # on to /course/me/
        other_participant=REDIRECT,
        course_manager=OTHER_ROLE,
        facilitator=OTHER_ROLE,
        other_facilitator=OTHER_ROLE,
    ),
    "courses:overview": participants_only(),
    "courses:lesson": participants_only(
        url=lambda fixture: reverse("courses:lesson", args=[fixture("course_lesson").uuid])
    ),
    "courses:image": participants_only(
        course_manager=OK,
        url=lambda fixture: reverse("courses:image", args=[fixture("course_lesson_image").uuid]),
    ),
    # Before part 1 is complete the overview says when the statement will be ready.
    "courses:statement": participants_only(other_participant=REDIRECT, url=statement_url),
    "courses:verify": public(url=verify_url),
    "admin:courses_participant_changelist": course_managers_only(),
    "admin:courses_participant_export": course_managers_only(),
    # --- Workshops: a participant's pages. Before part 1 is done a booking is refused with a message.
    "courses:workshops": participants_only(),
    "courses:book": participants_only(
        participant=REDIRECT,
        other_participant=REDIRECT,
        method="post",
        url=lambda fixture: reverse("courses:book", args=[SessionFactory().uuid]),
    ),
    # Nothing to cancel, accept or leave: a message, and back to the workshops page.
    "courses:cancel_booking": participants_only(participant=REDIRECT, other_participant=REDIRECT, method="post"),
    "courses:accept_offer": participants_only(participant=REDIRECT, other_participant=REDIRECT, method="post"),
    "courses:leave_waiting_list": participants_only(participant=REDIRECT, other_participant=REDIRECT, method="post"),
    "courses:booking_calendar": participants_only(other_participant=NOT_FOUND, url=booked_calendar),
    # --- A facilitator's pages.
    "facilitators:sessions": facilitators_only(),
    "facilitators:session": facilitators_only(other_facilitator=NOT_FOUND, url=their_session("facilitators:session")),
    "facilitators:export": facilitators_only(other_facilitator=NOT_FOUND, url=their_session("facilitators:export")),
    # Before the session's day attendance is refused with a message, back on the session's page.
    "facilitators:attendance": facilitators_only(
        facilitator=REDIRECT,
        other_facilitator=NOT_FOUND,
        method="post",
        data={"attended": "1"},
        url=their_session("facilitators:attendance", booking=True),
    ),
    # An unknown token: the same neutral page (naming no address) for everyone, signed in or not.
    "facilitators:invitation": Expect(
        **dict.fromkeys(ROLES, NOT_FOUND),
        url=lambda fixture: reverse("facilitators:invitation", args=["not-a-token"]),
    ),
    # --- The course's admin: sessions, and the road to 800.
    "admin:courses_session_cancel": course_managers_only(url=session_admin_url("admin:courses_session_cancel")),
    "admin:courses_session_delete": course_managers_only(url=session_admin_url("admin:courses_session_delete")),
    "portal:road_to_800": course_managers_only(),
    "portal:road_to_800_export": course_managers_only(),
}
