import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rotations.choices import Side
from rotations.models.placements import Placement

RATING = [MinValueValidator(1), MaxValueValidator(5)]


def rating_in_range(field):
    return Q(**{f"{field}__gte": 1, f"{field}__lte": 5})


class Evaluation(models.Model):
    """End-of-placement feedback from one side: the talent about the host, or the host about the talent.

    The three ratings read per side: project / supervision / learning for a talent; project /
    engagement / contribution for a host.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("placement")
    )
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    project_rating = models.PositiveSmallIntegerField(_("the project"), validators=RATING)
    support_rating = models.PositiveSmallIntegerField(_("supervision or engagement"), validators=RATING)
    growth_rating = models.PositiveSmallIntegerField(_("learning or contribution"), validators=RATING)
    comments = models.TextField(_("comments"), max_length=4000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("view_feedback_report", _("Can view the average feedback per host")),
        ]
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="rotations_evaluation_one_per_side"),
            models.CheckConstraint(
                condition=rating_in_range("project_rating")
                & rating_in_range("support_rating")
                & rating_in_range("growth_rating"),
                name="rotations_evaluation_ratings_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_side_display()}: {self.placement}"
