"""The run page and the rotation board: a fixed number of queries whatever the cohort's size, organisation
names instead of slugs, numbers in words, and an infeasible run that names the periods short of seats."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from rotations.choices import RunStatus
from rotations.models import MatchingRun
from rotations.services.matching import apply_run, execute_run, start_run
from rotations.services.preferences import save_talent_ranking
from tests.factories import CohortFactory, HostOrganizationFactory, ProjectFactory
from tests.rotations.fixtures import accepted_talent, approved_project
from tests.rotations.sized import HOST_NAMES, seed_cohort

pytestmark = pytest.mark.django_db


def matching(name):
    return CohortFactory(
        name=name, status=CohortStatus.MATCHING, preference_deadline=timezone.now() + timedelta(days=30)
    )


def run_url(run):
    return reverse("admin:rotations_matching_run", args=[run.uuid])


def board_url(cohort):
    return reverse("admin:rotations_board", args=[cohort.slug])


def queries_for(client, url):
    client.get(url)  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def two_sizes(manager):
    """A cohort of 10 talents and one of 100, each with a finished run."""
    runs = []
    for size, first, name in [(10, 0, "Cohort Small"), (100, 10, "Cohort Large")]:
        cohort = matching(name)
        seed_cohort(cohort, size, first=first, prefix=f"{name} ")
        runs.append(execute_run(start_run(cohort, by=manager)))
    assert [run.status for run in runs] == [RunStatus.DONE, RunStatus.DONE]
    return runs


def test_the_run_page_issues_the_same_queries_for_10_and_100_talents(client, manager, two_sizes):
    client.force_login(manager)
    (small, small_page), (large, large_page) = (queries_for(client, run_url(run)) for run in two_sizes)
    assert small == large, f"10 talents: {small} queries, 100 talents: {large}"
    assert small_page.count("Why this placement?") == 10 and large_page.count("Why this placement?") == 100


def test_the_board_issues_the_same_queries_for_10_and_100_talents(client, manager, two_sizes):
    for run in two_sizes:
        apply_run(run, by=manager)  # proposed placements in every cell: the board's fullest state
    client.force_login(manager)
    (small, small_page), (large, large_page) = (queries_for(client, board_url(run.cohort)) for run in two_sizes)
    assert small == large, f"10 talents: {small} queries, 100 talents: {large}"
    assert small_page.count('<tr id="talent-') == 10 and large_page.count('<tr id="talent-') == 50  # a page


def test_the_run_page_names_hosts_and_says_numbers_in_words(client, manager, matching_cohort):
    seed_cohort(matching_cohort, 10)
    run = execute_run(start_run(matching_cohort, by=manager))
    assert run.status == RunStatus.DONE and run.gap == 0
    client.force_login(manager)
    page = client.get(run_url(run)).content.decode()
    assert "Kvarnby Automotive Software: " in page
    assert "kvarnby-automotive-software" not in page  # the engine's key for the host, never shown
    assert "seats left" in page or "seat left" in page
    assert "1 seats" not in page
    assert "proven optimal" in page and "optimality gap" not in page
    assert "objective" not in page
    assert "solved in" in page and " seconds" in page
    assert 'class="button default"' in page  # Apply, the page's main action


def test_a_plan_not_proven_optimal_says_how_close_it_is(client, manager, matching_run):
    engine_notes = [
        "Best plan found; score 22.50, proven bound 22.55: optimality gap 0.230 %.",
        "Worst talent rank in the plan: 2 (on each talent's own list).",
    ]
    MatchingRun.objects.filter(pk=matching_run.pk).update(gap=0.0023, explanation=engine_notes)
    client.force_login(manager)
    page = client.get(run_url(matching_run)).content.decode()
    assert "within 0.3 % of the best possible" in page
    assert "proven optimal" not in page
    # The engine's raw numbers stay out of its notes, which the status line says in words; the rest stays.
    assert "optimality gap" not in page and "score 22.50" not in page
    assert "Worst talent rank in the plan: 2" in page


def test_an_infeasible_run_names_the_periods_short_of_seats_and_links_to_capacity(client, manager, matching_cohort):
    for number in range(3):
        accepted_talent(matching_cohort, number)
    hosts = [HostOrganizationFactory(name=name, slug=f"short-{n}") for n, name in enumerate(HOST_NAMES[:3])]
    approved_project(hosts[0], matching_cohort, seats=(1, 1, 0))
    approved_project(hosts[1], matching_cohort, seats=(1, 1, 1))
    approved_project(hosts[2], matching_cohort, seats=(1, 1, 1))
    submitted = HostOrganizationFactory(name=HOST_NAMES[3], slug="short-submitted")
    ProjectFactory(organization=submitted, cohort=matching_cohort, status=ProjectStatus.SUBMITTED, seats=(0, 0, 5))
    run = execute_run(start_run(matching_cohort, by=manager))
    assert run.status == RunStatus.INFEASIBLE
    client.force_login(manager)
    response = client.get(run_url(run))
    page = response.content.decode()
    assert "Periods short of seats" in page
    assert "a shortfall of 1 seat." in page and "1 seats" not in page  # the engine's note, in the page
    shortage = page[page.index('id="seat-shortage"') :]
    assert "1 seat short" in shortage  # period 3: two seats for three talents
    assert HOST_NAMES[3] not in shortage  # submitted seats are not offered (the capacity page's count)
    assert "Kvarnby Automotive Software: no seats" in shortage
    assert "Västkust University Hospital: 1 seat" in shortage
    assert f"{reverse('portal:capacity')}#capacity-{matching_cohort.slug}" in page
    capacity = client.get(reverse("portal:capacity")).content.decode()
    assert f'id="capacity-{matching_cohort.slug}"' in capacity


def test_the_board_uses_the_admins_button_styles(client, manager, rotation_cohort, hosts_with_projects):
    accepted_talent(rotation_cohort, 1)
    client.force_login(manager)
    page = client.get(board_url(rotation_cohort)).content.decode()
    content = page[page.index('id="content"') :]  # the admin's own header has its own buttons
    assert '<button type="submit" class="button">Assign</button>' in content
    assert "<button>" not in content and '<button type="submit">' not in content


def test_why_this_placement_names_the_talent_who_took_the_seat(client, manager, matching_cohort):
    hosts = [HostOrganizationFactory(name=name, slug=f"why-{n}") for n, name in enumerate(HOST_NAMES[:4])]
    seats = [(1, 0, 0), (2, 2, 2), (2, 2, 2), (2, 2, 2)]  # one seat at the first host, in period 1
    projects = [approved_project(host, matching_cohort, seats=count) for host, count in zip(hosts, seats, strict=True)]
    talents = [accepted_talent(matching_cohort, number) for number in range(2)]
    for talent in talents:
        save_talent_ranking(talent, matching_cohort, projects, by=None)
    run = execute_run(start_run(matching_cohort, by=manager))
    assert run.status == RunStatus.DONE
    first = str(projects[0].uuid)
    winner = next(t for t in talents if {"talent": str(t.uuid), "period": 1, "project": first} in run.plan)
    loser = next(t for t in talents if t != winner)
    client.force_login(manager)
    page = client.get(reverse("admin:rotations_matching_why", args=[run.uuid, loser.uuid])).content.decode()
    assert f"seats filled by {winner.name} in period 1" in page
    assert str(winner.uuid) not in page


def test_an_infeasible_run_names_the_talents_the_engine_names_by_uuid(client, manager, matching_cohort):
    """Three periods at three different hosts, but only two hosts: every period has seats, no plan exists."""
    talents = [accepted_talent(matching_cohort, number) for number in range(2)]
    for n, name in enumerate(HOST_NAMES[:2]):
        approved_project(HostOrganizationFactory(name=name, slug=f"two-{n}"), matching_cohort, seats=(2, 2, 2))
    run = execute_run(start_run(matching_cohort, by=manager))
    assert run.status == RunStatus.INFEASIBLE
    assert str(talents[0].uuid) in " ".join(run.explanation)  # what the engine says, and the page must not
    client.force_login(manager)
    page = client.get(run_url(run)).content.decode()
    notes = page[page.index("No plan is possible") : page.index('id="seat-shortage"')]
    assert talents[0].name in notes and talents[1].name in notes
    assert all(str(talent.uuid) not in page for talent in talents)
    assert "Every period has a seat for every accepted talent" in page
