"""The course's part of erasing a person (the whole erasure: portal/erasure.py)."""

from django.db import transaction

from courses.models import Participant


@transaction.atomic
def erase_participant(user):
    """Forget `user` in the course: their Participant goes (title, role, organisation, completion date,
    certificate code: the statement no longer verifies), and with it their progress and answers in every
    lesson (on delete cascade). Returns True when they had joined the course.

    No activity entry: a step of the erasure, which records itself (erasurerequest.erased) without naming
    the person; the entries about the participant and their lessons stay, and lose their name and address
    with the rest of the log (eyeforai.activity.services.forget_person, called by the erasure)."""
    deleted, _by_model = Participant.objects.filter(user=user).delete()
    return deleted > 0
