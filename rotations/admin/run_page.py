"""What a matching run's page shows: the plan as a board, per-period metrics, the choices per cell."""

from django.utils.translation import ngettext

from hosts.models import Project
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
    talents = TalentProfile.objects.filter(uuid__in=talent_uuids).select_related("user").order_by("user__last_name")
    rows = []
    for talent in talents:
        key = str(talent.uuid)
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
    return {
        "run": run,
        "rows": rows,
        "periods": periods,
        "projects": projects,
        "choices": sorted(projects.values(), key=lambda project: (project.organization.name, project.title)),
        "metric_rows": _metric_rows(run.metrics, periods),
        "time_limit": limit_in_words(run.parameters.get("time_limit", DEFAULT_TIME_LIMIT)),
        "is_working": run.is_working,
        # Apply and "run again" share one rule, the services' (apply_run, run_again).
        "plan_is_open": run.plan_is_open,
    }


def _metric_rows(metrics, periods):
    """Per-period metrics as table rows, whatever keys the engine used for periods (0-based index)."""
    per_period = metrics.get("per_period") or metrics.get("periods") or []
    if isinstance(per_period, dict):
        per_period = [per_period.get(str(index), {}) for index in range(len(periods))]
    return [{**(values or {}), "period": period} for period, values in zip(periods, per_period, strict=False)]


MINUTE = 60


def limit_in_words(seconds):
    """60 → "1 minute", 90 → "90 seconds": a time limit as a manager chooses it."""
    if seconds >= MINUTE and seconds % MINUTE == 0:
        minutes = int(seconds // MINUTE)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    # ngettext counts in whole numbers; a fraction of a second (a test's tiny limit) reads as plural.
    count = int(seconds) if seconds == int(seconds) else 2
    return ngettext("%(count)s second", "%(count)s seconds", count) % {"count": f"{seconds:g}"}
