from courses.models.bodies import PublicBody
from courses.models.lessons import Choice, Lesson, LessonImage, Question
from courses.models.participants import Participant
from courses.models.progress import LessonProgress

__all__ = ["Choice", "Lesson", "LessonImage", "LessonProgress", "Participant", "PublicBody", "Question"]
