"""The outbox part of a person's data export (portal/personal_data.py): the emails the portal wrote
to them. Bodies that carried a secret link are never kept readable, so they are not in it either."""

from eyeforai.mail.models import OutboundEmail
from eyeforai.personal_data import any_address, as_row

EXCLUDE = {"key", "sealed_body", "attempts", "next_attempt_at", "sending_started_at", "last_error"}


def emails_to(addresses):
    rows = OutboundEmail.objects.filter(any_address("to", addresses)).order_by("created_at", "pk")
    return [as_row(row, exclude=EXCLUDE) for row in rows]
