"""The published lessons as every participant's lesson page and overview read them, kept in the cache.

Thousands of participants read the same seven lessons, and only a course manager's edit in the admin
changes them: reading them from the database cost four queries a page. Two kinds of copy are kept: the
outline (each published lesson's uuid, position, titles and minutes, in order) and each published lesson
in full with its questions and their choices. Saving or deleting a lesson, a question or a choice drops
every copy (courses/signals.py); KEEP_SECONDS bounds a copy left by a write that sends no signal (psql,
QuerySet.update). A lesson that is not published is never kept: asking for it reads the database.

The copies are pickled model instances: their keys carry FORMAT, drawn from the models' fields, so code
deployed with a changed Lesson, Question or Choice never unpickles a copy kept by the code before it.
When the cache is down the pages read the database and keep nothing.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction

from courses.models import Choice, Lesson, Question

logger = logging.getLogger(__name__)

KEEP_SECONDS = 600
OUTLINE_FIELDS = ("uuid", "position", "title_sv", "title_en", "minutes")


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
    kept = _kept([OUTLINE_KEY])
    outline = None if kept is None else kept.get(OUTLINE_KEY)
    if outline is None:
        outline = _read_outline(keep=kept is not None)
    return outline


def lesson_with_outline(uuid):
    """(lesson, questions, outline): the published lesson `uuid` with its questions (each with its
    choices prefetched), or None and no questions when it is not published; and the outline. One round
    trip to the cache when both are kept."""
    key = _lesson_key(uuid)
    kept = _kept([OUTLINE_KEY, key])
    cache_up = kept is not None
    kept = kept or {}
    lesson, questions = kept.get(key) or _read_lesson(uuid, keep=cache_up)
    outline = kept.get(OUTLINE_KEY)
    # Kept at different times, the two could disagree after a write that sent no signal.
    if outline is None or (lesson is not None and all(entry.pk != lesson.pk for entry in outline)):
        outline = _read_outline(keep=cache_up)
    return lesson, questions, outline


def _kept(keys):
    """The copies kept under `keys` (those missing left out), or None when the cache cannot be reached."""
    try:
        return cache.get_many(keys)
    except Exception:
        # A cache outage must not fail the page: it is built from the database instead.
        logger.exception("Could not read the cached lessons")
        return None


def _keep(key, value):
    try:
        cache.set(key, value, KEEP_SECONDS)
    except Exception:
        logger.exception("Could not keep the lessons in the cache")


def _read_outline(*, keep):
    outline = list(Lesson.objects.published().only(*OUTLINE_FIELDS))
    if keep:
        _keep(OUTLINE_KEY, outline)
    return outline


def _read_lesson(uuid, *, keep):
    lesson = Lesson.objects.published().filter(uuid=uuid).first()
    if lesson is None:
        return None, []
    questions = list(lesson.questions.prefetch_related("choices"))
    if keep:
        _keep(_lesson_key(uuid), (lesson, questions))
    return lesson, questions


def forget_lessons(*also):
    """Drop the outline and every lesson's copy (and those of the lesson uuids `also`: a lesson saved or
    deleted): now, for a read later in this transaction, and after commit, because a request in between may
    have kept the rows as they were before it. The lessons are listed and the drop after commit registered
    once per transaction, however many rows an admin save with inlines writes; each later call only drops
    the same keys again, one round trip to the cache."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _forget({OUTLINE_KEY, *_every_lesson_key(), *map(_lesson_key, also)})
        return
    pending = _pending_drop(connection)
    if pending is None:
        pending = DropAfterCommit({OUTLINE_KEY, *_every_lesson_key()})
        transaction.on_commit(pending)
    pending.keys.update(map(_lesson_key, also))
    _forget(pending.keys)


class DropAfterCommit:
    """The on_commit callback of one transaction, holding the keys its writes asked to drop."""

    def __init__(self, keys):
        self.keys = keys

    def __call__(self):
        _forget(self.keys)


def _pending_drop(connection):
    # The callbacks Django still holds for this transaction: a rolled-back savepoint or transaction takes
    # ours with it, where a flag of our own would stay set and the next transaction would drop nothing
    # after its commit. (Django's captureOnCommitCallbacks reads the same list.)
    return next((func for _sids, func, _robust in connection.run_on_commit if isinstance(func, DropAfterCommit)), None)


def _every_lesson_key():
    return [_lesson_key(uuid) for uuid in Lesson.objects.values_list("uuid", flat=True)]


def _forget(keys):
    # A cache outage must not fail the edit that asked for it; the copies then age out by KEEP_SECONDS.
    try:
        cache.delete_many(list(keys))
    except Exception:
        logger.exception("Could not drop the cached lessons")
