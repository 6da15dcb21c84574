import uuid

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.choices import ANNOUNCED_COHORT_STATUSES
from eyeforai.programme.models import Cohort, Period, Skill
from hosts.choices import (
    EDITABLE_PROJECT_STATUSES,
    WITHDRAWABLE_PROJECT_STATUSES,
    OrganizationStatus,
    Place,
    ProjectStatus,
)


class ProjectQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ProjectStatus.APPROVED)

    def approved_in(self, cohort):
        """The projects offered to `cohort`'s talents: the one definition the public hosts page, the
        board, matching, preferences and the demo list and count."""
        return self.approved().filter(cohort=cohort)

    def public(self):
        """What visitors may see (/hosts/ and the host and project pages; anything else is a 404 there):
        approved projects of active organisations in the cohorts the public pages show."""
        return self.approved().filter(
            organization__status=OrganizationStatus.ACTIVE, cohort__status__in=ANNOUNCED_COHORT_STATUSES
        )

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def with_seats(self):
        """Seats per period in one extra query, in period order (templates walk project.seat_list)."""
        seats = ProjectSeat.objects.select_related("period").order_by("period__number")
        return self.prefetch_related(Prefetch("seats", queryset=seats, to_attr="seat_list"))

    def with_seat_total(self):
        return self.annotate(seat_total=Sum("seats__seats"))

    def listed_for(self, organization):
        """An organisation's projects as its pages list them: newest cohort first, seats per period."""
        return (
            self.for_organization(organization)
            .select_related("cohort")
            .with_seats()
            .order_by("-cohort__starts_on", "status", "title")
        )


class Project(models.Model):
    """What a host offers a talent for one period or more of a cohort, with seats per period."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "hosts.HostOrganization", on_delete=models.CASCADE, related_name="projects", verbose_name=_("organisation")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="host_projects", verbose_name=_("cohort"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences for the public list."))
    description = models.TextField(_("description"), help_text=_("The problem, the data, and what the talent will do."))
    skills = models.ManyToManyField(Skill, blank=True, related_name="host_projects", verbose_name=_("skills"))
    supervisor_name = models.CharField(_("supervisor's name"), max_length=120)
    supervisor_email = models.EmailField(_("supervisor's email"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    place = models.CharField(_("place of work"), max_length=10, choices=Place.choices, default=Place.ON_SITE)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT)
    manager_note = models.TextField(
        _("programme team's note"), blank=True, help_text=_("What to change, when changes are requested.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("review_project", _("Can approve, request changes to or withdraw projects (emails the members)")),
            ("view_capacity", _("Can view the capacity per cohort report")),
        ]
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["cohort", "status"], name="hosts_project_cohort_status"),
            models.Index(fields=["organization", "cohort"], name="hosts_project_org_cohort"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self):
        return self.status in EDITABLE_PROJECT_STATUSES

    @property
    def can_withdraw(self):
        return self.status in WITHDRAWABLE_PROJECT_STATUSES

    @property
    def is_submitted(self):
        return self.status == ProjectStatus.SUBMITTED

    @property
    def is_approved(self):
        return self.status == ProjectStatus.APPROVED

    @property
    def has_changes_requested(self):
        return self.status == ProjectStatus.CHANGES_REQUESTED


class ProjectSeat(models.Model):
    """How many talents a project takes in one period of its cohort."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="seats", verbose_name=_("project"))
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="host_seats", verbose_name=_("period"))
    seats = models.SmallIntegerField(_("seats"), default=0)

    class Meta:
        verbose_name = _("seats in a period")
        verbose_name_plural = _("seats per period")
        ordering = ["project", "period__number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="hosts_projectseat_one_per_period"),
            models.CheckConstraint(condition=Q(seats__gte=0), name="hosts_projectseat_seats_not_negative"),
        ]

    def __str__(self):
        return f"{self.project}: {self.seats} in {self.period}"
