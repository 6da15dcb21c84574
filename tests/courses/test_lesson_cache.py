"""The keys of the cached lessons and their drop when lessons change (courses/lesson_cache.py,
courses/signals.py). What a participant then sees is in test_lessons.py; the cache down in
test_lesson_cache_faults.py."""

from contextlib import suppress

import pytest
from django.core.cache import cache
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.urls import reverse

from courses.lesson_cache import FORMAT, OUTLINE_KEY, DropAfterCommit, format_version, lesson_with_outline
from courses.models import Choice, Lesson, Question
from tests.courses.factories import CheckedLessonFactory, CourseManagerFactory, LessonFactory

pytestmark = pytest.mark.django_db


def lists_every_lesson(sql):
    return sql.startswith('SELECT "courses_lesson"."uuid"') and "WHERE" not in sql


def attnames(model):
    return [field.attname for field in model._meta.concrete_fields]


def model_with_fields(name, names):
    """A model (in an isolated registry) with the given column attribute names: what a deploy's Lesson would be."""
    fields = {attname: models.IntegerField() for attname in names if attname != "id"}
    meta = type("Meta", (), {"app_label": "courses"})
    return type(name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


def test_the_keys_carry_the_format_of_the_models():
    lesson = CheckedLessonFactory()
    lesson_with_outline(lesson.uuid)  # kept

    assert format_version(Lesson, Question, Choice) == FORMAT
    assert OUTLINE_KEY.startswith(f"courses:lessons:{FORMAT}:")
    kept_lesson, _questions = cache.get(f"courses:lessons:{FORMAT}:{lesson.uuid}")
    assert kept_lesson == lesson


@isolate_apps("courses")
def test_a_changed_lesson_model_reads_new_keys():
    same = model_with_fields("Lesson", attnames(Lesson))
    with_a_field_added = model_with_fields("LessonWithSummary", [*attnames(Lesson), "summary_sv"])
    with_a_field_renamed = model_with_fields("LessonRenamed", [*attnames(Lesson)[:-1], "is_published"])

    assert format_version(same, Question, Choice) == FORMAT
    assert format_version(with_a_field_added, Question, Choice) != FORMAT
    assert format_version(with_a_field_renamed, Question, Choice) != FORMAT


def lesson_add_post(question_texts):
    data = {
        "position": 7,
        "minutes": 20,
        "pass_percent": 67,
        "title_sv": "Vad är AI?",
        "body_sv": "AI är **statistik**.",
        "title_en": "",
        "body_en": "",
        "questions-TOTAL_FORMS": len(question_texts),
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for index, text in enumerate(question_texts):
        data |= {f"questions-{index}-position": index + 1, f"questions-{index}-text_sv": text}
    return data


def test_a_lesson_saved_with_its_questions_in_the_admin_is_dropped_once_after_commit(
    client, django_capture_on_commit_callbacks
):
    client.force_login(CourseManagerFactory())
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("admin:courses_lesson_add"), lesson_add_post(["Ett?", "Två?", "Tre?"]))

    assert response.status_code == 302
    lesson = Lesson.objects.get(position=7)
    assert lesson.questions.count() == 3
    drops = [callback for callback in callbacks if isinstance(callback, DropAfterCommit)]
    assert len(drops) == 1  # not one per saved row
    assert OUTLINE_KEY in drops[0].keys
    assert any(str(lesson.uuid) in key for key in drops[0].keys)
    assert sum(lists_every_lesson(query["sql"]) for query in queries.captured_queries) == 1


class Rollback(Exception):
    pass


def test_a_write_after_a_rolled_back_one_still_drops_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with suppress(Rollback), transaction.atomic():
            LessonFactory()
            raise Rollback  # takes its drop after commit with it
        lesson = LessonFactory()

    drops = [callback for callback in callbacks if isinstance(callback, DropAfterCommit)]
    assert len(drops) == 1
    assert any(str(lesson.uuid) in key for key in drops[0].keys)
