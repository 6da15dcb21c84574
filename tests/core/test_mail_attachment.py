"""An email's one attachment (a workshop's calendar file): kept on the outbox row, built into the message,
delivered with it, and emptied with the body under the retention rules."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone, translation

from courses.services import bookings
from eyeforai.mail import services
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.retention import discard_old_bodies
from tests.courses.factories import CompletedPartOneParticipantFactory, SessionFactory
from tests.mailbox import delivered

pytestmark = pytest.mark.django_db

CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Workshop\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


def queue_with_attachment(key="notice:attached", language=None):
    return services.queue_email(
        key=key,
        to="leader@kommun.example.se",
        template="notice",
        context={"subject": "Your workshop", "greeting": "Hello,", "paragraphs": ["See the calendar file."]},
        language=language,
        attachment=lambda: services.Attachment(filename="workshop.ics", content=CALENDAR, mimetype="text/calendar"),
    )


def calendar_parts(message):
    return [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]


def test_the_attachment_is_kept_on_the_row_and_built_into_the_message():
    email = queue_with_attachment()

    assert (email.attachment_name, email.attachment_type, email.attachment) == (
        "workshop.ics",
        "text/calendar",
        CALENDAR,
    )
    message = services.build_message(email)
    assert message.attachments == [("workshop.ics", CALENDAR, "text/calendar")]
    [part] = calendar_parts(message)
    assert part.get_filename() == "workshop.ics"
    assert "BEGIN:VEVENT" in part.get_payload(decode=True).decode()
    # The text and HTML parts are still there beside it.
    assert message.body.strip() and message.alternatives


def test_an_email_without_an_attachment_has_no_calendar_part():
    email = services.queue_email(
        key="notice:plain",
        to="leader@kommun.example.se",
        template="notice",
        context={"subject": "Hello", "greeting": "Hello,", "paragraphs": ["Text."]},
    )
    assert email.attachment_name == ""
    assert calendar_parts(services.build_message(email)) == []


def test_the_attachment_is_made_in_the_recipients_language():
    made_in = []

    def attachment():
        made_in.append(translation.get_language())
        return services.Attachment(filename="workshop.ics", content=CALENDAR, mimetype="text/calendar")

    services.queue_email(
        key="notice:language",
        to="leader@kommun.example.se",
        template="notice",
        context={"subject": "Hej", "greeting": "Hej,", "paragraphs": ["Text."]},
        language="sv",
        attachment=attachment,
    )
    services.queue_email(
        key="notice:language",
        to="leader@kommun.example.se",
        template="notice",
        context={"subject": "Hej", "greeting": "Hej,", "paragraphs": ["Text."]},
        attachment=attachment,
    )
    assert made_in == ["sv"]  # once: queuing the same key again makes nothing


def test_a_delivered_booking_email_carries_the_sessions_calendar_file():
    session = SessionFactory()
    person = CompletedPartOneParticipantFactory()
    bookings.book(person, session, by=person.user)
    email = OutboundEmail.objects.get(template="courses/workshop_booked")

    message = delivered(email)

    assert message.to == [person.user.email]
    [part] = calendar_parts(message)
    assert part.get_filename() == "workshop.ics"
    [event] = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at
    assert str(event["url"]) == session.meeting_url
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_retention_empties_the_attachment_with_the_body(settings):
    email = queue_with_attachment()
    services.deliver(email.pk)
    kept = queue_with_attachment(key="notice:recent")
    services.deliver(kept.pk)
    OutboundEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(days=settings.RETENTION_OUTBOX_BODY_DAYS + 1)
    )

    assert discard_old_bodies() == 1

    email.refresh_from_db()
    assert (email.body_text, email.body_html, email.attachment) == ("", "", "")
    kept.refresh_from_db()
    assert kept.attachment == CALENDAR
