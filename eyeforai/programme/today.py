"""The programme's day: AI Sweden works in Swedish time, so "once a day" and deadlines count there,
whatever time zone a request or worker has active."""

from zoneinfo import ZoneInfo

from django.utils import timezone

PROGRAMME_ZONE = ZoneInfo("Europe/Stockholm")


def programme_today(now=None):
    return timezone.localdate(now or timezone.now(), PROGRAMME_ZONE)
