"""Is a cohort ready to be matched? What the rotation board and the run page warn about before "Run matching".

Matching before the preference deadline, or while someone has not ranked, is allowed (a manager may decide
to), but never blind: the pages list who has not ranked (preferences.ranking_gaps, the rule the matching
itself applies) and offer to remind them.
"""

from dataclasses import dataclass

from django.utils import timezone

from rotations.services.preferences import RankingGaps, ranking_gaps, window_is_open


@dataclass(frozen=True)
class Readiness:
    cohort: object
    gaps: RankingGaps
    deadline_ahead: bool  # the preference deadline is set and still to come: rankings may still change
    ranking_open: bool  # talents and hosts may rank now, so a reminder asks for something they can do

    @property
    def no_deadline(self):
        """No preference deadline is set: the ranking window never opened, so nobody could rank."""
        return self.cohort.preference_deadline is None

    @property
    def is_ready(self):
        return not (self.deadline_ahead or self.no_deadline or self.gaps.talents or self.gaps.projects)

    @property
    def people_to_remind(self):
        return bool(self.ranking_open and (self.gaps.talents or self.gaps.projects))


def matching_readiness(cohort, *, now=None):
    """The cohort's Readiness, in three queries whatever its size (those of ranking_gaps)."""
    now = now or timezone.now()
    deadline = cohort.preference_deadline
    return Readiness(
        cohort=cohort,
        gaps=ranking_gaps(cohort),
        deadline_ahead=deadline is not None and now < deadline,
        ranking_open=window_is_open(cohort, now),
    )
