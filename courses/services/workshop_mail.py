"""The one way a workshop email is queued: to the participant, in their language, about one session, with a
link to their workshop page and, for people booked on it, the session's calendar file."""

from django.urls import reverse

from courses.calendar import session_ics
from eyeforai.mail.services import queue_email


def tell_participant(participant, session, *, key, template, with_calendar=False, **context):
    """Queue 'courses/<template>' for `participant` about `session` (once per `key`); `context` adds what
    that email names besides the person, the session and the page (a deadline, a place in line, …)."""
    return queue_email(
        key=key,
        to=participant.user.email,
        template=f"courses/{template}",
        context={
            "name": participant.user.first_name,
            "session": session,
            "workshops_path": reverse("courses:workshops"),
            **context,
        },
        attachment=(lambda: session_ics(session)) if with_calendar else None,
    )
