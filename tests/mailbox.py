"""What a recipient receives, for tests that follow a link from an email.

An email carrying a secret (reset, confirmation, invitation link) keeps no readable body in its
outbox row, so tests read links where the recipient does: in the delivered message.
"""

from django.core import mail

from eyeforai.mail import services


def delivered(email):
    """The message sent for an outbox row: delivered now (EMAIL_URL=memorymail:// in tests) if
    still queued, then found in django.core.mail.outbox by its outbox key."""
    services.deliver(email.pk)
    return next(message for message in mail.outbox if message.extra_headers.get("X-Eyeforai-Key") == email.key)


def delivered_text(email):
    return delivered(email).body
