import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hosts.models import HostOrganization
from rotations.choices import CalendarOwner


def new_calendar_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The private address of a talent's (or an organisation's) placement calendar.

    The token is the only key: calendar apps cannot sign in. Regenerating it cuts off old subscribers.
    """

    owner_kind = models.CharField(_("for"), max_length=10, choices=CalendarOwner.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feed"
    )
    organization = models.OneToOneField(
        HostOrganization, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_kind=CalendarOwner.TALENT, user__isnull=False, organization__isnull=True))
                | (Q(owner_kind=CalendarOwner.HOST, organization__isnull=False, user__isnull=True)),
                name="rotations_calendarfeed_one_owner",
            ),
        ]

    def __str__(self):
        return str(self.user or self.organization)
