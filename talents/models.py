import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eyeforai.accounts.names import display_name
from eyeforai.programme.choices import MATCHING_COHORT_STATUSES, CohortStatus
from eyeforai.programme.models import Cohort, Skill
from talents.choices import AbsenceKind, ApplicationStatus, Availability, CVReader, Degree, Place
from talents.cv import cv_upload_to

# Statuses a talent can no longer edit and a manager has not closed yet.
IN_REVIEW = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.INTERVIEW]


class TalentProfileQuerySet(models.QuerySet):
    def accepted_in(self, cohort):
        """The talents accepted into `cohort`: the one definition the board, matching, preferences,
        placements and the capacity summary count and list."""
        return self.filter(applications__cohort=cohort, applications__status=ApplicationStatus.ACCEPTED)


class TalentProfile(models.Model):
    """Who a talent is: made at sign-up, filled in on /talent/profile/. The name lives on the User."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile", verbose_name=_("user")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    country_of_residence = models.CharField(_("country of residence"), max_length=80, blank=True)
    degree = models.CharField(_("highest degree"), max_length=10, choices=Degree.choices, blank=True)
    degree_field = models.CharField(_("field of study"), max_length=120, blank=True)
    university = models.CharField(_("university"), max_length=160, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="talents", verbose_name=_("skills"))
    bio = models.TextField(_("short bio"), max_length=1500, blank=True)
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    github_url = models.URLField(_("GitHub profile"), blank=True)
    website_url = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TalentProfileQuerySet.as_manager()

    REQUIRED_FOR_SUBMISSION = [
        "nationality",
        "country_of_residence",
        "degree",
        "degree_field",
        "university",
        "graduation_year",
    ]

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return str(self.user)

    @property
    def name(self):
        return display_name(self.user.first_name, self.user.last_name, self.user.email)

    @property
    def is_complete(self):
        has_name = bool(self.user.first_name and self.user.last_name)
        return has_name and all(getattr(self, field) for field in self.REQUIRED_FOR_SUBMISSION)


class ApplicationQuerySet(models.QuerySet):
    def for_talent(self, talent):
        return self.filter(talent=talent)

    def accepted(self):
        return self.filter(status=ApplicationStatus.ACCEPTED)

    def in_running_cohorts(self):
        return self.filter(cohort__status=CohortStatus.RUNNING)

    def in_matching_cohorts(self):
        """Cohorts whose talents rank projects now or soon (see MATCHING_COHORT_STATUSES)."""
        return self.filter(cohort__status__in=MATCHING_COHORT_STATUSES)

    def drafts(self):
        return self.filter(status=ApplicationStatus.DRAFT)


class Application(models.Model):
    """A talent's application to one cohort: drafted, submitted, reviewed by managers, decided."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="applications", verbose_name=_("talent")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications", verbose_name=_("cohort"))
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    motivation = models.TextField(_("motivation"), max_length=5000, blank=True)
    why_sweden = models.TextField(_("why Sweden"), max_length=3000, blank=True)
    availability = models.CharField(_("availability"), max_length=20, choices=Availability.choices, blank=True)
    availability_note = models.TextField(_("about your availability"), max_length=1000, blank=True)
    consent = models.BooleanField(_("consent to data processing"), default=False)
    cv = models.FileField(_("CV"), upload_to=cv_upload_to, blank=True, max_length=200)
    cv_uploaded_at = models.DateTimeField(_("CV uploaded"), null=True, blank=True)
    manager_score = models.PositiveSmallIntegerField(
        _("manager score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (weak) to 5 (outstanding)."),
    )
    manager_notes = models.TextField(_("manager notes"), blank=True, help_text=_("Only programme managers see these."))
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("review_application", _("Can move applications between stages (emails the talent)")),
            ("export_applications", _("Can export applications as CSV")),
        ]
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "cohort"], name="talents_application_one_per_cohort"),
            models.CheckConstraint(
                condition=Q(manager_score__isnull=True) | Q(manager_score__gte=1, manager_score__lte=5),
                name="talents_application_score_range",
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status"], name="talents_application_cohort_st"),
            # The managers' list, newest first (the admin adds -id to make the order total).
            models.Index(fields=["-created_at", "-id"], name="talents_application_newest"),
        ]

    def __str__(self):
        # gettext, not the lazy `_`: a lazy string made and cast again for each of the admin list's rows.
        return gettext("%(talent)s → %(cohort)s") % {"talent": self.talent, "cohort": self.cohort}

    @property
    def is_editable(self):
        return self.status == ApplicationStatus.DRAFT

    @property
    def can_withdraw(self):
        return self.status in [ApplicationStatus.DRAFT, *IN_REVIEW]

    @property
    def is_withdrawn(self):
        return self.status == ApplicationStatus.WITHDRAWN

    @property
    def can_reopen(self):
        """Withdrawn while its cohort still takes applications: the talent may apply again (the "Apply
        again" button and reopen_application both ask this)."""
        return self.is_withdrawn and self.cohort.is_taking_applications

    # What the talent's status page says next, one property per stage it speaks about.
    @property
    def awaits_review(self):
        return self.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)

    @property
    def is_interview(self):
        return self.status == ApplicationStatus.INTERVIEW

    @property
    def is_accepted(self):
        return self.status == ApplicationStatus.ACCEPTED

    @property
    def is_rejected(self):
        return self.status == ApplicationStatus.REJECTED


