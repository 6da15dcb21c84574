from django.db import models
from django.utils.translation import gettext_lazy as _


class CohortStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RECRUITING = "recruiting", _("Recruiting")
    MATCHING = "matching", _("Matching")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


# A cohort is matched while it recruits and matches: preferences are open, matching runs may start
# and be applied. Once it runs (or is completed) its placements are changed on the board only.
MATCHING_COHORT_STATUSES = (CohortStatus.RECRUITING, CohortStatus.MATCHING)

# The cohorts the public pages show: planning is not announced yet, completed is history.
ANNOUNCED_COHORT_STATUSES = (CohortStatus.RECRUITING, CohortStatus.MATCHING, CohortStatus.RUNNING)
