"""What a recipient receives, for tests that follow a link from an email.

An email carrying a secret (reset, confirmation, invitation link) keeps no readable body in its
outbox row, so tests read links where the recipient does: in the delivered message.
"""

import time

from django.core import mail

from eyeforai.mail import services


def delivered(email):
    """The message sent for an outbox row: delivered now (EMAIL_URL=memorymail:// in tests) if
    still queued, then found in django.core.mail.outbox by its outbox key. A worker of the test's may
    have claimed the row a moment before and still be sending it: then the message appears shortly."""
    services.deliver(email.pk)
    for _ in range(50):
        found = [message for message in mail.outbox if message.extra_headers.get("X-Eyeforai-Key") == email.key]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no message in the outbox for {email.key} ({email.status})")


def delivered_text(email):
    return delivered(email).body
