"""A participant's pages: the course overview, a lesson with its knowledge check, and lesson images."""

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods

from courses.access import acts_as_course_manager, participant_of, participant_required
from courses.checkforms import KnowledgeCheckForm
from courses.images import CONTENT_TYPES
from courses.lesson_cache import lesson_with_outline
from courses.markdown import render_markdown
from courses.models import LessonImage, LessonProgress
from courses.part_two import part_two
from courses.services.progress import answer_check, complete_part_one_if_done, course_progress, open_lesson, passes

IMAGE_MAX_AGE = 60 * 60  # seconds a browser may keep an image (privately: it is for participants only)


@participant_required
@require_GET
def overview(request):
    participant = participant_of(request.user)
    course = course_progress(participant)
    if course.rows and course.next_row is None and participant.part_one_completed_at is None:
        # Every published lesson passed, yet not completed: a lesson they had not passed was unpublished
        # (completion is otherwise reached by a pass). The same service completes it, once.
        with transaction.atomic():
            complete_part_one_if_done(participant, by=request.user)
    workshop = part_two(participant)
    context = {
        "participant": participant,
        "course": course,
        "booking": workshop.booking,
        # Also beside a booking: a seat offered at a session they prefer is theirs to take.
        "entry": workshop.entry,
    }
    return render(request, "courses/overview.html", context)


@participant_required
@require_http_methods(["GET", "POST"])
def lesson(request, uuid):
    """GET shows the lesson (and remembers it as reached); POST answers its check, then redirects back
    here, so a reload or the back button never answers twice. The lesson and its check come from the
    cache (courses/lesson_cache.py), and answer_check grades against the same questions the form accepted."""
    participant = participant_of(request.user)
    lesson, questions, outline = lesson_with_outline(uuid)
    if lesson is None:
        raise Http404
    if request.method == "POST":
        form = KnowledgeCheckForm(questions, request.POST)
        if form.is_valid():
            answer_check(participant, lesson, answers=form.answers(), by=request.user, questions=questions)
            return redirect(reverse("courses:lesson", args=[lesson.uuid]) + "#result")
        progress = LessonProgress.objects.filter(participant=participant, lesson=lesson).first()
        rows = form.rows()
    else:
        progress = open_lesson(participant, lesson)
        form = KnowledgeCheckForm.from_answers(questions, progress.answers)
        rows = form.rows(result=progress.answers if progress.attempts else None)
    context = _lesson_context(lesson, questions=questions, outline=outline, progress=progress, form=form, rows=rows)
    return render(request, "courses/lesson.html", context)


def _lesson_context(lesson, *, questions, outline, progress, form, rows):
    index = next(i for i, sibling in enumerate(outline) if sibling.pk == lesson.pk)
    answered = progress is not None and progress.attempts > 0 and not form.errors
    return {
        "lesson": lesson,
        "body": render_markdown(lesson.body),
        "number": index + 1,
        "total": len(outline),
        "previous": outline[index - 1] if index > 0 else None,
        "next": outline[index + 1] if index + 1 < len(outline) else None,
        "form": form,
        "rows": rows,
        "question_count": len(questions),
        "progress": progress,
        "answered": answered,
        "latest_passes": answered and passes(lesson, progress.correct, len(questions)),
        "passed": progress is not None and progress.passed_at is not None,
    }


@require_GET
def image(request, uuid):
    """A lesson's image, for participants and course managers only; anyone else gets a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if participant_of(request.user) is None and not acts_as_course_manager(request):
        raise Http404
    lesson_image = get_object_or_404(LessonImage, uuid=uuid)
    try:
        stored = lesson_image.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The type checked on upload, never one guessed from the file: a browser must not read it as HTML.
    content_type = lesson_image.content_type if lesson_image.content_type in CONTENT_TYPES.values() else None
    response = FileResponse(stored, content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=IMAGE_MAX_AGE)
    return response
