"""The road to 800 for course managers (/admin/road-to-800/, routed in portal/urls.py before the admin's
own URLs): the figures of courses/road_to_800.py, a chart drawn on the server, and the CSV per public body.

Computed on every request (a handful of GROUP BY queries), so a course manager always reads today's figures.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext

from courses.access import acts_as_course_manager
from courses.choices import BodyKind
from courses.models import Participant
from courses.road_to_800 import dashboard
from eyeforai.admintools.csv import csv_response

# The chart's drawing area in viewBox units; the SVG scales to the width it is given.
# Narrow enough that its 13-unit text stays readable when a 390 px phone scales it down.
WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
Y_STEP = 200  # a gridline per 200 leaders


@dataclass(frozen=True)
class Tick:
    position: float  # x or y in viewBox units
    value: object  # a date on the x axis, a number of leaders on the y axis


@dataclass(frozen=True)
class Chart:
    """Coordinates for templates/admin/courses/road_to_800.html's inline SVG."""

    width: int
    height: int
    left: int
    right: float  # x of the right edge of the plot
    top: int
    bottom: float  # y of the x axis
    completed_points: str  # polyline "x,y x,y …"
    goal_points: str
    x_ticks: list
    y_ticks: list
    goal_today: int  # the goal line's value at the last point
    label_y: float  # baseline of the x-axis labels


def _half_years(start, end):
    """1 January and 1 July between start and end: the x axis's labelled dates."""
    for year in range(start.year, end.year + 1):
        for month in (1, 7):
            day = date(year, month, 1)
            if start < day < end:
                yield day


def chart(figures):
    """The completed line and the goal line, from the first sign-up to the goal date (or today if later).
    None before anyone joined."""
    if not figures.timeline:
        return None
    start = figures.first_signup
    end = max(figures.goal_date, figures.timeline[-1].ends_on)
    top_value = max(figures.goal, figures.timeline[-1].completed)
    top_value = -(-top_value // Y_STEP) * Y_STEP  # rounded up to a gridline
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    days = max(1, (end - start).days)

    def x(day):
        return round(LEFT + (plot_right - LEFT) * (day - start).days / days, 1)

    def y(value):
        return round(plot_bottom - (plot_bottom - TOP) * value / top_value, 1)

    def points(pairs):
        return " ".join(f"{x(day):g},{y(value):g}" for day, value in pairs)

    completed = [(start, 0), *((point.ends_on, point.completed) for point in figures.timeline)]
    goal = [(start, 0), (figures.goal_date, figures.goal)]
    if end > figures.goal_date:
        goal.append((end, figures.goal))
    # Dates labelled at the ends and each half-year, leaving out those that would crowd an end's label.
    near = days // 8
    inner = [day for day in _half_years(start, end) if (day - start).days > near and (end - day).days > near]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=plot_right,
        top=TOP,
        bottom=plot_bottom,
        completed_points=points(completed),
        goal_points=points(goal),
        x_ticks=[Tick(x(day), day) for day in [start, *inner, end]],
        y_ticks=[Tick(y(value), value) for value in range(0, top_value + 1, Y_STEP)],
        goal_today=figures.timeline[-1].goal,
        label_y=plot_bottom + 20,
    )


def _require_course_manager(request):
    # Staff who are not course managers (a programme manager) are refused; the admin's MFA middleware has
    # already sent a course manager without a second factor to give one.
    if not acts_as_course_manager(request):
        raise PermissionDenied


@admin.site.admin_view
def road_to_800_view(request):
    """Completions over time against the goal line, per week, per part, per role, and the reach."""
    _require_course_manager(request)
    figures = dashboard(timezone.now())
    context = {
        **admin.site.each_context(request),
        "title": gettext("The road to 800"),
        "opts": Participant._meta,
        "figures": figures,
        "chart": chart(figures),
    }
    return TemplateResponse(request, "admin/courses/road_to_800.html", context)


@admin.site.admin_view
def road_to_800_export(request):
    """One flat CSV: a row per listed public body, and one for the participants of unlisted organisations."""
    _require_course_manager(request)
    figures = dashboard(timezone.now())
    header = [
        gettext("kind"),
        gettext("name"),
        gettext("code"),
        gettext("county"),
        gettext("joined"),
        gettext("self-study completed"),
        gettext("workshop attended"),
        gettext("course completed"),
    ]
    kinds = dict(BodyKind.choices)
    rows = [
        [kinds[body.kind], body.name, body.code, body.county, body.joined, body.part_one, body.part_two, body.completed]
        for body in figures.bodies
    ]
    unmapped = figures.unmapped
    if unmapped.joined:
        other = gettext("Other public organisation (not mapped)")
        rows.append([other, "", "", "", unmapped.joined, unmapped.part_one, unmapped.part_two, unmapped.completed])
    return csv_response(f"road-to-800-{timezone.localdate():%Y-%m-%d}.csv", header, rows)
