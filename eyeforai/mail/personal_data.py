"""The outbox part of a person's data export (portal/personal_data.py): the emails the portal wrote
to them. Bodies that carried a secret link are never kept readable, so they are not in it either."""

from django.db.models import Q

from eyeforai.mail.models import OutboundEmail
from eyeforai.personal_data import as_row

EXCLUDE = {"key", "sealed_body", "attempts", "next_attempt_at", "sending_started_at", "last_error"}


def emails_to(addresses):
    to_them = Q(pk__in=[])
    for address in addresses:
        to_them |= Q(to__iexact=address)
    return [as_row(row, exclude=EXCLUDE) for row in OutboundEmail.objects.filter(to_them).order_by("created_at", "pk")]
