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
