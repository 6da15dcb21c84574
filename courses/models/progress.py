from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.lessons import Lesson
from courses.models.participants import Participant


class LessonProgress(models.Model):
    """Where one participant stands with one lesson: opened, the latest answers to its check, passed."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="progress", verbose_name=_("participant")
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress", verbose_name=_("lesson"))
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    # {question uuid: [choice uuid, …]}: the latest attempt only (retries replace it).
    answers = models.JSONField(_("latest answers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    correct = models.PositiveSmallIntegerField(_("correct answers"), default=0)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["participant", "lesson"], name="courses_progress_once_per_lesson"),
        ]

    def __str__(self):
        return f"{self.participant} · {self.lesson}"
