"""Lessons, their knowledge checks and their images, as course managers write them.

A lesson is edited with its two languages side by side (Swedish first: the course's first language) and
a preview of each text as participants see it (courses/markdown.py). Its questions are edited on the
lesson's page; each question's answers on the question's page, linked from there (the admin has no
inlines inside inlines). A published lesson needs at least one question, and each of its questions at
least one correct answer: checked when the lesson is saved and when a question's answers are.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from courses.images import validate_lesson_image
from courses.markdown import render_markdown
from courses.models import Choice, Lesson, LessonImage, Question

MARKDOWN_HELP = _(
    "Markdown: # Heading, **bold**, *italic*, - list item, 1. numbered item, [link text](https://…) and "
    "![image description](/course/images/…/) for an uploaded lesson image (copy it from Lesson images). "
    "An empty line starts a new paragraph. Save and continue editing to see the preview."
)

# The language each half of the page is written in, named in the reader's language ("Svenska" / "Engelska").
SWEDISH, ENGLISH = _("Swedish"), _("English")


def _kept_forms(formset):
    """The forms of `formset` that will be saved: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not (formset.can_delete and formset._should_delete_form(form))
    ]


class QuestionInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        lesson = self.instance
        if not lesson.published or any(self.errors):
            return
        kept = _kept_forms(self)
        if not kept:
            raise ValidationError(
                gettext("A published lesson needs at least one question. Add one, or untick “published”."),
                code="no_question",
            )
        without_answer = [form.instance for form in kept if not form.instance.pk or not _has_correct(form.instance)]
        if without_answer:
            raise ValidationError(
                ngettext(
                    "This question has no correct answer yet: %(questions)s. Save the lesson unpublished, "
                    "add the answers on the question's page, then publish.",
                    "These questions have no correct answer yet: %(questions)s. Save the lesson unpublished, "
                    "add the answers on each question's page, then publish.",
                    len(without_answer),
                )
                % {"questions": "; ".join(f"“{question.text_sv}”" for question in without_answer)},
                code="no_correct_answer",
            )


def _has_correct(question):
    annotated = getattr(question, "correct_count", None)
    return annotated > 0 if annotated is not None else question.choices.filter(correct=True).exists()


class QuestionInline(admin.TabularInline):
    model = Question
    formset = QuestionInlineFormSet
    fields = ["position", "text_sv", "text_en", "answers"]
    readonly_fields = ["answers"]
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(choice_count=Count("choices"), correct_count=Count("choices", filter=Q(choices__correct=True)))
        )

    @admin.display(description=_("answers"))
    def answers(self, question):
        if not question.pk:
            return gettext("Save the lesson, then add the answers.")
        counts = ngettext(
            "%(count)d answer, %(correct)d correct", "%(count)d answers, %(correct)d correct", question.choice_count
        ) % {"count": question.choice_count, "correct": question.correct_count}
        url = reverse("admin:courses_question_change", args=[question.pk])
        return format_html('<a href="{}">{}</a> ({})', url, gettext("Edit the answers"), counts)


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["position", "minutes", "pass_percent", "published", "title_sv", "body_sv", "title_en", "body_en"]
        help_texts = {"body_sv": MARKDOWN_HELP, "body_en": MARKDOWN_HELP}


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    form = LessonForm
    list_display = ["position", "title_sv", "minutes", "published", "question_count"]
    list_display_links = ["position", "title_sv"]
    list_filter = ["published"]
    search_fields = ["title_sv", "title_en"]
    inlines = [QuestionInline]
    readonly_fields = ["preview_sv", "preview_en"]
    fieldsets = [
        (None, {"fields": ["position", "minutes", "pass_percent", "published"]}),
        (SWEDISH, {"fields": ["title_sv", "body_sv", "preview_sv"], "classes": ["course-language"]}),
        (ENGLISH, {"fields": ["title_en", "body_en", "preview_en"], "classes": ["course-language"]}),
    ]

    class Media:
        css = {"all": ["css/course_admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_count")
    def question_count(self, lesson):
        return lesson.question_count

    @admin.display(description=_("preview"))
    def preview_sv(self, lesson):
        return _preview(lesson.body_sv)

    @admin.display(description=_("preview"))
    def preview_en(self, lesson):
        return _preview(lesson.body_en) if lesson.body_en else gettext("Empty: participants read the Swedish.")


def _preview(markdown):
    if not markdown:
        return "—"
    return format_html('<div class="lesson-preview">{}</div>', render_markdown(markdown))


class ChoiceInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        question = self.instance
        if any(self.errors) or not question.lesson_id or not question.lesson.published:
            return
        if not any(form.cleaned_data.get("correct") for form in _kept_forms(self)):
            raise ValidationError(
                gettext("The question is in a published lesson: at least one answer must be correct."),
                code="no_correct_answer",
            )


class ChoiceInline(admin.StackedInline):
    model = Choice
    formset = ChoiceInlineFormSet
    fields = [("position", "correct"), ("text_sv", "text_en"), ("feedback_sv", "feedback_en")]
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text_sv", "lesson", "position", "choice_count", "correct_count"]
    list_filter = ["lesson"]
    list_select_related = ["lesson"]
    search_fields = ["text_sv", "text_en"]
    fields = ["lesson", "position", "text_sv", "text_en"]
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(choice_count=Count("choices"), correct_count=Count("choices", filter=Q(choices__correct=True)))
        )

    @admin.display(description=_("answers"), ordering="choice_count")
    def choice_count(self, question):
        return question.choice_count

    @admin.display(description=_("correct answers"), ordering="correct_count")
    def correct_count(self, question):
        return question.correct_count

    def has_delete_permission(self, request, obj=None):
        # The only question of a published lesson stays: the lesson would have no check left.
        if obj is not None and obj.lesson.published and not obj.lesson.questions.exclude(pk=obj.pk).exists():
            return False
        return super().has_delete_permission(request, obj)


class LessonImageForm(forms.ModelForm):
    class Meta:
        model = LessonImage
        fields = ["image", "description"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is not None and hasattr(upload, "content_type"):  # a new upload, not the stored file
            # Sets upload.content_type to what the bytes are; the stored name follows it.
            self.instance.content_type = validate_lesson_image(upload)
        return upload


@admin.register(LessonImage)
class LessonImageAdmin(admin.ModelAdmin):
    form = LessonImageForm
    list_display = ["description", "snippet", "uploaded_at"]
    search_fields = ["description"]
    readonly_fields = ["snippet", "shown", "content_type", "uploaded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["image", "description"]
        # A new image is a new upload (with its own address); an existing one keeps its file.
        return ["shown", "description", "snippet", "content_type", "uploaded_at"]

    @admin.display(description=_("Markdown to paste into a lesson"))
    def snippet(self, image):
        if not image.pk:
            return "—"
        return format_html("<code>{}</code>", markdown_snippet(image))

    @admin.display(description=_("image"))
    def shown(self, image):
        url = reverse("courses:image", args=[image.uuid])
        return format_html('<img src="{}" alt="{}" style="max-width: 100%; max-height: 20rem">', url, image.description)


def markdown_snippet(image):
    """What a lesson's Markdown says to show `image`: its description as the alt text."""
    description = image.description.replace("[", "").replace("]", "")
    return f"![{description}]({reverse('courses:image', args=[image.uuid])})"
