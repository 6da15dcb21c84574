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
    """The private address of one person's placement calendar: a talent's own placements, or, for a
    host member, their organisation's.

    The token is the only key: calendar apps cannot sign in. Regenerating it cuts off old subscribers.
    A feed is a person's, never an organisation's, so it ends with that person's access: it answers
    only while the account is active and, for a host member, while they belong to the organisation
    (rotations.services.calendars.live_feed).
    """

    owner_kind = models.CharField(_("for"), max_length=10, choices=CalendarOwner.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        HostOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("host organisation"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_kind=CalendarOwner.TALENT, organization__isnull=True)
                | Q(owner_kind=CalendarOwner.HOST, organization__isnull=False),
                name="rotations_calendarfeed_organization_for_host_members",
            ),
        ]

    def __str__(self):
        return str(self.user or self.organization)
