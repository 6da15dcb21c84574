"""The published lessons as every participant's lesson page and overview read them, kept in the cache.

Thousands of participants read the same seven lessons, and only a course manager's edit in the admin
changes them: reading them from the database cost four queries a page. Two kinds of copy are kept: the
outline (each published lesson's uuid, position, titles and minutes, in order) and each published lesson
in full with its questions and their choices. Each names the generation it was built under: any INSERT,
UPDATE or DELETE on the lessons', questions' or choices' table starts a new one, noted where the SQL runs
(eyeforai/write_watch.py; registered in courses/signals.py), so an admin save with its inlines, a
QuerySet.update and a bulk write all show on the next request, and the outline and a lesson kept at
different times never disagree. KEEP_SECONDS bounds a copy left by a write made outside Django (psql). A
lesson that is not published is never kept: asking for it reads the database.

The copies are pickled model instances: their keys carry FORMAT, drawn from the models' fields, so code
deployed with a changed Lesson, Question or Choice never unpickles a copy kept by the code before it.
When the cache is down the pages read the database and keep nothing.
"""

import hashlib
import logging
from functools import cache as cache_result

from django.core.cache import cache

from courses.models import Choice, Lesson, Question
from eyeforai import write_watch

logger = logging.getLogger(__name__)

GENERATION_KEY = "courses:lessons:generation"
KEEP_SECONDS = 600
OUTLINE_FIELDS = ("uuid", "position", "title_sv", "title_en", "minutes")


@cache_result
def lesson_tables():
    """The tables the copies are read from."""
    return frozenset(model._meta.db_table for model in (Lesson, Question, Choice))


def format_version(*models):
    """A short digest of the models' column attribute names, in order: the same in every process of one
    deploy (hashlib, not the per-process hash()), and another as soon as a field is added, removed or renamed."""
    names = "|".join(",".join(field.attname for field in model._meta.concrete_fields) for model in models)
    return hashlib.blake2b(names.encode(), digest_size=4).hexdigest()


FORMAT = format_version(Lesson, Question, Choice)
OUTLINE_KEY = f"courses:lessons:{FORMAT}:outline"


def _lesson_key(uuid):
    return f"courses:lessons:{FORMAT}:{uuid}"


def published_outline():
    """The published lessons in order, with only OUTLINE_FIELDS loaded (reading another field would
    query the database: use lesson_with_outline for a lesson's body and check)."""
    generation, kept = _kept([OUTLINE_KEY])
    return kept[OUTLINE_KEY] if OUTLINE_KEY in kept else _read_outline(generation)


def lesson_with_outline(uuid):
    """(lesson, questions, outline): the published lesson `uuid` with its questions (each with its
    choices prefetched), or None and no questions when it is not published; and the outline. One round
    trip to the cache when both are kept."""
    key = _lesson_key(uuid)
    generation, kept = _kept([OUTLINE_KEY, key])
    lesson, questions = kept[key] if key in kept else _read_lesson(uuid, generation)
    outline = kept[OUTLINE_KEY] if OUTLINE_KEY in kept else _read_outline(generation)
    return lesson, questions, outline


def _kept(keys):
    """(the current generation, {key: copy} of the `keys` kept under it), or (None, {}) when the cache
    cannot be reached. One round trip when the generation is set."""
    try:
        found = cache.get_many([GENERATION_KEY, *keys])
        generation = write_watch.current_generation(found, GENERATION_KEY)
    except Exception:
        # A cache outage must not fail the page: it is built from the database instead.
        logger.exception("Could not read the cached lessons")
        return None, {}
    return generation, {key: found[key][1] for key in keys if key in found and found[key][0] == generation}


def _keep(key, value, generation):
    """Keep `value` under `key` as built under `generation` (None: the cache is down, keep nothing)."""
    if generation is None:
        return
    try:
        cache.set(key, (generation, value), KEEP_SECONDS)
    except Exception:
        logger.exception("Could not keep the lessons in the cache")


def _read_outline(generation):
    outline = list(Lesson.objects.published().only(*OUTLINE_FIELDS))
    _keep(OUTLINE_KEY, outline, generation)
    return outline


def _read_lesson(uuid, generation):
    lesson = Lesson.objects.published().filter(uuid=uuid).first()
    if lesson is None:
        return None, []
    questions = list(lesson.questions.prefetch_related("choices"))
    _keep(_lesson_key(uuid), (lesson, questions), generation)
    return lesson, questions
