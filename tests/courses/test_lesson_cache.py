"""The keys of the cached lessons (courses/lesson_cache.py). What a participant sees after lessons change,
however they are written, is in test_lessons.py; the cache down in test_lesson_cache_faults.py."""

import pytest
from django.core.cache import cache
from django.db import models
from django.test.utils import isolate_apps

from courses.lesson_cache import FORMAT, OUTLINE_KEY, format_version, lesson_with_outline
from courses.models import Choice, Lesson, Question
from tests.courses.factories import CheckedLessonFactory

pytestmark = pytest.mark.django_db


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
    _generation, (kept_lesson, _questions) = cache.get(f"courses:lessons:{FORMAT}:{lesson.uuid}")
    assert kept_lesson == lesson


@isolate_apps("courses")
def test_a_changed_lesson_model_reads_new_keys():
    same = model_with_fields("Lesson", attnames(Lesson))
    with_a_field_added = model_with_fields("LessonWithSummary", [*attnames(Lesson), "summary_sv"])
    with_a_field_renamed = model_with_fields("LessonRenamed", [*attnames(Lesson)[:-1], "is_published"])

    assert format_version(same, Question, Choice) == FORMAT
    assert format_version(with_a_field_added, Question, Choice) != FORMAT
    assert format_version(with_a_field_renamed, Question, Choice) != FORMAT