class ApplicationEvent(models.Model):
    """One stage an application reached, and when: the dates on the talent's status page."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} {self.at:%Y-%m-%d}"


class DayLog(models.Model):
    """The weekly day at AI Sweden, one per talent per ISO week."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="day_logs", verbose_name=_("talent")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="day_logs", verbose_name=_("cohort"))
    date = models.DateField(_("date"))
    # The Monday of the date's ISO week: what "one per week" is unique on.
    week = models.DateField(_("week starting"), editable=False)
    place = models.CharField(_("place"), max_length=20, choices=Place.choices)
    activities = models.JSONField(_("activities"), default=list)
    learned = models.TextField(_("what I learned"), max_length=3000)
    created_at = models.DateTimeField(_("logged"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("AI Sweden day")
        verbose_name_plural = _("AI Sweden days")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("view_compliance", _("Can view the AI Sweden day compliance report")),
        ]
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "week"], name="talents_daylog_one_per_week"),
            models.CheckConstraint(condition=Q(date__gte=F("week")), name="talents_daylog_date_in_week"),
        ]
        indexes = [models.Index(fields=["cohort", "week"], name="talents_daylog_cohort_week")]

    def __str__(self):
        return f"{self.talent} {self.date:%Y-%m-%d}"


class Absence(models.Model):
    """Days a talent is away; weeks they empty of working days are not expected to be logged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="absences", verbose_name=_("talent")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="talents_absence_ends_after_start"),
        ]

    def __str__(self):
        return _("%(talent)s: %(kind)s %(starts_on)s to %(ends_on)s") % {
            "talent": self.talent,
            "kind": self.get_kind_display(),
            "starts_on": f"{self.starts_on:%Y-%m-%d}",
            "ends_on": f"{self.ends_on:%Y-%m-%d}",
        }

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


class CVDownload(models.Model):
    """One download of an application's CV: who, when. The talent reads the list ("who opened my CV").

    Written by talents.services.cv_downloads.download_cv, the one path every CV download takes. The
    organisation's name is copied: talents does not import hosts.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cv_downloads", verbose_name=_("application")
    )
    reader = models.CharField(_("downloaded by"), max_length=20, choices=CVReader.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    at = models.DateTimeField(_("downloaded"), default=timezone.now)

    class Meta:
        verbose_name = _("CV download")
        verbose_name_plural = _("CV downloads")
        ordering = ["-at", "-pk"]
        indexes = [
            # Serves the talent's list: CVDownload.objects.filter(application__talent=…) newest first.
            models.Index(fields=["application", "-at"], name="talents_cvdownload_newest"),
        ]

    def __str__(self):
        return f"{self.application} {self.get_reader_display()} {self.at:%Y-%m-%d %H:%M}"
