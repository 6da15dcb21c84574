"""The lesson page, the overview and answering a lesson's check when the cache is down: the lessons are read
from the database, nothing is kept, and the answer is recorded (courses/lesson_cache.py)."""

import logging

import pytest
from django.urls import reverse

from courses.checkforms import field_name
from courses.models import LessonProgress
from tests.courses.factories import CheckedLessonFactory, ParticipantFactory, right_answers

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every cache call is refused, as when Redis is stopped.
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def participant():
    return ParticipantFactory()


@pytest.fixture
def lessons():
    return [CheckedLessonFactory(title_en=f"Lesson {number}", minutes=10) for number in (1, 2, 3)]


@pytest.fixture
def participant_client(client, participant, settings):
    settings.CACHES = CACHE_DOWN
    client.force_login(participant.user)
    return client


def lesson_url(lesson):
    return reverse("courses:lesson", args=[lesson.uuid])


def test_the_lesson_page_is_read_from_the_database_when_the_cache_is_down(participant_client, lessons, caplog):
    lesson = lessons[1]
    with caplog.at_level(logging.ERROR, logger="courses.lesson_cache"):
        response = participant_client.get(lesson_url(lesson))
    assert response.status_code == 200
    assert "Lesson 2" in response.text
    assert lesson.questions.first().text_en in response.text
    assert "Lesson 2 of 3" in response.text
    assert "Could not read the cached lessons" in caplog.text
    assert "Could not keep" not in caplog.text  # the cache is not asked again to keep what it could not give


def test_the_overview_is_read_from_the_database_when_the_cache_is_down(participant_client, lessons, caplog):
    with caplog.at_level(logging.ERROR, logger="courses.lesson_cache"):
        response = participant_client.get("/course/me/")
    assert response.status_code == 200
    assert all(f"Lesson {number}" in response.text for number in (1, 2, 3))
    assert "Could not read the cached lessons" in caplog.text


def test_a_check_answered_when_the_cache_is_down_is_recorded(participant_client, participant, lessons):
    lesson = lessons[0]
    questions = {str(question.uuid): question for question in lesson.questions.all()}
    data = {field_name(questions[uuid]): sorted(choices) for uuid, choices in right_answers(lesson).items()}

    response = participant_client.post(lesson_url(lesson), data)

    assert response.status_code == 302
    progress = LessonProgress.objects.get(participant=participant, lesson=lesson)
    assert progress.attempts == 1
    assert progress.passed_at is not None
    assert participant_client.get(lesson_url(lesson)).status_code == 200


def test_a_lesson_edited_when_the_cache_is_down_is_saved(
    participant_client, lessons, django_capture_on_commit_callbacks, caplog
):
    lesson = lessons[0]
    with (
        caplog.at_level(logging.ERROR, logger="eyeforai.write_watch"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        lesson.title_en = "Lesson one, revised"
        lesson.save()
    lesson.refresh_from_db()
    assert lesson.title_en == "Lesson one, revised"
    assert "Could not start a new generation of courses:lessons:generation" in caplog.text
    assert "Lesson one, revised" in participant_client.get(lesson_url(lessons[1])).text
