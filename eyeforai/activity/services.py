"""The one way to write the activity log.

Call record() inside the transaction of the change it records: the entry commits or rolls back
with it. `by` is the person who made the change, or None when the system did (a beat task).
forget_person() is the one way to change entries afterwards: a person's erasure.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from eyeforai.activity.models import ActivityEntry
from eyeforai.personal_data import mentions, scrub

OBJECT_REPR_LENGTH = ActivityEntry._meta.get_field("object_repr").max_length


def _entry(obj, action, *, by, from_state, to_state, note):
    person = by if by is not None and by.is_authenticated else None
    return ActivityEntry(
        actor=person,
        actor_email=person.email if person else "",
        actor_name=person.get_full_name() if person else "",
        content_type=ContentType.objects.get_for_model(obj),  # cached per process after the first call
        object_id=str(obj.pk),
        object_repr=str(obj)[:OBJECT_REPR_LENGTH],
        action=action,
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        note=str(note or ""),
    )


def record(obj, action, *, by, from_state="", to_state="", note=""):
    """Write one entry: `by` did `action` (a dotted slug, "application.submitted") to `obj`, moving
    it from `from_state` to `to_state` (choice values; empty when no state moved), with an optional note."""
    entry = _entry(obj, action, by=by, from_state=from_state, to_state=to_state, note=note)
    entry.save()
    return entry


def record_each(objects, action, *, by, from_state="", to_state="", note=""):
    """record() for many objects that made the same change, in one INSERT (a beat task's batch)."""
    entries = [_entry(obj, action, by=by, from_state=from_state, to_state=to_state, note=note) for obj in objects]
    return ActivityEntry.objects.bulk_create(entries)


def forget_person(person, *, words, placeholder):
    """Take an erased person out of the log; their erasure calls this in its transaction.

    The entries they made keep who-did-what with `placeholder` in place of their name and address,
    and `words` (their names and addresses) in any entry's object description or note become
    `placeholder`. The rows stay: the log still shows that the steps happened.
    """
    if person is None:
        raise ValueError("forget_person needs the account being erased.")
    words = sorted({word for word in words if word}, key=len, reverse=True)
    theirs = Q(actor=person)
    for word in words:
        if "@" in word:
            theirs |= Q(actor_email__iexact=word)
    ActivityEntry.objects.filter(theirs).update(actor_email=placeholder, actor_name="")
    # The same whole-word matching as the rest of the erasure: "Li Wu" stays inside "Eli Wulff".
    for entry in ActivityEntry.objects.filter(mentions(("object_repr", "note"), words)).only("object_repr", "note"):
        entry.object_repr = scrub(entry.object_repr, words, placeholder)[:OBJECT_REPR_LENGTH]
        entry.note = scrub(entry.note, words, placeholder)
        entry.save(update_fields=["object_repr", "note"])
