"""The activity part of a person's data export (portal/personal_data.py): what they did, as the log
recorded it. The entries' copies of their own name and address are left out (the account says them)."""

from eyeforai.activity.models import ActivityEntry
from eyeforai.personal_data import as_row


def entries_by(user):
    rows = ActivityEntry.objects.filter(actor=user).select_related("content_type").order_by("at", "pk")
    return [as_row(row, exclude={"actor", "actor_email", "actor_name", "object_id"}) for row in rows]
