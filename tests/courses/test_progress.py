"""A participant's way through the lessons: opening, answering checks, retrying, completing part 1."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from courses.choices import LessonState
from courses.models import LessonProgress, Participant
from courses.services.progress import answer_check, course_progress, open_lesson
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import (
    CheckedLessonFactory,
    LessonFactory,
    ParticipantFactory,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return ParticipantFactory()


def part_one_emails():
    return OutboundEmail.objects.filter(template="courses/part_one_completed")


def test_opening_a_lesson_twice_keeps_one_row_and_counts_as_progress(participant):
    lesson = CheckedLessonFactory()
    Participant.objects.filter(pk=participant.pk).update(last_progress_at="2020-01-01T00:00Z")
    participant.refresh_from_db()  # as the request reads it
    first = open_lesson(participant, lesson)
    again = open_lesson(participant, lesson)
    assert first.pk == again.pk
    assert LessonProgress.objects.filter(participant=participant).count() == 1
    participant.refresh_from_db()
    assert participant.last_progress_at.year > 2020


def test_opening_a_lesson_within_the_hour_of_the_last_progress_writes_no_time(participant, django_assert_num_queries):
    lesson = CheckedLessonFactory()
    open_lesson(participant, lesson)
    earlier = timezone.now() - timedelta(minutes=50)
    Participant.objects.filter(pk=participant.pk).update(last_progress_at=earlier)
    participant.refresh_from_db()
    with django_assert_num_queries(1):  # the progress row; no UPDATE
        open_lesson(participant, lesson)
    participant.refresh_from_db()
    assert participant.last_progress_at == earlier


def test_wrong_answers_do_not_pass(participant):
    lesson = CheckedLessonFactory()
    progress = answer_check(participant, lesson, answers=wrong_answers(lesson), by=participant.user)
    assert (progress.attempts, progress.correct, progress.passed_at) == (1, 0, None)


def test_half_right_is_below_the_pass_mark(participant):
    lesson = CheckedLessonFactory(pass_percent=67)
    answers = right_answers(lesson)
    first_question = next(iter(answers))
    answers[first_question] = set()  # one of two right: 50 %
    progress = answer_check(participant, lesson, answers=answers, by=participant.user)
    assert progress.correct == 1
    assert progress.passed_at is None


def test_only_some_of_the_right_answers_is_not_right(participant):
    lesson = CheckedLessonFactory(questions=2)
    answers = right_answers(lesson)
    two_right = next(question for question, choices in answers.items() if len(choices) == 2)
    answers[two_right] = set(sorted(answers[two_right])[:1])
    progress = answer_check(participant, lesson, answers=answers, by=participant.user)
    assert progress.correct == 1


def test_a_retry_passes_and_keeps_only_the_latest_answers(participant):
    lesson = CheckedLessonFactory()
    answer_check(participant, lesson, answers=wrong_answers(lesson), by=participant.user)
    progress = answer_check(participant, lesson, answers=right_answers(lesson), by=participant.user)
    progress.refresh_from_db()
    assert progress.attempts == 2
    assert progress.correct == 2
    assert progress.passed_at is not None
    assert progress.answers == {question: sorted(choices) for question, choices in right_answers(lesson).items()}
    assert LessonProgress.objects.filter(participant=participant, lesson=lesson).count() == 1
    assert ActivityEntry.objects.filter(action="lesson.answered").count() == 2


def test_a_worse_retry_after_passing_keeps_the_pass(participant):
    lesson = CheckedLessonFactory()
    passed = answer_check(participant, lesson, answers=right_answers(lesson), by=participant.user).passed_at
    progress = answer_check(participant, lesson, answers=wrong_answers(lesson), by=participant.user)
    assert progress.correct == 0
    assert progress.passed_at == passed


def test_passing_every_published_lesson_completes_part_one_once_with_one_email(participant):
    first, last = CheckedLessonFactory(), CheckedLessonFactory()
    LessonFactory(published=False)  # a draft lesson is not part of the course yet
    answer_check(participant, first, answers=right_answers(first), by=participant.user)
    participant.refresh_from_db()
    assert participant.part_one_completed_at is None
    assert not part_one_emails().exists()

    answer_check(participant, last, answers=right_answers(last), by=participant.user)
    participant.refresh_from_db()
    completed_at = participant.part_one_completed_at
    assert completed_at is not None
    email = part_one_emails().get()
    assert email.to == participant.user.email

    answer_check(participant, last, answers=right_answers(last), by=participant.user)  # a retry after completing
    participant.refresh_from_db()
    assert participant.part_one_completed_at == completed_at
    assert part_one_emails().count() == 1
    assert ActivityEntry.objects.filter(action="participant.completed_part_one").count() == 1


def test_course_progress_says_where_to_continue_and_how_long_is_left(participant):
    lessons = [CheckedLessonFactory(minutes=minutes) for minutes in (10, 20, 30)]
    LessonFactory(published=False, minutes=99)
    answer_check(participant, lessons[0], answers=right_answers(lessons[0]), by=participant.user)
    open_lesson(participant, lessons[1])

    course = course_progress(participant)

    assert [row.state for row in course.rows] == [LessonState.PASSED, LessonState.READ, LessonState.NOT_STARTED]
    assert course.next_row.lesson == lessons[1]
    assert course.next_row.number == 2
    assert (course.total, course.passed_count, course.minutes_left) == (3, 1, 50)


def test_course_progress_of_another_participant_is_their_own(participant):
    lesson = CheckedLessonFactory()
    other = ParticipantFactory()
    answer_check(other, lesson, answers=right_answers(lesson), by=other.user)
    assert course_progress(participant).rows[0].state == LessonState.NOT_STARTED


# --- A double submit ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_from_two_threads_leaves_one_consistent_row_and_one_completion():
    participant = ParticipantFactory()
    lesson = CheckedLessonFactory()
    answers = right_answers(lesson)
    barrier = threading.Barrier(2)
    errors = []

    def submit():
        try:
            barrier.wait()
            answer_check(participant, lesson, answers=answers, by=participant.user)
        except Exception as error:  # reported by the assertion below, with its type
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    progress = LessonProgress.objects.get(participant=participant, lesson=lesson)
    assert progress.attempts == 2
    assert progress.correct == 2
    assert progress.passed_at is not None
    participant.refresh_from_db()
    assert participant.part_one_completed_at is not None
    assert part_one_emails().filter(to=participant.user.email).count() == 1
    assert ActivityEntry.objects.filter(action="participant.completed_part_one").count() == 1


@pytest.mark.django_db(transaction=True)
def test_passing_the_last_two_lessons_at_once_still_completes_part_one():
    participant = ParticipantFactory()
    lessons = [CheckedLessonFactory(), CheckedLessonFactory()]
    barrier = threading.Barrier(2)
    errors = []

    def submit(lesson):
        try:
            barrier.wait()
            answer_check(participant, lesson, answers=right_answers(lesson), by=participant.user)
        except Exception as error:  # reported by the assertion below, with its type
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(lesson,)) for lesson in lessons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    participant.refresh_from_db()
    assert participant.part_one_completed_at is not None
    assert part_one_emails().count() == 1


def test_a_participant_who_passed_every_lesson_left_after_one_was_unpublished_is_completed_on_their_overview(
    client,
):
    lessons = [CheckedLessonFactory(position=number) for number in (1, 2)]
    participant = ParticipantFactory()
    answer_check(participant, lessons[0], answers=right_answers(lessons[0]), by=participant.user)
    lessons[1].published = False
    lessons[1].save()
    participant.refresh_from_db()
    assert participant.part_one_completed_at is None

    client.force_login(participant.user)
    client.get(reverse("courses:overview"))
    participant.refresh_from_db()
    assert participant.part_one_completed_at is not None
    assert OutboundEmail.objects.filter(template="courses/part_one_completed", to=participant.user.email).count() == 1
