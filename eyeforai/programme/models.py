from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.choices import ANNOUNCED_COHORT_STATUSES, MATCHING_COHORT_STATUSES, CohortStatus


def call_is_open(now):
    """A cohort takes applications: recruiting, between its opening and its deadline."""
    return Q(status=CohortStatus.RECRUITING, applications_open_at__lte=now, application_deadline__gte=now)


def ranking_is_open(now):
    """Talents rank projects and hosts rank talents: the cohort is being matched and its preference
    deadline is set and still ahead. The one rule for the ranking window: Cohort.ranking_is_open_at asks
    it of a loaded row, Cohort.objects.ranking_open() of the table."""
    return Q(status__in=MATCHING_COHORT_STATUSES, preference_deadline__gt=now)


class CohortQuerySet(models.QuerySet):
    def with_status(self, *statuses):
        return self.filter(status__in=statuses)

    def being_matched(self):
        """Cohorts whose placements are being matched: preferences and matching runs are open."""
        return self.filter(status__in=MATCHING_COHORT_STATUSES)

    def ranking_open(self, now=None):
        """Cohorts whose ranking window is open right now (ranking_is_open)."""
        return self.filter(ranking_is_open(now or timezone.now()))

    def next_deadline_after(self, now):
        """The first moment after `now` at which a call opens or closes or a ranking window shuts: pages
        kept in the cache (portal/dashboard_cache.py, talents/application_page.py) that follow these
        read differently from then on without any write. None when no such moment is left."""
        fields = ["applications_open_at", "application_deadline", "preference_deadline"]
        soonest = self.aggregate(**{field: models.Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields})
        return min((moment for moment in soonest.values() if moment is not None), default=None)

    def open_call(self, now=None):
        """Cohorts taking applications right now, the nearest deadline first."""
        return self.filter(call_is_open(now or timezone.now())).order_by("application_deadline")

    def announced(self, now=None):
        """The cohorts the public pages show, in the order they show them: the one whose call is open,
        then the others to come (the next to start first), then the running ones (the newest first)."""
        now = now or timezone.now()
        return (
            self.filter(status__in=ANNOUNCED_COHORT_STATUSES)
            .alias(
                public_rank=Case(
                    When(call_is_open(now), then=Value(0)),
                    When(status=CohortStatus.RUNNING, then=Value(2)),
                    default=Value(1),
                ),
                coming_start=Case(When(~Q(status=CohortStatus.RUNNING), then=F("starts_on"))),
            )
            .order_by("public_rank", F("coming_start").asc(nulls_last=True), "-starts_on")
        )

    def featured(self, now=None):
        """The cohort the front page is about (the first of `announced`), or None."""
        return self.announced(now).first()

    def current(self):
        """The cohort the programme is about today: the newest running one, else the next to start."""
        running = self.filter(status=CohortStatus.RUNNING).order_by("-starts_on").first()
        if running:
            return running
        return (
            self.exclude(status=CohortStatus.COMPLETED)
            .exclude(status=CohortStatus.PLANNING)
            .order_by("starts_on")
            .first()
        )


class Cohort(models.Model):
    """One yearly intake of talents, with its application window and its rotation periods."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    starts_on = models.DateField(_("starts on"), help_text=_("First day of onboarding."))
    period_count = models.PositiveSmallIntegerField(
        _("number of periods"), default=3, help_text=_("One period at each host.")
    )
    period_months = models.PositiveSmallIntegerField(_("months per period"), default=6)
    applications_open_at = models.DateTimeField(_("applications open"))
    application_deadline = models.DateTimeField(_("application deadline"))
    preference_deadline = models.DateTimeField(_("preference deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CohortStatus.choices, default=CohortStatus.PLANNING)
    description = models.TextField(_("description"), blank=True)
    # Set while a manager shares the proposed placements with hosts and talents before confirming them
    # (rotations.services.sharing, which records who and when); until then both see confirmed ones only.
    plan_shared_at = models.DateTimeField(_("proposed plan shared"), null=True, blank=True, editable=False)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application_deadline__gt=F("applications_open_at")),
                name="programme_cohort_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(period_count__gte=1, period_count__lte=6),
                name="programme_cohort_period_count_range",
            ),
            models.CheckConstraint(
                condition=Q(period_months__gte=1, period_months__lte=12),
                name="programme_cohort_period_months_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="programme_cohort_status_start")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:home")

    @property
    def ends_on(self):
        last = self.periods.order_by("-number").first()
        return last.ends_on if last else None

    @property
    def is_being_matched(self):
        """Preferences, matching runs and applying a run's plan are allowed (see MATCHING_COHORT_STATUSES)."""
        return self.status in MATCHING_COHORT_STATUSES

    def ranking_is_open_at(self, now):
        """ranking_is_open(now) for this row, without a query (a test holds the two to the same answers)."""
        return self.is_being_matched and self.preference_deadline is not None and now < self.preference_deadline

    @property
    def is_taking_applications(self):
        now = timezone.now()
        return self.status == CohortStatus.RECRUITING and self.applications_open_at <= now <= self.application_deadline

    @property
    def applications_open_later(self):
        return self.status == CohortStatus.RECRUITING and timezone.now() < self.applications_open_at

    @property
    def is_running(self):
        return self.status == CohortStatus.RUNNING


class Period(models.Model):
    """Six months (by default) that a talent spends at one host; three make a cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="periods", verbose_name=_("cohort"))
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="programme_period_unique_number"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="programme_period_ends_after_start"),
            models.CheckConstraint(condition=Q(number__gte=1), name="programme_period_number_positive"),
        ]

    def __str__(self):
        return _("%(cohort)s, period %(number)s") % {"cohort": self.cohort, "number": self.number}

    def contains(self, day):
        return self.starts_on <= day <= self.ends_on


class Skill(models.Model):
    """A tag shared by talents and projects: the vocabulary matching speaks."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self):
        return self.name
