import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.images import lesson_image_upload_to

# Swedish is the course's first language; an English field left empty shows the Swedish.
FIRST_LANGUAGE = "sv"


def in_language(obj, field):
    """obj.<field>_sv or obj.<field>_en by the active language, the Swedish when the English is empty."""
    language = (get_language() or FIRST_LANGUAGE)[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{FIRST_LANGUAGE}")


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True).order_by("position")


class Lesson(models.Model):
    """One lesson of the self-study part, written by course managers in both languages (Markdown)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), unique=True, help_text=_("1 is the first lesson."))
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_sv = models.TextField(_("text (Swedish)"), help_text=_("Markdown: headings, lists, links and images."))
    body_en = models.TextField(_("text (English)"), blank=True, help_text=_("Markdown, as the Swedish."))
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    pass_percent = models.PositiveSmallIntegerField(
        _("share of correct answers to pass (%)"), default=67, help_text=_("Of the lesson's questions.")
    )
    published = models.BooleanField(_("published"), default=False)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_percent__gte=1, pass_percent__lte=100), name="courses_lesson_pass_percent"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def body(self):
        return in_language(self, "body")


class Question(models.Model):
    """One question of a lesson's knowledge check: one or more of its choices are correct."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions", verbose_name=_("lesson"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["lesson", "position"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "position"], name="courses_question_position_unique"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return in_language(self, "text")


class Choice(models.Model):
    """An answer to choose, right or wrong, with the feedback shown once the check is answered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text_sv = models.CharField(_("answer (Swedish)"), max_length=300)
    text_en = models.CharField(_("answer (English)"), max_length=300, blank=True)
    correct = models.BooleanField(_("correct"), default=False)
    feedback_sv = models.CharField(_("feedback (Swedish)"), max_length=500, blank=True)
    feedback_en = models.CharField(_("feedback (English)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question", "position"]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return in_language(self, "text")

    @property
    def feedback(self):
        return in_language(self, "feedback")


class LessonImage(models.Model):
    """An image a lesson's Markdown shows: checked by content when uploaded, stored under a random name,
    served to participants and course managers only (courses/views)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    image = models.FileField(_("image"), upload_to=lesson_image_upload_to)
    content_type = models.CharField(_("content type"), max_length=40, editable=False)
    description = models.CharField(_("description (alt text)"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")

    def __str__(self):
        return self.description
