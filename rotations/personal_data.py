"""The rotations part of a talent's data export (talents/personal_data.py): placements, feedback
given and received, hiring interest and outcomes, and the talent's project preferences."""

from rotations.models import Evaluation, HiringInterest, Outcome, Placement, TalentPreference
from talents.personal_data import as_row, register_talent_data


def placements(profile):
    rows = Placement.objects.filter(talent=profile).select_related("cohort", "period", "project", "host")
    return [as_row(placement, exclude={"talent", "created_by"}) for placement in rows.order_by("starts_on")]


def evaluations(profile):
    rows = Evaluation.objects.filter(placement__talent=profile).select_related("placement__project")
    return [as_row(evaluation, exclude={"author"}) for evaluation in rows.order_by("pk")]


def hiring(profile):
    interests = HiringInterest.objects.filter(talent=profile).select_related("cohort", "host").order_by("pk")
    outcomes = Outcome.objects.filter(talent=profile).select_related("cohort", "host").order_by("pk")
    return {
        "interest": [as_row(row, exclude={"talent"}) for row in interests],
        "outcomes": [as_row(row, exclude={"talent", "recorded_by"}) for row in outcomes],
    }


def preferences(profile):
    rows = TalentPreference.objects.filter(talent=profile).select_related("project").order_by("rank")
    return [as_row(row, exclude={"talent"}) for row in rows]


def register():
    register_talent_data("placements", placements)
    register_talent_data("evaluations", evaluations)
    register_talent_data("hiring", hiring)
    register_talent_data("preferences", preferences)
