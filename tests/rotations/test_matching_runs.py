import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rotations.choices import PlacementStatus, RunStatus
from rotations.models import MatchingRun, Placement
from rotations.services.matching import apply_run, build_problem, execute_run, start_run
from tests.conftest_helpers import wait_until
from tests.rotations.fixtures import accepted_talent, approved_project, place

pytestmark = pytest.mark.django_db


def run_now(cohort, manager, **kwargs):
    return execute_run(start_run(cohort, by=manager, **kwargs))


def test_the_problem_carries_both_sides_rankings_and_seats(matching_cohort, matching_projects, ranked_cohort):
    problem = build_problem(matching_cohort)
    assert len(problem.talents) == 4 and len(problem.projects) == 6
    first = next(t for t in problem.talents if t.id == str(ranked_cohort[0].uuid))
    assert first.ranking[0] == str(matching_projects[0].uuid)
    project = next(p for p in problem.projects if p.id == str(matching_projects[0].uuid))
    assert project.seats == (2, 2, 2) and project.host_ranking[0] == str(ranked_cohort[0].uuid)


def test_a_run_gives_every_talent_three_hosts_and_stores_metrics(matching_cohort, ranked_cohort, manager):
    run = run_now(matching_cohort, manager)
    assert run.status == RunStatus.DONE, run.explanation
    assert len(run.plan) == 4 * 3
    assert run.gap is not None and run.objective is not None
    assert len(run.metrics["periods"]) == 3


def test_applying_a_run_proposes_its_placements_through_the_rules(matching_cohort, ranked_cohort, manager):
    run = run_now(matching_cohort, manager)
    apply_run(run, by=manager)
    placements = Placement.objects.filter(cohort=matching_cohort)
    assert placements.count() == 12
    assert set(placements.values_list("status", flat=True)) == {PlacementStatus.PROPOSED}
    for talent in ranked_cohort:
        assert placements.filter(talent=talent).values("host").distinct().count() == 3
    run.refresh_from_db()
    assert run.status == RunStatus.APPLIED


def test_a_stale_plan_is_refused_whole(matching_cohort, matching_projects, ranked_cohort, manager):
    run = run_now(matching_cohort, manager)
    # Meanwhile two latecomers are placed by hand on a project the plan uses in period 1: no seat is left.
    cell = next(c for c in run.plan if c["period"] == 1)
    project = next(p for p in matching_projects if str(p.uuid) == cell["project"])
    for number in (10, 11):
        place(accepted_talent(matching_cohort, number), project, 1)
    with pytest.raises(ValidationError, match="No seat left"):
        apply_run(MatchingRun.objects.get(pk=run.pk), by=manager)
    assert Placement.objects.filter(cohort=matching_cohort).count() == 2
    assert MatchingRun.objects.get(pk=run.pk).status == RunStatus.DONE


def test_too_few_seats_is_explained_not_raised(matching_cohort, host_organization, other_host_organization, manager):
    for number in range(3):
        accepted_talent(matching_cohort, number)
    approved_project(host_organization, matching_cohort, seats=(1, 1, 1))
    approved_project(other_host_organization, matching_cohort, seats=(1, 1, 1))
    run = run_now(matching_cohort, manager)
    assert run.status == RunStatus.INFEASIBLE
    assert run.explanation and any("period" in line.lower() for line in run.explanation)


def test_the_run_page_shows_an_infeasible_runs_explanation(client, matching_cohort, host_organization, manager):
    talent = accepted_talent(matching_cohort, 1)
    approved_project(host_organization, matching_cohort, seats=(1, 1, 1))
    run = run_now(matching_cohort, manager)
    client.force_login(manager)
    page = client.get(reverse("admin:rotations_matching_run", args=[run.uuid])).content.decode()
    assert "No plan is possible" in page
    # The engine names the talent by UUID; the page by name.
    assert run.explanation[0].replace(str(talent.uuid), talent.name) in page
    assert str(talent.uuid) not in page


def test_locking_a_changed_cell_keeps_it_in_the_next_run(
    client, matching_cohort, matching_projects, ranked_cohort, manager
):
    run = run_now(matching_cohort, manager)
    talent = ranked_cohort[0]
    current = {c["period"]: c["project"] for c in run.plan if c["talent"] == str(talent.uuid)}
    # Move period 2 to a project at a host the talent does not have in the other periods.
    other_hosts = {p.organization_id for p in matching_projects if str(p.uuid) in (current[1], current[3])}
    choice = next(p for p in matching_projects if p.organization_id not in other_hosts and str(p.uuid) != current[2])
    client.force_login(manager)
    response = client.post(
        reverse("admin:rotations_matching_again", args=[run.uuid]), {f"cell-{talent.uuid}:2": str(choice.uuid)}
    )
    new_run = MatchingRun.objects.exclude(pk=run.pk).get()
    assert response.status_code == 302
    execute_run(new_run)
    new_run.refresh_from_db()
    cells = {c["period"]: c["project"] for c in new_run.plan if c["talent"] == str(talent.uuid)}
    assert cells[2] == str(choice.uuid)


def test_why_lists_the_options_ranked_higher(client, matching_cohort, ranked_cohort, manager):
    run = run_now(matching_cohort, manager)
    client.force_login(manager)
    response = client.get(reverse("admin:rotations_matching_why", args=[run.uuid, ranked_cohort[0].uuid]))
    assert response.status_code == 200
    assert "What the talent got" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_run_matching_is_done_by_a_real_worker(celery_worker, client, matching_cohort, ranked_cohort, manager):
    client.force_login(manager)
    response = client.post(reverse("admin:rotations_matching_start", args=[matching_cohort.slug]))
    run = MatchingRun.objects.get()
    assert response["Location"] == reverse("admin:rotations_matching_run", args=[run.uuid])
    wait_until(lambda: MatchingRun.objects.get(pk=run.pk).status == RunStatus.DONE, timeout=60)
