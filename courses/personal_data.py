"""The course's part of a person's data export (the whole export: portal/personal_data.py).

A participant's: their participant row (title, role, organisation, completion dates, certificate code);
per lesson they opened, where they stand and their latest answers as the texts they chose (lesson,
question and answer texts in the language of the request, as the participant reads them in the course);
their workshop bookings and waiting-list places. A facilitator's: their facilitator row, the invitations
sent to their addresses and the sessions they run (when and where: never the participants booked on them).
A fixed number of queries, whatever the number of rows."""

import uuid

from courses.models import (
    Booking,
    Choice,
    Facilitator,
    FacilitatorInvitation,
    LessonProgress,
    Participant,
    WaitingListEntry,
)
from eyeforai.personal_data import any_address, as_row


def participant_of_user(user):
    """The user's Participant with its organisation, or None: one query."""
    return Participant.objects.filter(user=user).select_related("public_body").first()


def _chosen(progress):
    """{question uuid: {choice uuid, …}} of a progress row's latest answers, valid uuids only
    (the answers are JSON: their shape is checked, not trusted)."""
    answers = progress.answers if isinstance(progress.answers, dict) else {}
    chosen = {}
    for question, choices in answers.items():
        for value in choices if isinstance(choices, list) else ():
            try:
                chosen.setdefault(str(question), set()).add(uuid.UUID(str(value)))
            except ValueError:
                continue
    return chosen


def _answers(chosen, choices):
    """The latest answers to one lesson's check by question position: the question's text and the texts
    of the choices made. A question or choice a course manager has deleted since is left out."""
    by_question = {}
    for question_uuid, keys in chosen.items():
        for key in keys:
            choice = choices.get(key)
            if choice is not None and str(choice.question.uuid) == question_uuid:
                by_question.setdefault(choice.question, []).append(choice)
    return [
        {"question": question.text, "answers": [choice.text for choice in sorted(picked, key=lambda c: c.position)]}
        for question, picked in sorted(by_question.items(), key=lambda item: item[0].position)
    ]


def _session(session):
    """When and where a workshop session is (in the language of the request): no one else's data."""
    return {
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "format": session.get_format_display(),
        "place": session.place,
        "venue": session.venue,
        "address": session.address,
        "language": session.get_language_display(),
        "organisation": session.get_organisation_display(),
        "cancelled_at": session.cancelled_at,
    }


def _bookings(participant):
    bookings = Booking.objects.filter(participant=participant).select_related("session").order_by("booked_at", "pk")
    return [
        {
            "session": _session(booking.session),
            "booked_at": booking.booked_at,
            "ended_at": booking.ended_at,
            "end_reason": booking.get_end_reason_display(),
            "attended_at": booking.attended_at,
        }
        for booking in bookings
    ]


def _waiting_list(participant):
    entries = WaitingListEntry.objects.filter(participant=participant).select_related("session")
    return [
        {
            "session": _session(entry.session),
            "joined_at": entry.joined_at,
            "offered_at": entry.offered_at,
            "offer_expires_at": entry.offer_expires_at,
            "ended_at": entry.ended_at,
            "outcome": entry.get_outcome_display(),
        }
        for entry in entries.order_by("joined_at", "pk")
    ]


def course_data(participant):
    """`participant` (from participant_of_user: its organisation loaded) as plain data: five queries."""
    progress = LessonProgress.objects.filter(participant=participant).select_related("lesson")
    rows = [(row, _chosen(row)) for row in progress.order_by("lesson__position")]
    keys = {key for _row, chosen in rows for keys in chosen.values() for key in keys}
    choices = {choice.uuid: choice for choice in Choice.objects.filter(uuid__in=keys).select_related("question")}
    return {
        # With the date the self-study part was completed and the code printed on the statement
        # (/course/verify/<code>/ confirms it once the part is completed).
        "participant": {**as_row(participant, exclude={"user"}), "organisation": participant.organisation_name},
        "lessons": [
            {
                "lesson": row.lesson.title,
                "opened_at": row.opened_at,
                "attempts": row.attempts,
                "correct": row.correct,
                "passed_at": row.passed_at,
                "latest_answers": _answers(chosen, choices),
            }
            for row, chosen in rows
        ],
        "workshop_bookings": _bookings(participant),
        "workshop_waiting_list": _waiting_list(participant),
    }


def facilitator_data(user, *, addresses):
    """A facilitator's rows as plain data: three queries. Their row (None once it is gone), the invitations
    sent to `addresses` (lower case), and the sessions they facilitate, without the people booked on them."""
    facilitator = Facilitator.objects.filter(user=user).first()
    invitations = FacilitatorInvitation.objects.filter(any_address("email", addresses)).order_by("created_at", "pk")
    sessions = facilitator.sessions.order_by("starts_at", "pk") if facilitator is not None else []
    return {
        "facilitator": as_row(facilitator, exclude={"user"}) if facilitator is not None else None,
        "invitations": [
            {
                "email": invitation.email,
                "organisation": invitation.get_organisation_display(),
                "sent_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in invitations
        ],
        "sessions": [_session(session) for session in sessions],
    }
