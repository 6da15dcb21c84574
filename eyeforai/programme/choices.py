from django.db import models
from django.utils.translation import gettext_lazy as _


class CohortStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RECRUITING = "recruiting", _("Recruiting")
    MATCHING = "matching", _("Matching")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
