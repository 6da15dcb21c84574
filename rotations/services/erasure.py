"""The rotations part of erasing a person (the whole erasure: portal/erasure.py).

Placements, evaluations, hiring interest and outcomes are the programme's records: they keep their
rows and their numbers (dates, statuses, ratings, results) and lose the person (no author, no
comments or notes in their words or about them).
"""

from django.db import transaction
from django.db.models import Q

from rotations.models import (
    BuddyRequest,
    CalendarFeed,
    Conflict,
    Evaluation,
    HiringInterest,
    HostRanking,
    Outcome,
    Placement,
    TalentPreference,
)


def keeps_talent(profile):
    """True when the programme's records point at the talent: their profile must stay (emptied)."""
    return (
        Placement.objects.filter(talent=profile).exists()
        or Outcome.objects.filter(talent=profile).exists()
        or HiringInterest.objects.filter(talent=profile).exists()
    )


@transaction.atomic
def erase_talent_rotations(profile):
    """A talent's own rotations data goes: project preferences, buddy requests (either way), the
    hosts' rankings of them and any conflicts noted. What stays loses its free text: the comments of
    the evaluations of their placements (both sides), the outcome notes, the reasons for cancelling.

    No activity entry: a step of the erasure, which records itself (erasurerequest.erased) without
    naming the person; an entry per row here would only say whom it was about."""
    TalentPreference.objects.filter(talent=profile).delete()
    BuddyRequest.objects.filter(Q(talent=profile) | Q(buddy=profile)).delete()
    HostRanking.objects.filter(talent=profile).delete()
    Conflict.objects.filter(talent=profile).delete()
    Evaluation.objects.filter(placement__talent=profile).update(comments="")
    Outcome.objects.filter(talent=profile).update(notes="")
    Placement.objects.filter(talent=profile).exclude(cancel_reason="").update(cancel_reason="")


@transaction.atomic
def forget_person(user):
    """Rows that name `user` as who did something keep the deed and lose the name: feedback they
    wrote, rankings they gave, hiring interest they marked, outcomes they recorded, placements they
    made. Their calendar feed (and its token) is deleted.

    No activity entry: a step of the erasure, which records itself (erasurerequest.erased)."""
    CalendarFeed.objects.filter(user=user).delete()
    Evaluation.objects.filter(author=user).update(author=None)
    HostRanking.objects.filter(ranked_by=user).update(ranked_by=None)
    HiringInterest.objects.filter(marked_by=user).update(marked_by=None)
    Outcome.objects.filter(recorded_by=user).update(recorded_by=None)
    Placement.objects.filter(created_by=user).update(created_by=None)
