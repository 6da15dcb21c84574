from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BodyKind(models.TextChoices):
    """What kind of Swedish public body a participant works for."""

    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Government agency")


class LeaderRole(models.TextChoices):
    POLITICIAN = "politician", _("Elected politician")
    MANAGER = "manager", _("Manager")
    OTHER_LEADER = "other_leader", _("Other leader")
    OTHER = "other", _("Other")


class LessonState(models.TextChoices):
    """Where a participant stands with a lesson (derived from LessonProgress, not stored)."""

    NOT_STARTED = "not_started", _("Not started")
    READ = "read", pgettext_lazy("lesson state", "Read")  # "Read" alone is also the verb (talents' forms)
    PASSED = "passed", _("Passed")


class SessionFormat(models.TextChoices):
    """Where a workshop session meets: online (a meeting link) or in a room somewhere in Sweden."""

    DIGITAL = "digital", _("Digital")
    IN_PERSON = "in_person", _("In person")


class PartnerOrganisation(models.TextChoices):
    """Who runs a workshop session, and whom a facilitator works for."""

    SKR = "skr", "SKR"
    GOVERNO = "governo", "Governo"
    AI_SWEDEN = "ai_sweden", "AI Sweden"


class BookingEnd(models.TextChoices):
    """Why a booking no longer holds a seat."""

    CANCELLED = "cancelled", _("Cancelled by the participant")
    MOVED = "moved", _("Moved to another session")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")


class WaitingOutcome(models.TextChoices):
    """How a place in a waiting list ended."""

    BOOKED = "booked", _("Took the offered seat")
    DECLINED = "declined", _("Declined the offer")
    EXPIRED = "expired", _("Offer expired")
    LEFT = "left", _("Left the waiting list")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
