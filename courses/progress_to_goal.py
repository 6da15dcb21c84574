"""The figures the public course page shows: progress toward the goal of 800 leaders, and how long
the self-study part takes. Each is one query, whatever the number of participants or lessons."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext, ngettext

from courses.models import Lesson, Participant

# AI Sweden's goal with SKR and Governo: at least 800 politicians, managers and leaders complete the course.
GOAL = 800

# The day the goal is for: the programme's target, the end of 2027. The road to 800's goal line
# (courses/road_to_800.py) runs from the first sign-up to 800 on this day.
GOAL_DATE = date(2027, 12, 31)


@dataclass(frozen=True)
class GoalProgress:
    participants: int  # joined
    part_one_completed: int  # completed the self-study part
    completed: int  # completed both parts: the figure the goal counts
    goal: int = GOAL

    @property
    def bar_value(self):
        """For <progress max=goal>: a value past the goal would be clamped by the browser anyway."""
        return min(self.completed, self.goal)

    @property
    def percent(self):
        return min(100, 100 * self.completed // self.goal)


def goal_progress():
    counts = Participant.objects.aggregate(
        participants=Count("pk"),
        part_one_completed=Count("pk", filter=Q(part_one_completed_at__isnull=False)),
        # Both parts: the self-study part and a workshop attended (courses.services.attendance sets it).
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
    )
    return GoalProgress(**counts)


@dataclass(frozen=True)
class PartOneLength:
    lessons: int
    minutes: int

    @property
    def duration(self):
        return duration_text(self.minutes)


def part_one_length():
    """The published lessons of the self-study part: how many, and their estimated minutes summed."""
    totals = Lesson.objects.filter(published=True).aggregate(lessons=Count("pk"), minutes=Sum("minutes"))
    return PartOneLength(lessons=totals["lessons"], minutes=totals["minutes"] or 0)


def duration_text(minutes):
    """'4 hours and 10 minutes', '45 minutes', '2 hours' in the active language."""
    hours, rest = divmod(minutes, 60)
    hours_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
    if not hours:
        return minutes_text
    if not rest:
        return hours_text
    return gettext("%(hours)s and %(minutes)s") % {"hours": hours_text, "minutes": minutes_text}
