"""The road to 800: the figures course managers follow (/admin/road-to-800/) and the public page's reach.

`dashboard(now)` takes four GROUP BY queries whatever the number of participants: per role (which also gives
the totals and the first sign-up), sign-ups per week, completions per week, and per public body (which gives
the reach, the outreach lists, the per-county table and the CSV). Everything it returns is plain ints, dates,
strings and lists of small dataclasses, so a test or the demo data can compare it with direct counts.

Weeks are Monday to Sunday in Stockholm time, the programme's.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncWeek

from courses.choices import BodyKind, LeaderRole
from courses.models import Participant, PublicBody
from courses.progress_to_goal import GOAL, GOAL_DATE

STOCKHOLM = ZoneInfo("Europe/Stockholm")
RECENT_WEEKS = 12
PART_FIELDS = ("joined", "part_one", "part_two", "completed")


def _counts(prefix=""):
    """joined, part one done, part two done and completed, for Count over `prefix` (a relation path)."""
    pk = f"{prefix}pk" if prefix else "pk"
    return {
        "joined": Count(pk),
        "part_one": Count(pk, filter=Q(**{f"{prefix}part_one_completed_at__isnull": False})),
        "part_two": Count(pk, filter=Q(**{f"{prefix}part_two_completed_at__isnull": False})),
        "completed": Count(pk, filter=Q(**{f"{prefix}completed_at__isnull": False})),
    }


def _share(part, whole):
    """Whole percent, rounded down (never 100 before everyone is there)."""
    return 100 * part // whole if whole else 0


@dataclass(frozen=True)
class Parts:
    """Completion per part: who joined, who did the self-study part, the workshop, and both."""

    joined: int = 0
    part_one: int = 0
    part_two: int = 0
    completed: int = 0

    @property
    def part_one_share(self):
        return _share(self.part_one, self.joined)

    @property
    def part_two_share(self):
        return _share(self.part_two, self.joined)

    @property
    def completed_share(self):
        return _share(self.completed, self.joined)


@dataclass(frozen=True)
class RoleRow:
    role: str
    label: str
    joined: int
    completed: int


@dataclass(frozen=True)
class Week:
    starts_on: object  # date: the Monday
    signups: int
    completions: int


@dataclass(frozen=True)
class Point:
    """The chart's figures at the end of a week: completions so far against the goal line."""

    ends_on: object  # date: the Sunday
    completed: int
    goal: int


@dataclass(frozen=True)
class BodyRow:
    """One public body's participants: a row of the CSV."""

    kind: str
    name: str
    code: str
    county_code: str
    county: str  # the county's region's name ("" for agencies)
    joined: int
    part_one: int
    part_two: int
    completed: int


@dataclass(frozen=True)
class County:
    """A county: its municipalities reached, its leaders (municipalities' and the region's), who is left."""

    county_code: str
    name: str  # the region's name
    municipalities: int
    municipalities_reached: int
    joined: int
    completed: int
    region_reached: bool
    unreached: list  # names of the county's municipalities with no completed leader


@dataclass(frozen=True)
class Dashboard:
    now: object
    goal: int
    goal_date: object
    first_signup: object  # date, or None before anyone joined
    totals: Parts
    unmapped: Parts  # "other public organisation" participants, not (yet) mapped to a listed body
    roles: list
    timeline: list  # Point per week since the first sign-up, oldest first
    recent_weeks: list  # Week, the last 12 (or fewer, since the first sign-up), newest first
    municipalities: int
    municipalities_reached: int
    regions: int
    regions_reached: int
    agencies_reached: list  # names of agencies with a completed leader
    counties: list
    bodies: list  # BodyRow per listed body, the CSV's rows

    @property
    def unreached_regions(self):
        return [county.name for county in self.counties if not county.region_reached]


def week_start(day):
    return day - timedelta(days=day.weekday())


def _per_week(field, since=None):
    """{Monday: count} of participants whose `field` falls in that Stockholm week (one GROUP BY query)."""
    participants = Participant.objects.filter(**{f"{field}__isnull": False})
    if since is not None:
        participants = participants.filter(**{f"{field}__gte": since})
    rows = (
        participants.annotate(week=TruncWeek(field, tzinfo=STOCKHOLM))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["week"].astimezone(STOCKHOLM).date(): row["count"] for row in rows}


def goal_line(start, day, goal=GOAL, goal_date=GOAL_DATE):
    """The goal as a straight line: 0 on the first sign-up's day, `goal` on `goal_date`, flat after."""
    span = (goal_date - start).days
    if span <= 0:
        return goal
    return min(goal, max(0, round(goal * (day - start).days / span)))


