from django.db import models
from django.utils.translation import gettext_lazy as _


class Degree(models.TextChoices):
    MASTER = "master", _("Master's degree")
    PHD = "phd", _("PhD")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INTERVIEW = "interview", _("Interview")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Availability(models.TextChoices):
    FULL = "full", _("I can take part from the cohort's start to its end")
    LATE_START = "late_start", _("I can take part, but need to start up to a month late")
    OTHER = "other", _("Other: I explain below")


class Place(models.TextChoices):
    GOTHENBURG = "gothenburg", _("AI Sweden, Gothenburg")
    STOCKHOLM = "stockholm", _("AI Sweden, Stockholm")
    MALMO = "malmo", _("AI Sweden, Malmö")
    ONLINE = "online", _("Online")


class Activity(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    LANGUAGE_CULTURE = "language_culture", _("Language and culture")
    WORKSHOP = "workshop", _("Workshop")
    HACKATHON = "hackathon", _("Hackathon")
    COMPUTE = "compute", _("Compute in the Data Factory")
    MENTORING = "mentoring", _("Mentoring")
    COMMUNITY = "community", _("Community")


class AbsenceKind(models.TextChoices):
    VACATION = "vacation", _("Vacation")
    SICK = "sick", _("Sick leave")
    PARENTAL = "parental", _("Parental leave")


class WeekState(models.TextChoices):
    """How one ISO week of a talent's cohort stands; computed, never stored."""

    LOGGED = "logged", _("Logged")
    MISSING = "missing", _("Missing")
    OPEN = "open", _("This week, not logged yet")
    HOLIDAY = "holiday", _("Public holidays")
    ABSENT = "absent", _("Absence")
    SHORT = "short", _("Outside the cohort's dates")


class CVReader(models.TextChoices):
    """Who downloaded a CV, as the talent's "who opened my CV" list names them."""

    TALENT = "talent", _("You")
    PROGRAMME = "programme", _("The programme team")
    HOST = "host", _("A host organisation")
