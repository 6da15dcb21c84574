"""Matching runs: build the engine's Problem from the cohort's rows, run it, store and apply the plan."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.programme.models import Cohort, Period
from hosts.models import Project, ProjectSeat
from rotations import engine
from rotations.choices import LIVE_PLACEMENT_STATUSES, RunStatus
from rotations.models import BuddyRequest, Conflict, HostRanking, MatchingRun, Placement, TalentPreference
from rotations.services.placements import assign_placement
from rotations.services.preferences import ranking_minimum
from talents.models import TalentProfile

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 20.0
# A manager waits for the run page: ten minutes is the most a run may take. The longer limits the run
# page offers for a run that stopped short (run_longer), in seconds.
MAX_TIME_LIMIT = 600
LONGER_TIME_LIMITS = (60, 120, 300, 600)


def build_problem(cohort, *, locks=(), time_limit=DEFAULT_TIME_LIMIT):
    """The engine's input for `cohort`, in a fixed number of queries.

    Talents and projects are named by their UUIDs, hosts by slug. Live placements already made are
    locks; so are the (talent, period number, project) cells a manager locked on a run page. A talent
    whose ranking is short of the cohort's minimum (preferences.ranking_minimum) counts as not having
    ranked, as a talent who ranked nothing always has: the engine places them wherever seats are left.
    """
    talents = list(TalentProfile.objects.accepted_in(cohort).prefetch_related("skills").order_by("pk"))
    projects = list(
        Project.objects.approved_in(cohort).select_related("organization").prefetch_related("skills").order_by("pk")
    )
    periods = list(cohort.periods.order_by("number"))
    seats = {(seat.project_id, seat.period_id): seat.seats for seat in ProjectSeat.objects.filter(project__in=projects)}
    rankings = {}
    for preference in TalentPreference.objects.filter(project__cohort=cohort).order_by("rank"):
        rankings.setdefault(preference.talent_id, []).append(preference.project_id)
    host_ranks, unfit = {}, {}
    for row in HostRanking.objects.filter(project__cohort=cohort).order_by("rank"):
        if row.not_a_fit:
            unfit.setdefault(row.project_id, set()).add(row.talent_id)
        else:
            host_ranks.setdefault(row.project_id, []).append(row.talent_id)
    buddies = dict(BuddyRequest.objects.filter(cohort=cohort).values_list("talent_id", "buddy_id"))
    talent_key = {talent.pk: str(talent.uuid) for talent in talents}
    project_key = {project.pk: str(project.uuid) for project in projects}
    by_pk = {project.pk: project for project in projects}
    minimum = ranking_minimum(cohort, [project.organization_id for project in projects])
    for talent_id, ranked in list(rankings.items()):
        if not minimum.met_by([by_pk[pk].organization_id for pk in ranked if pk in by_pk]):
            rankings[talent_id] = []

    problem_talents = tuple(
        engine.Talent(
            id=talent_key[talent.pk],
            ranking=tuple(project_key[pk] for pk in rankings.get(talent.pk, []) if pk in project_key),
            skills=frozenset(skill.slug for skill in talent.skills.all()),
            buddy=talent_key.get(buddies.get(talent.pk)),
        )
        for talent in talents
    )
    problem_projects = tuple(
        engine.Project(
            id=project_key[project.pk],
            host=project.organization.slug,
            seats=tuple(seats.get((project.pk, period.pk), 0) for period in periods),
            skills=frozenset(skill.slug for skill in project.skills.all()),
            host_ranking=tuple(talent_key[pk] for pk in host_ranks.get(project.pk, []) if pk in talent_key),
            not_a_fit=frozenset(talent_key[pk] for pk in unfit.get(project.pk, ()) if pk in talent_key),
        )
        for project in projects
    )
    number_index = {period.number: index for index, period in enumerate(periods)}
    existing = Placement.objects.in_cohort(cohort).filter(status__in=LIVE_PLACEMENT_STATUSES)
    cell_locks = {
        (str(talent), number_index[number], str(project))
        for talent, number, project in existing.values_list("talent__uuid", "period__number", "project__uuid")
    }
    cell_locks |= {(talent, number_index[int(number)], project) for talent, number, project in locks}
    forbidden = {
        (talent_key[talent_id], slug)
        for talent_id, slug in Conflict.objects.filter(talent__in=talents).values_list("talent_id", "host__slug")
    }
    return engine.Problem(
        talents=problem_talents,
        projects=problem_projects,
        periods=len(periods),
        locks=frozenset(cell_locks),
        forbidden=frozenset(forbidden),
        ranked_minimum=minimum.projects,  # the objective reads each list down to it: cutting never pays
        time_limit=time_limit,
    )


def _check_being_matched(cohort):
    """Matching runs, and their plans are applied, only while the cohort recruits or is matched.

    Read under a row lock, so a manager moving the cohort on cannot cross a run being started or applied.
    """
    status = Cohort.objects.select_for_update().values_list("status", flat=True).get(pk=cohort.pk)
    cohort.status = status
    if not cohort.is_being_matched:
        raise ValidationError(
            _(
                "%(cohort)s is %(status)s: matching is only for a cohort that is recruiting or matching. "
                "Change its placements on the rotation board instead."
            )
            % {"cohort": cohort, "status": cohort.get_status_display().lower()}
        )


@transaction.atomic
def start_run(cohort, *, by, locks=(), time_limit=DEFAULT_TIME_LIMIT):
    """Queue a matching run. Side effect: after commit, the 'rotations.run_matching' task runs it.

    Refused (ValidationError) for a cohort that is not recruiting or matching, and for a time limit
    above MAX_TIME_LIMIT seconds. The activity entry notes the locked cells and a time limit other
    than the default.
    """
    from rotations.tasks import run_matching_task  # noqa: PLC0415 - the task module imports this one

    if not 0 < time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            _("A run may take at most %(limit)d seconds; choose a shorter time limit.") % {"limit": MAX_TIME_LIMIT}
        )
    _check_being_matched(cohort)
    run = MatchingRun.objects.create(
        cohort=cohort,
        created_by=by,
        parameters={"time_limit": time_limit, "locks": [list(lock) for lock in locks]},
    )
    notes = [_("%(count)d cells locked") % {"count": len(locks)}] if locks else []
    if time_limit != DEFAULT_TIME_LIMIT:
        notes.append(_("time limit %(seconds)s seconds") % {"seconds": f"{time_limit:g}"})
    record(run, "matchingrun.started", by=by, to_state=run.status, note="; ".join(notes))
    transaction.on_commit(lambda: run_matching_task.delay(run_id=run.pk))
    return run


@transaction.atomic
def run_again(run, *, by, cells):
    """Queue a new run of `run`'s cohort, locking the cells the manager locked or changed on its page.

    `cells` maps (talent uuid, period number) → (project uuid or None, locked) as posted. A cell keeps
    the plan's project unless another of the cohort's approved projects is chosen for it (anything else
    posted is ignored); a changed cell is locked. Refused unless `run` has a plan (done, not applied)
    and its cohort is still recruiting or matching. Side effect: as start_run.
    """
    run = MatchingRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
    if not run.has_plan:
        raise ValidationError(
            _("Only a finished run with a plan can be run again; this one is %(status)s.")
            % {"status": run.get_status_display().lower()}
        )
    offered = {str(uuid) for uuid in Project.objects.approved_in(run.cohort).values_list("uuid", flat=True)}
    locks = []
    for cell in run.plan:
        posted, locked = cells.get((cell["talent"], cell["period"]), (None, False))
        project = posted if posted in offered else cell["project"]
        if locked or project != cell["project"]:
            locks.append((cell["talent"], cell["period"], project))
    return start_run(run.cohort, by=by, locks=locks)


def stopped_short(run):
    """The run ended before the engine was done: no plan in its time limit, or a plan it could not
    prove optimal (a gap left). More time may find a plan, or close the gap (run_longer)."""
    return run.status == RunStatus.NO_PLAN or (run.status == RunStatus.DONE and (run.gap or 0) > 0)


def longer_time_limits(run):
    """The time limits, in seconds, that run_longer accepts for `run`: longer than the one it had."""
    had = run.parameters.get("time_limit", DEFAULT_TIME_LIMIT)
    return [limit for limit in LONGER_TIME_LIMITS if limit > had]


@transaction.atomic
def run_longer(run, *, by, time_limit):
    """Queue a new run of `run`'s cohort with the same locks and a longer time limit (in seconds).

    For a run that stopped short (stopped_short): it may have no plan, so unlike run_again no cell is
    posted; the run's own locks are kept. Refused (ValidationError) for any other run, for a time limit
    not among longer_time_limits(run), and for a cohort that is not recruiting or matching.
    Side effect: as start_run (its activity entry notes the time limit).
    """
    run = MatchingRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
    if not stopped_short(run):
        raise ValidationError(
            _("Only a run with no plan in its time limit, or one not proven optimal, can be run with more time; "
              "this one is %(status)s.") % {"status": run.get_status_display().lower()}
        )  # fmt: skip
    if time_limit not in longer_time_limits(run):
        raise ValidationError(_("Choose one of the longer time limits offered."))
    locks = [tuple(lock) for lock in run.parameters.get("locks", [])]
    return start_run(run.cohort, by=by, locks=locks, time_limit=time_limit)


def execute_run(run):
    """Solve the run's problem and store the plan, its metrics and the engine's explanation."""
    claimed = MatchingRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(status=RunStatus.RUNNING)
    if not claimed:
        return run  # another worker has it, or it is done
    run.refresh_from_db()
    try:
        problem = build_problem(
            run.cohort, locks=[tuple(lock) for lock in run.parameters.get("locks", [])],
            time_limit=run.parameters.get("time_limit", DEFAULT_TIME_LIMIT),
        )  # fmt: skip
        plan = engine.solve(problem)
        metrics = engine.evaluate(problem, plan) if plan.assignments else {}
    except Exception as error:  # a bug must end as a visible failed run, not a run stuck "running"
        logger.exception("Matching run %s failed", run.pk)
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
    else:
        numbers = list(run.cohort.periods.order_by("number").values_list("number", flat=True))
        run.status = {
            engine.model.INFEASIBLE: RunStatus.INFEASIBLE,  # proven, and the explanation says what collides
            engine.model.NO_PLAN_IN_TIME: RunStatus.NO_PLAN,  # time ran out: says nothing about the cohort
        }.get(plan.status, RunStatus.DONE)
        run.plan = [
            {"talent": talent, "period": numbers[index], "project": project}
            for (talent, index), project in sorted(plan.assignments.items())
        ]
        run.metrics = _jsonable(metrics)
        run.explanation = list(plan.explanation)
        run.objective, run.gap, run.seconds, run.method = plan.objective, plan.gap, plan.seconds, plan.method
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        # The worker finishes the run: no person.
        record(run, "matchingrun.finished", by=None, from_state=RunStatus.RUNNING, to_state=run.status, note=run.error)
    return run


def _jsonable(value):
    """Engine metrics may hold tuples as keys; the JSON column wants strings."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(item) for item in value]
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return str(value)