def _timeline(first_signup, today, completions):
    points, completed = [], 0
    monday = week_start(first_signup)
    while monday <= today:
        completed += completions.get(monday, 0)
        sunday = monday + timedelta(days=6)
        points.append(Point(ends_on=sunday, completed=completed, goal=goal_line(first_signup, sunday)))
        monday += timedelta(weeks=1)
    return points


def _bodies():
    rows = PublicBody.objects.annotate(**_counts("participants__")).values(
        "kind", "name", "code", "county_code", "joined", "part_one", "part_two", "completed"
    )
    rows = list(rows.order_by("kind", "county_code", "name"))
    region_names = {row["county_code"]: row["name"] for row in rows if row["kind"] == BodyKind.REGION}
    return [BodyRow(county=region_names.get(row["county_code"], ""), **row) for row in rows]


def _counties(bodies):
    counties = []
    for region in (body for body in bodies if body.kind == BodyKind.REGION):
        municipalities = [
            body for body in bodies if body.kind == BodyKind.MUNICIPALITY and body.county_code == region.county_code
        ]
        counties.append(
            County(
                county_code=region.county_code,
                name=region.name,
                municipalities=len(municipalities),
                municipalities_reached=sum(1 for body in municipalities if body.completed),
                joined=region.joined + sum(body.joined for body in municipalities),
                completed=region.completed + sum(body.completed for body in municipalities),
                region_reached=region.completed > 0,
                unreached=[body.name for body in municipalities if not body.completed],
            )
        )
    return counties


def dashboard(now):
    """The road to 800 as it stands at `now`: four queries, whatever the number of participants."""
    per_role = {
        row["role"]: row
        for row in Participant.objects.values("role").annotate(**_counts(), first=Min("joined_at")).order_by()
    }
    totals = Parts(
        **{key: sum(row[key] for row in per_role.values()) for key in ("joined", "part_one", "part_two", "completed")}
    )
    roles = [
        RoleRow(
            role=role.value,
            label=role.label,
            joined=per_role.get(role.value, {}).get("joined", 0),
            completed=per_role.get(role.value, {}).get("completed", 0),
        )
        for role in LeaderRole
    ]
    firsts = [row["first"] for row in per_role.values()]
    first_signup = min(firsts).astimezone(STOCKHOLM).date() if firsts else None
    today = now.astimezone(STOCKHOLM).date()

    recent_weeks, timeline = [], []
    # The two per-week queries run even before anyone joined, so the count stays fixed.
    oldest = week_start(today) - timedelta(weeks=RECENT_WEEKS - 1)
    signups = _per_week("joined_at", since=_midnight(oldest))
    completions = _per_week("completed_at")
    if first_signup is not None:
        timeline = _timeline(first_signup, today, completions)
        monday = week_start(today)
        while monday >= max(oldest, week_start(first_signup)):
            recent_weeks.append(Week(monday, signups.get(monday, 0), completions.get(monday, 0)))
            monday -= timedelta(weeks=1)

    bodies = _bodies()
    municipalities = [body for body in bodies if body.kind == BodyKind.MUNICIPALITY]
    regions = [body for body in bodies if body.kind == BodyKind.REGION]
    listed = {
        key: sum(getattr(body, key) for body in bodies) for key in ("joined", "part_one", "part_two", "completed")
    }
    return Dashboard(
        now=now,
        goal=GOAL,
        goal_date=GOAL_DATE,
        first_signup=first_signup,
        totals=totals,
        unmapped=Parts(**{key: getattr(totals, key) - value for key, value in listed.items()}),
        roles=roles,
        timeline=timeline,
        recent_weeks=recent_weeks,
        municipalities=len(municipalities),
        municipalities_reached=sum(1 for body in municipalities if body.completed),
        regions=len(regions),
        regions_reached=sum(1 for body in regions if body.completed),
        agencies_reached=[body.name for body in bodies if body.kind == BodyKind.AGENCY and body.completed],
        counties=_counties(bodies),
        bodies=bodies,
    )


def _midnight(day):
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM)


@dataclass(frozen=True)
class PublicReach:
    """What the public course page says of the reach (completed against the goal: progress_to_goal)."""

    municipalities_reached: int
    municipalities: int
    regions_reached: int
    regions: int


def public_reach():
    """One query: the municipalities and regions with a completed leader, of all."""
    reached = Q(participants__completed_at__isnull=False)
    municipality, region = Q(kind=BodyKind.MUNICIPALITY), Q(kind=BodyKind.REGION)
    counts = PublicBody.objects.aggregate(
        municipalities=Count("pk", filter=municipality, distinct=True),
        municipalities_reached=Count("pk", filter=municipality & reached, distinct=True),
        regions=Count("pk", filter=region, distinct=True),
        regions_reached=Count("pk", filter=region & reached, distinct=True),
    )
    return PublicReach(**counts)
