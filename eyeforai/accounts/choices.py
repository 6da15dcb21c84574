from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The one role a person holds in the portal (DESIGN.md: "One person holds one of the roles").

    Blank for staff and for people who hold none yet. Staff roles are groups, never a Role.
    """

    TALENT = "talent", _("Talent")
    HOST_MEMBER = "host_member", _("Host member")
    COURSE_PARTICIPANT = "course_participant", _("Course participant")
    FACILITATOR = "facilitator", _("Facilitator")


class ErasureStatus(models.TextChoices):
    """A person's request to erase their account: asked → confirmed by a manager → erased by a task."""

    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    ERASED = "erased", _("Erased")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")


# A request still waiting for the manager or the task: one at a time per person.
OPEN_ERASURE_STATUSES = (ErasureStatus.REQUESTED, ErasureStatus.CONFIRMED)
