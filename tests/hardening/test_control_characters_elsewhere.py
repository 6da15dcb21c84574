"""Control characters that get past a form: kept out of email subjects, and a refused address costs
one log line, not a traceback."""

import logging

from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import queue_rendered_email


def test_control_characters_never_reach_an_email_subject(db):
    queue_rendered_email(
        key="subject-with-controls",
        to="team@example.org",
        template="notice",
        subject="New host interest: AT&T\x01\x07 O'Brien\x1b[31m\x7f",
        body_text="text",
    )
    subject = OutboundEmail.objects.get(key="subject-with-controls").subject
    assert subject == "[Eye for AI] New host interest: AT&T O'Brien [31m"


def test_a_refused_address_is_logged_once_without_the_address_or_a_traceback(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/hosts/?sector=%00%1b[2J")

    assert response.status_code == 400
    refusals = [record for record in caplog.records if record.name.startswith("django.security")]
    assert len(refusals) == 1
    assert refusals[0].exc_info is None
    assert "\x00" not in refusals[0].getMessage()
    assert "sector" not in refusals[0].getMessage()
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