@transaction.atomic
def apply_run(run, *, by):
    """Create the plan's placements (proposed) through the placement service, all or none.

    Refused for a run without a plan (not done, or applied already) and for a cohort that is no longer
    recruiting or matching. Every rule of assign_placement applies; cells already placed (locks) are
    skipped. Confirming the placements afterwards sends the emails. Raises ValidationError listing
    what was refused.
    """
    run = MatchingRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
    if not run.has_plan:
        raise ValidationError(_("Only a finished run with a plan can be applied; this one is %(status)s.")
                              % {"status": run.get_status_display().lower()})  # fmt: skip
    _check_being_matched(run.cohort)
    talents = {str(t.uuid): t for t in TalentProfile.objects.filter(uuid__in={c["talent"] for c in run.plan})}
    projects = {
        str(p.uuid): p
        for p in Project.objects.filter(uuid__in={c["project"] for c in run.plan}).select_related("organization")
    }
    periods = {period.number: period for period in Period.objects.filter(cohort=run.cohort).select_related("cohort")}
    placed = set(
        Placement.objects.in_cohort(run.cohort)
        .filter(status__in=LIVE_PLACEMENT_STATUSES)
        .values_list("talent__uuid", "period__number")
    )
    problems = []
    for cell in run.plan:
        talent = talents.get(cell["talent"])
        if talent is None or (talent.uuid, cell["period"]) in placed:
            continue
        try:
            assign_placement(talent=talent, project=projects[cell["project"]], period=periods[cell["period"]], by=by)
        except (ValidationError, KeyError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else _("unknown project")
            problems.append(f"{talent.name}, period {cell['period']}: {reason}")
    if problems:
        transaction.set_rollback(True)
        raise ValidationError(problems)
    from_state = run.status
    run.status, run.applied_by, run.applied_at = RunStatus.APPLIED, by, timezone.now()
    run.save(update_fields=["status", "applied_by", "applied_at"])
    record(run, "matchingrun.applied", by=by, from_state=from_state, to_state=run.status)
    return run


def why_for(run, talent_uuid):
    """The engine's account of a talent's placement in `run`: what took each option ranked higher."""
    problem = build_problem(run.cohort, locks=[tuple(lock) for lock in run.parameters.get("locks", [])])
    numbers = list(run.cohort.periods.order_by("number").values_list("number", flat=True))
    plan = engine.Plan(
        status=engine.model.OPTIMAL,
        assignments={(cell["talent"], numbers.index(cell["period"])): cell["project"] for cell in run.plan},
        objective=run.objective,
        gap=run.gap,
        explanation=[],
        seconds=run.seconds or 0.0,
    )
    return engine.why(problem, plan, str(talent_uuid))
