from courses.models.bodies import PublicBody
from courses.models.facilitators import Facilitator, FacilitatorInvitation
from courses.models.lessons import Choice, Lesson, LessonImage, Question
from courses.models.participants import Participant
from courses.models.progress import LessonProgress
from courses.models.workshops import Booking, Session, WaitingListEntry

__all__ = [
    "Booking",
    "Choice",
    "Facilitator",
    "FacilitatorInvitation",
    "Lesson",
    "LessonImage",
    "LessonProgress",
    "Participant",
    "PublicBody",
    "Question",
    "Session",
    "WaitingListEntry",
]
