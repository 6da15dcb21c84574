from rotations.models.calendars import CalendarFeed
from rotations.models.feedback import Evaluation
from rotations.models.hiring import HiringInterest, Outcome
from rotations.models.placements import Placement

__all__ = ["CalendarFeed", "Evaluation", "HiringInterest", "Outcome", "Placement"]
