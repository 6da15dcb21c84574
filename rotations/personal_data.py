"""The rotations part of a person's data export (portal/personal_data.py).

A talent's: placements, feedback given and received, hiring interest and outcomes, project
preferences and buddy requests. A host member's: the rankings, feedback and hiring interest they
gave. A fixed number of queries, whatever the number of rows.
"""

from eyeforai.personal_data import as_row
from rotations.choices import Side
from rotations.models import BuddyRequest, Evaluation, HiringInterest, HostRanking, Outcome, Placement, TalentPreference

PLACEMENT_NAMES = ("placement__talent__user", "placement__host", "placement__period")


def placements(profile):
    rows = Placement.objects.filter(talent=profile).select_related("cohort", "period__cohort", "project", "host")
    return [as_row(placement, exclude={"talent", "created_by"}) for placement in rows.order_by("starts_on")]


def evaluations(profile):
    rows = Evaluation.objects.filter(placement__talent=profile).select_related(*PLACEMENT_NAMES)
    return [as_row(evaluation, exclude={"author"}) for evaluation in rows.order_by("pk")]


def hiring(profile):
    """The talent's own hiring interest, and a host's only once it is mutual: the talent downloads
    this themselves, and a host's interest is revealed to them only when both sides marked it
    (rotations/services/hiring.py)."""
    rows = list(HiringInterest.objects.filter(talent=profile).select_related("cohort", "host").order_by("pk"))
    theirs = {(row.cohort_id, row.host_id) for row in rows if row.side == Side.TALENT}
    interests = [row for row in rows if row.side == Side.TALENT or (row.cohort_id, row.host_id) in theirs]
    outcomes = Outcome.objects.filter(talent=profile).select_related("cohort", "host").order_by("pk")
    return {
        "interest": [as_row(row, exclude={"talent", "marked_by"}) for row in interests],
        "outcomes": [as_row(row, exclude={"talent", "recorded_by"}) for row in outcomes],
    }


def preferences(profile):
    rows = TalentPreference.objects.filter(talent=profile).select_related("project").order_by("rank")
    return [as_row(row, exclude={"talent"}) for row in rows]


def buddy_requests(profile):
    rows = BuddyRequest.objects.filter(talent=profile).select_related("cohort", "buddy__user").order_by("pk")
    return [as_row(row, exclude={"talent"}) for row in rows]


def rotations_data(profile):
    return {
        "placements": placements(profile),
        "evaluations": evaluations(profile),
        "hiring": hiring(profile),
        "preferences": preferences(profile),
        "buddy_requests": buddy_requests(profile),
    }


def member_rotations_data(user):
    """What a host member did in rotations: the talents they ranked, the feedback they gave and the
    hiring interest they marked (each row names the talent it was about, as the member saw it)."""
    rankings = HostRanking.objects.filter(ranked_by=user).select_related("project", "talent__user").order_by("pk")
    feedback = Evaluation.objects.filter(author=user).select_related(*PLACEMENT_NAMES).order_by("pk")
    interest = HiringInterest.objects.filter(marked_by=user).select_related("cohort", "talent__user", "host")
    return {
        "rankings_given": [as_row(row, exclude={"ranked_by"}) for row in rankings],
        "feedback_given": [as_row(row, exclude={"author"}) for row in feedback],
        "hiring_interest_marked": [as_row(row, exclude={"marked_by"}) for row in interest.order_by("pk")],
    }
