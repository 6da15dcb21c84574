import uuid as uuid_module

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.choices import LeaderRole
from courses.models.bodies import PublicBody


class Participant(models.Model):
    """A leader taking the course: the role "course participant" (one person, one role). Made when they
    join (/course/join/) after signing up with a verified address; their name lives on the User."""

    # Written often (every answered check; the weekly nudge) and read only to decide whether to write them
    # again, by an UPDATE that keeps the condition in its WHERE: the kept copies of a participant do not
    # end when only these change (eyeforai/write_watch.py, unread_columns).
    BUSY_COLUMNS = frozenset({"last_progress_at", "nudged_at"})

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_participant", verbose_name=_("user")
    )
    uuid = models.UUIDField(default=uuid_module.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=150, help_text=_("Your title, e.g. head of unit."))
    role = models.CharField(_("role"), max_length=20, choices=LeaderRole.choices)
    public_body = models.ForeignKey(
        PublicBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    # "Other public organisation": the name as typed, until a course manager maps it to a listed body.
    other_organisation = models.CharField(_("other public organisation"), max_length=200, blank=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    # The last time they opened or passed a lesson: the nudge after 7 quiet days counts from here.
    last_progress_at = models.DateTimeField(_("last progress"), default=timezone.now)
    nudged_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    part_one_completed_at = models.DateTimeField(_("self-study completed"), null=True, blank=True)
    # Attendance at a workshop, ticked by its facilitator (courses.services.attendance).
    part_two_completed_at = models.DateTimeField(_("workshop attended"), null=True, blank=True)
    # Both parts: the later of the two. What the goal of 800 counts, and when the certificate went out.
    completed_at = models.DateTimeField(_("course completed"), null=True, blank=True)
    # Printed on the statement of completion and looked up by anyone at /course/verify/<code>/.
    certificate_code = models.UUIDField(_("certificate code"), default=uuid_module.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("course participant")
        verbose_name_plural = _("course participants")
        # The admin's CSV of who signed up from which organisation (courses/admin/participants.py).
        permissions = [("export_participants", _("Can export the participant list"))]
        indexes = [
            models.Index(fields=["part_one_completed_at"], name="courses_participant_part_one"),
            models.Index(fields=["last_progress_at"], name="courses_participant_progress"),
            # The road to 800: completions over time and per organisation (courses/road_to_800.py).
            models.Index(fields=["completed_at"], name="courses_participant_completed"),
        ]
        constraints = [
            # A listed body or a typed name: a participant always says where they work.
            models.CheckConstraint(
                condition=models.Q(public_body__isnull=False) | ~models.Q(other_organisation=""),
                name="courses_participant_has_organisation",
            ),
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    @property
    def has_started(self):
        """Opened at least one lesson: what a session open to those who have started asks for."""
        return self.part_one_completed_at is not None or self.progress.exists()

    @property
    def organisation_name(self):
        return self.public_body.name if self.public_body_id else self.other_organisation
