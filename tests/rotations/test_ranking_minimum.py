"""The minimum ranking: six projects at three hosts (settings), lowered to what a cohort has, said on the
page, kept by the service, and a shorter ranking counting as none in the matching."""

import pytest
from django.test import override_settings
from django.urls import reverse

from rotations.models import TalentPreference
from rotations.services.matching import build_problem
from rotations.services.preferences import ranking_minimum, save_talent_ranking
from tests.factories import HostOrganizationFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project

pytestmark = pytest.mark.django_db

URL = "rotations_talent:preferences"
RULE = "Rank at least 6 projects at 3 or more host organisations so the matching can place you with three hosts."


def ranking_in_problem(cohort, profile):
    problem = build_problem(cohort)
    return next(t.ranking for t in problem.talents if t.id == str(profile.uuid))


def test_taking_a_project_out_below_the_minimum_is_saved_and_counts_as_not_ranked(matching_cohort, matching_projects):
    profile = accepted_talent(matching_cohort, 1)
    save_talent_ranking(profile, matching_cohort, matching_projects, by=None)  # six at four hosts
    save_talent_ranking(profile, matching_cohort, matching_projects[:5], by=None)  # to swap one for another
    assert TalentPreference.objects.filter(talent=profile).count() == 5
    assert ranking_in_problem(matching_cohort, profile) == ()


def test_the_page_says_a_ranking_below_the_minimum_is_not_enough_yet(
    client, talent, matching_cohort, matching_projects
):
    profile = accept(talent, matching_cohort)
    save_talent_ranking(profile, matching_cohort, matching_projects, by=None)
    client.force_login(talent)
    response = client.post(reverse(URL), {"move": f"remove:{matching_projects[0].uuid}"}, follow=True)
    page = response.content.decode()
    assert TalentPreference.objects.filter(talent=profile).count() == 5
    assert "You have ranked 5 projects at" in page
    assert "Not enough yet for the matching." in page
    assert RULE in page


def test_a_short_ranking_can_be_built_up_but_the_matching_counts_it_as_none(matching_cohort, matching_projects):
    short, full = accepted_talent(matching_cohort, 1), accepted_talent(matching_cohort, 2)
    save_talent_ranking(short, matching_cohort, matching_projects[:5], by=None)  # growing: allowed
    save_talent_ranking(full, matching_cohort, matching_projects, by=None)
    assert ranking_in_problem(matching_cohort, short) == ()
    assert ranking_in_problem(matching_cohort, full) == tuple(str(p.uuid) for p in matching_projects)


def test_six_projects_at_too_few_hosts_do_not_reach_the_minimum(matching_cohort, host_organization):
    other = HostOrganizationFactory(name="Second host", slug="second-host")
    third = HostOrganizationFactory(name="Third host", slug="third-host")
    projects = [approved_project(org, matching_cohort) for org in [host_organization] * 4 + [other] * 3]
    approved_project(third, matching_cohort)
    profile = accepted_talent(matching_cohort, 1)
    save_talent_ranking(profile, matching_cohort, projects, by=None)  # seven projects at two hosts
    assert ranking_in_problem(matching_cohort, profile) == ()
    save_talent_ranking(profile, matching_cohort, projects[:6], by=None)  # six projects at two hosts
    assert ranking_in_problem(matching_cohort, profile) == ()


def test_a_small_cohort_lowers_the_minimum_to_what_it_has(client, talent, matching_cohort, host_organization):
    other = HostOrganizationFactory(name="Second host", slug="second-host")
    projects = [approved_project(org, matching_cohort) for org in (host_organization, host_organization, other)]
    minimum = ranking_minimum(matching_cohort)
    assert (minimum.projects, minimum.hosts, minimum.lowered) == (3, 2, True)
    profile = accept(talent, matching_cohort)
    save_talent_ranking(profile, matching_cohort, projects, by=None)
    assert ranking_in_problem(matching_cohort, profile) == tuple(str(p.uuid) for p in projects)
    assert build_problem(matching_cohort).ranked_minimum == 3  # the engine reads each list down to the same
    client.force_login(talent)
    page = client.get(reverse(URL)).content.decode()
    assert "Rank at least 3 projects at 2 or more host organisations" in page
    assert "This cohort has only 3 approved projects at 2 host organisations, so the minimum is lowered" in page


def test_the_page_states_the_rule_and_the_progress_before_the_talent_starts(
    client, talent, matching_cohort, matching_projects
):
    accept(talent, matching_cohort)
    client.force_login(talent)
    page = client.get(reverse(URL)).content.decode()
    assert RULE in page
    assert "Until your ranking reaches that, the matching treats you as not having ranked" in page
    assert "You have ranked 0 projects at 0 host organisations so far. Not enough yet for the matching." in page
    assert "lowered" not in page  # six projects at four hosts: the full minimum applies


@override_settings(MATCHING_MIN_RANKED_PROJECTS=2, MATCHING_MIN_RANKED_HOSTS=2)
def test_the_minimum_comes_from_the_settings(matching_cohort, matching_projects):
    profile = accepted_talent(matching_cohort, 1)
    save_talent_ranking(profile, matching_cohort, matching_projects[1:3], by=None)  # two projects, two hosts
    assert len(ranking_in_problem(matching_cohort, profile)) == 2
    assert build_problem(matching_cohort).ranked_minimum == 2
    save_talent_ranking(profile, matching_cohort, matching_projects[1:2], by=None)  # one project
    assert ranking_in_problem(matching_cohort, profile) == ()
