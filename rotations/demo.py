"""Demo rotations: the running cohort's accepted talents placed at three hosts, with feedback on
finished placements, hiring interest in the last period and a few recorded outcomes.

Rows are written directly (not through the services) so that seeding queues no emails; the
placement rules are still kept, by RotationState, so the demo never shows an impossible board.
"""

from django.utils import timezone

from hosts.models import Project
from rotations.choices import OutcomeResult, PlacementStatus, Side
from rotations.models import BuddyRequest, Evaluation, HiringInterest, HostRanking, Outcome, Placement, TalentPreference
from rotations.services.calendars import feed_for_host, feed_for_talent
from rotations.services.rules import RotationState, placement_problems
from talents.models import TalentProfile

COMMENTS = [
    "A real problem with real data; the weekly demo to the clinicians kept us honest.",
    "Great supervisor, though access to the data took three weeks to arrange.",
    "I learned more about deployment here than in my whole master's.",
]


def _status_on(period, today):
    if period.ends_on < today:
        return PlacementStatus.COMPLETED
    if period.starts_on <= today:
        return PlacementStatus.ACTIVE
    return PlacementStatus.CONFIRMED


def _place_cohort(cohort, *, manager, today):
    """Place every accepted talent of the cohort for each period, keeping the placement rules."""
    periods = list(cohort.periods.order_by("number"))
    talents = list(TalentProfile.objects.accepted_in(cohort).select_related("user").order_by("pk"))
    projects = list(
        Project.objects.approved_in(cohort).select_related("organization").prefetch_related("seats").order_by("pk")
    )
    seats = {(seat.project_id, seat.period_id): seat.seats for project in projects for seat in project.seats.all()}
    # Talents placed by an earlier run stay as they are; a larger --scale places only the new ones.
    state = RotationState.for_cohort(cohort)
    created = []
    for index, talent in enumerate(talents):
        if talent.pk in state.by_talent:
            continue
        for period in periods:
            # Rotate the starting point so talents spread over the hosts.
            ordered = projects[index % max(len(projects), 1) :] + projects[: index % max(len(projects), 1)]
            for project in ordered:
                problems = placement_problems(
                    talent_accepted=True,
                    project=project,
                    period=period,
                    seats=seats.get((project.pk, period.pk)),
                    state=state,
                    talent_id=talent.pk,
                )
                if problems:
                    continue
                placement = Placement.of(
                    talent=talent,
                    project=project,
                    period=period,
                    status=_status_on(period, today),
                    confirmed_at=timezone.now(),
                    created_by=manager,
                )
                state.add(placement)
                created.append(placement)
                break
    # One insert for the cohort: thousands of rows at benchmark scale.
    return Placement.objects.bulk_create(created)


def _evaluations(placements):
    evaluations = []
    for number, placement in enumerate(p for p in placements if p.status == PlacementStatus.COMPLETED):
        evaluations.append(
            Evaluation(
                placement=placement,
                side=Side.TALENT,
                author=placement.talent.user,
                project_rating=4 + number % 2,
                support_rating=3 + number % 3,
                growth_rating=4 + (number + 1) % 2,
                comments=COMMENTS[number % len(COMMENTS)],
            )
        )
        if number % 2 == 0:
            evaluations.append(
                Evaluation(
                    placement=placement,
                    side=Side.HOST,
                    author=None,
                    project_rating=4,
                    support_rating=5,
                    growth_rating=4,
                    comments="Engaged, curious and quick to learn our tools.",
                )
            )
    Evaluation.objects.bulk_create(evaluations)


def seed_rotations(context):
    _seed_placements(context)
    _seed_preferences(context)


def _seed_preferences(context):
    """The recruiting cohort: both sides have ranked, so a manager can run matching at once."""
    cohort = context.data["cohorts"]["recruiting"]
    talents = list(TalentProfile.objects.accepted_in(cohort).select_related("user").order_by("pk"))
    projects = list(Project.objects.approved_in(cohort).select_related("organization").order_by("pk"))
    if not talents or not projects or TalentPreference.objects.filter(project__cohort=cohort).exists():
        return
    for index, talent in enumerate(talents):
        ranking = projects[index % len(projects) :] + projects[: index % len(projects)]
        TalentPreference.objects.bulk_create(
            TalentPreference(talent=talent, project=project, rank=rank) for rank, project in enumerate(ranking, 1)
        )
    for index, project in enumerate(projects):
        ranking = talents[index % len(talents) :] + talents[: index % len(talents)]
        HostRanking.objects.bulk_create(
            HostRanking(project=project, talent=talent, rank=rank) for rank, talent in enumerate(ranking, 1)
        )
    if len(talents) >= 2:
        BuddyRequest.objects.get_or_create(cohort=cohort, talent=talents[0], defaults={"buddy": talents[1]})
    context.progress()


def _seed_placements(context):
    today = timezone.localdate()
    manager = context.data["managers"][0]
    # The completed cohort has projects only past scale 1 (benchmark hosts).
    _evaluations(_place_cohort(context.data["cohorts"]["completed"], manager=manager, today=today))
    context.progress()

    cohort = context.data["cohorts"]["running"]
    created = _place_cohort(cohort, manager=manager, today=today)
    context.progress()

    for user in {placement.talent.user for placement in created}:
        feed_for_talent(user)
    for host in {placement.host for placement in created}:
        for membership in host.memberships.select_related("user"):
            feed_for_host(host, member=membership.user)
    _evaluations(created)

    # Hiring: in the last period the first talents and their current hosts find each other.
    current = [p for p in created if p.status == PlacementStatus.ACTIVE][:3]
    for number, placement in enumerate(current):
        for side in (Side.TALENT, Side.HOST):
            HiringInterest.objects.get_or_create(cohort=cohort, talent=placement.talent, host=placement.host, side=side)
        if number < 2:
            Outcome.objects.get_or_create(
                cohort=cohort,
                talent=placement.talent,
                host=placement.host,
                defaults={"result": OutcomeResult.OFFERED if number else OutcomeResult.ACCEPTED},
            )
    context.progress()
