from rotations.models.calendars import CalendarFeed
from rotations.models.feedback import Evaluation
from rotations.models.hiring import HiringInterest, Outcome
from rotations.models.matching import MatchingRun
from rotations.models.placements import Placement
from rotations.models.preferences import BuddyRequest, Conflict, HostRanking, TalentPreference

__all__ = [
    "BuddyRequest",
    "CalendarFeed",
    "Conflict",
    "Evaluation",
    "HiringInterest",
    "HostRanking",
    "MatchingRun",
    "Outcome",
    "Placement",
    "TalentPreference",
]
