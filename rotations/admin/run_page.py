"""What a matching run's page shows: the plan as a board, per-period metrics, the choices per cell, and for
an infeasible run the periods short of seats. Numbers are put in words here (seats left, seconds, the gap);
host slugs, which the engine's metrics use, and the UUIDs its notes use become names."""

import math
import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hosts.models import Project
from rotations.admin.engine_notes import in_language
from rotations.capacity import cohort_capacity
from rotations.services.matching import DEFAULT_TIME_LIMIT
from talents.models import TalentProfile


def build_run_page(run):
    """Rows of {talent, cells: [{period, project, ...}]} plus lookups, in a fixed number of queries."""
    projects = {
        str(project.uuid): project for project in Project.objects.approved_in(run.cohort).select_related("organization")
    }
    periods = list(run.cohort.periods.order_by("number"))
    by_cell = {(cell["talent"], cell["period"]): cell["project"] for cell in run.plan}
    locked = {(lock[0], int(lock[1])) for lock in run.parameters.get("locks", [])}
    talent_uuids = {cell["talent"] for cell in run.plan}
    # The talents of the plan, and those the engine's notes name by UUID (an infeasible run has no plan).
    mentioned = {found for line in run.explanation for found in UUID.findall(line)}
    talents = TalentProfile.objects.filter(uuid__in=talent_uuids | mentioned).select_related("user")
    names = {str(project.uuid): f"{project.organization.name}: {project.title}" for project in projects.values()}
    rows = []
    for talent in talents.order_by("user__last_name"):
        key = str(talent.uuid)
        names[key] = talent.name
        if key not in talent_uuids:
            continue
        cells = [
            {
                "period": period,
                "project": projects.get(by_cell.get((key, period.number))),
                "key": f"{key}:{period.number}",
                "locked": (key, period.number) in locked,
            }
            for period in periods
        ]
        rows.append({"talent": talent, "cells": cells})
    host_names = {project.organization.slug: project.organization.name for project in projects.values()}
    return {
        "run": run,
        "rows": rows,
        "periods": periods,
        "projects": projects,
        "choices": sorted(projects.values(), key=lambda project: (project.organization.name, project.title)),
        "metric_rows": _metric_rows(run.metrics, periods, host_names),
        # In the reader's language first (the engine writes English), then names for its UUIDs.
        "notes": [
            named(in_language(line), names) for line in run.explanation if not line.startswith(SAID_IN_THE_STATUS_LINE)
        ],
        "names": names,
        "seconds": seconds_in_words(run.seconds) if run.seconds is not None else None,
        "gap_percent": _gap_percent(run.gap),
        "shortage": _seat_shortage(run) if run.is_infeasible else None,
        "time_limit": limit_in_words(run.parameters.get("time_limit", DEFAULT_TIME_LIMIT)),
        "is_working": run.is_working,
        # Apply and "run again" share one rule, the services' (apply_run, run_again).
        "plan_is_open": run.plan_is_open,
    }


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The engine's notes open with how good the plan is, or that time ran out, with its raw numbers ("optimality
# gap 0.230 %", "0.001 s"): the status line says that in words ("within 0.3 % of the best possible").
SAID_IN_THE_STATUS_LINE = ("Proven optimal.", "Best plan found;", "No plan was found within the time limit")


def named(text, names):
    """The engine names talents and projects by UUID ("seats filled by <uuid> in period 2"); a page names
    them, from `names` ({uuid: name})."""
    return UUID.sub(lambda found: names.get(found.group(0), found.group(0)), text)


def _metric_rows(metrics, periods, host_names):
    """Per-period metrics as table rows, whatever keys the engine used for periods (0-based index).

    The engine counts seats left per host slug; a row lists them as (organisation name, seats left in words).
    """
    per_period = metrics.get("per_period") or metrics.get("periods") or []
    if isinstance(per_period, dict):
        per_period = [per_period.get(str(index), {}) for index in range(len(periods))]
    rows = []
    for period, values in zip(periods, per_period, strict=False):
        row = {**(values or {}), "period": period}
        left = row.get("seats_left") or {}
        row["seats_left"] = sorted(
            (host_names.get(slug, slug), seats_left_in_words(count)) for slug, count in left.items()
        )
        rows.append(row)
    return rows


def seats_left_in_words(count):
    if not count:
        return _("no seats left")
    return ngettext("%(count)d seat left", "%(count)d seats left", count) % {"count": count}


def seconds_in_words(seconds):
    """1.234 → "1.2 seconds"; under a tenth of a second says so rather than "0.0 seconds"."""
    if seconds < 0.1:
        return _("less than a tenth of a second")
    return _("%(seconds)s seconds") % {"seconds": number_format(seconds, 1)}


def _gap_percent(gap):
    """The gap as a percentage rounded up to a tenth (never "within 0.0 %" for a gap that is there)."""
    if not gap or gap <= 0:
        return None
    return number_format(math.ceil(gap * 1000) / 10, 1)


def _seat_shortage(run):
    """For an infeasible run: per period, the approved seats against the accepted talents and which hosts
    offer how many seats, counted as the capacity page counts them (rotations/capacity.py), in three queries."""
    (capacity,) = cohort_capacity([run.cohort])
    rows = [
        {
            "period": period.period,
            "seats": period.approved_seats,
            "talents": period.accepted_talents,
            "missing": period.missing,
            "hosts": sorted((name, seats_in_words(count)) for name, count in period.hosts.items()),
        }
        for period in capacity.periods
    ]
    return {"periods": rows, "short": [row for row in rows if row["missing"]]}


def seats_in_words(count):
    if not count:
        return _("no seats")
    return ngettext("%(count)d seat", "%(count)d seats", count) % {"count": count}


MINUTE = 60


def limit_in_words(seconds):
    """60 → "1 minute", 90 → "90 seconds": a time limit as a manager chooses it."""
    if seconds >= MINUTE and seconds % MINUTE == 0:
        minutes = int(seconds // MINUTE)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    # ngettext counts in whole numbers; a fraction of a second (a test's tiny limit) reads as plural.
    count = int(seconds) if seconds == int(seconds) else 2
    return ngettext("%(count)s second", "%(count)s seconds", count) % {"count": f"{seconds:g}"}
