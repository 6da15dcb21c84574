"""A participant's way through the self-study part: opening a lesson, answering its check, completing."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from courses.choices import LessonState
from courses.lesson_cache import published_outline
from courses.models import Lesson, LessonProgress, Participant
from courses.services.attendance import complete_course_if_done
from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from eyeforai.paths import uuid_paths

PROGRESS_RESOLUTION = timedelta(hours=1)


def open_lesson(participant, lesson):
    """Remember that `participant` reached `lesson` (resuming starts here). Idempotent: a reload or a
    back button changes nothing but the time of their last progress, written at most once an hour (the
    nudge counts in days, and this is the page thousands read)."""
    progress, _created = LessonProgress.objects.get_or_create(participant=participant, lesson=lesson)
    now = timezone.now()
    # The row as the request read it says whether an hour has passed: most views then write nothing. The
    # condition stays in the UPDATE for a row another request wrote since.
    if participant.last_progress_at < now - PROGRESS_RESOLUTION:
        Participant.objects.filter(pk=participant.pk, last_progress_at__lt=now - PROGRESS_RESOLUTION).update(
            last_progress_at=now
        )
    return progress


def grade(lesson, answers, questions=None):
    """How many of the lesson's questions `answers` ({question uuid: {choice uuid, …}}) got right: a
    question is right when exactly its correct choices are chosen. `questions`: the lesson's questions
    with their choices prefetched, when the caller has them; else they are read. Returns (correct, total)."""
    if questions is None:
        questions = list(lesson.questions.prefetch_related("choices"))
    correct = sum(1 for question in questions if is_right(question, answers.get(str(question.uuid), ())))
    return correct, len(questions)


def is_right(question, chosen):
    """True when `chosen` (choice uuids, as strings) is exactly the question's correct choices; reads
    question.choices.all(), so prefetch them."""
    return set(chosen) == {str(choice.uuid) for choice in question.choices.all() if choice.correct}


def passes(lesson, correct, total):
    return total == 0 or correct * 100 >= lesson.pass_percent * total


@transaction.atomic
def answer_check(participant, lesson, *, answers, by, questions=None):
    """Store the latest answers to `lesson`'s check and grade them; retries replace the previous answers.

    The progress row is locked, so a double submit grades once after the other and the result is the
    same. A lesson passed stays passed (a later worse retry keeps `passed_at`). When this pass completes
    every published lesson, the self-study part is complete: Participant.part_one_completed_at, the
    congratulations email (in the participant's language) and the activity entry "participant.completed_part_one".
    `questions`: the lesson's questions with their choices prefetched, when the caller has them (the
    lesson page's cached copy, courses/lesson_cache.py); else they are read.
    Returns the LessonProgress.
    """
    # Read with its lock; a first answer without the lesson opened creates it (and the insert holds it).
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        participant=participant, lesson=lesson
    )
    # The caller's participant and lesson, for the activity entry's description (no locks on them).
    progress.participant, progress.lesson = participant, lesson
    correct, total = grade(lesson, answers, questions)
    progress.answers = {question: sorted(choices) for question, choices in answers.items()}
    progress.attempts += 1
    progress.correct = correct
    now = timezone.now()
    newly_passed = progress.passed_at is None and passes(lesson, correct, total)
    if newly_passed:
        progress.passed_at = now
    progress.save()
    Participant.objects.filter(pk=participant.pk).update(last_progress_at=now)
    record(progress, "lesson.answered", by=by, note=f"{correct}/{total}")
    if newly_passed:
        complete_part_one_if_done(participant, by=by)
    return progress


def complete_part_one_if_done(participant, *, by):
    """Mark the self-study part complete once every published lesson is passed (once). Call it inside a
    transaction: it locks the participant's row (answer_check's, or the overview's for a lesson unpublished)."""
    locked = Participant.objects.select_for_update().select_related("user").get(pk=participant.pk)
    if locked.part_one_completed_at is not None:
        return
    # One subquery: "excluding lessons with progress of this participant that passed" on the relation
    # itself would exclude a lesson anyone passed (Django splits the two conditions over a multi-valued join).
    passed = LessonProgress.objects.filter(participant=locked, passed_at__isnull=False).values("lesson")
    remaining = Lesson.objects.published().exclude(pk__in=passed)
    if remaining.exists():
        return
    locked.part_one_completed_at = timezone.now()
    locked.save(update_fields=["part_one_completed_at"])
    participant.part_one_completed_at = locked.part_one_completed_at
    if locked.part_two_completed_at is None:  # else the certificate email below says it all
        _queue_part_one_email(locked)
    record(locked, "participant.completed_part_one", by=by)
    # Part 2 may come first for a session open to those who had started: then this completes the course.
    complete_course_if_done(locked, by=by)


def _queue_part_one_email(locked):
    queue_email(
        key=f"course-part-one:{locked.uuid}",
        to=locked.user.email,
        template="courses/part_one_completed",
        context={
            "name": locked.user.first_name,
            "certificate_path": reverse("courses:statement"),
            "course_path": reverse("courses:course"),
        },
    )


@dataclass(frozen=True)
class LessonRow:
    number: int
    lesson: Lesson
    state: LessonState
    progress: LessonProgress | None  # with only lesson_id and passed_at read
    url: str  # the lesson's page
    state_class: str  # the state badge's classes
    state_label: str
    minutes: str  # "about 5 minutes", the overview's msgid


# The overview's badge of each state (the list's words are put together once per page, not per row).
STATE_CLASSES = {
    LessonState.NOT_STARTED: "badge",
    LessonState.READ: "badge badge-warn",
    LessonState.PASSED: "badge badge-ok",
}


@dataclass(frozen=True)
class CourseProgress:
    """A participant's way through the published lessons, for /course/me/ (one query, and the lessons'
    outline from the cache)."""

    rows: list
    next_row: LessonRow | None  # the first lesson not passed: where "Continue" goes
    minutes_left: int  # of the lessons not yet passed

    @property
    def total(self):
        return len(self.rows)

    @property
    def passed_count(self):
        return sum(1 for row in self.rows if row.state == LessonState.PASSED)


def course_progress(participant):
    lessons = published_outline()
    mine_only = LessonProgress.objects.filter(participant=participant).only("lesson_id", "passed_at")
    progress = {row.lesson_id: row for row in mine_only}
    lesson_path = uuid_paths("courses:lesson")
    labels = {state: str(state.label) for state in LessonState}
    rows = []
    for number, lesson in enumerate(lessons, start=1):
        mine = progress.get(lesson.pk)
        if mine is None:
            state = LessonState.NOT_STARTED
        elif mine.passed_at is None:
            state = LessonState.READ
        else:
            state = LessonState.PASSED
        rows.append(
            LessonRow(
                number=number,
                lesson=lesson,
                state=state,
                progress=mine,
                url=lesson_path(lesson.uuid),
                state_class=STATE_CLASSES[state],
                state_label=labels[state],
                minutes=ngettext("about %(minutes)s minute", "about %(minutes)s minutes", lesson.minutes)
                % {"minutes": lesson.minutes},
            )
        )
    not_passed = [row for row in rows if row.state != LessonState.PASSED]
    return CourseProgress(
        rows=rows,
        next_row=not_passed[0] if not_passed else None,
        minutes_left=sum(row.lesson.minutes for row in not_passed),
    )
