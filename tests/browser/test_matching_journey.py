"""Matching in a real browser: a talent and a host member rank, the manager runs matching, reads
the metrics, applies the plan, and the rotation board shows the proposed placements."""

import pytest
from playwright.sync_api import expect

from rotations.models import Placement
from rotations.services.preferences import save_host_ranking, save_talent_ranking
from tests.browser.signin import sign_in
from tests.factories import HostMembershipFactory, ManagerFactory, UserFactory
from tests.rotations.fixtures import accept, accepted_talent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("celery")]


def test_both_sides_rank_and_the_manager_applies_the_plan(
    live_server, page, assert_accessible, celery_worker, matching_cohort, matching_projects, host_organization
):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se")
    talent = accept(UserFactory(email="yuki@example.org", first_name="Yuki", last_name="Tanaka"), matching_cohort)
    others = [accepted_talent(matching_cohort, number) for number in range(3)]
    for number, other in enumerate(others):  # six projects at four hosts: the minimum ranking
        save_talent_ranking(other, matching_cohort, matching_projects[number:] + matching_projects[:number], by=None)
    member = HostMembershipFactory(organization=host_organization, user=UserFactory(email="elin@host.example")).user

    # The talent ranks six projects (the minimum) with the buttons (no JavaScript needed) and moves one up.
    sign_in(page, base, talent.user.email)
    page.goto(base + "/talent/preferences/")
    for project in matching_projects:
        page.get_by_role("button", name=f"Add to my ranking: {project.title}").click()
    page.get_by_role("button", name=f"Move up: {matching_projects[4].title}").click()
    expect(page.locator("ol.ranking li").nth(3)).to_contain_text(matching_projects[4].title)
    assert_accessible(page)

    # The host member ranks the talents for their first project.
    sign_in(page, base, member.email)
    page.goto(f"{base}/host/projects/{matching_projects[0].uuid}/rankings/")
    page.get_by_label("Rank of Yuki Tanaka").fill("1")
    page.get_by_label(f"Rank of {others[0].name}").fill("2")
    page.get_by_role("button", name="Save ranking").click()
    expect(page.get_by_text("Your ranking for")).to_be_visible()
    assert_accessible(page)
    for project in matching_projects[1:]:
        save_host_ranking(project, {other: rank for rank, other in enumerate([talent, *others], start=1)}, by=None)

    # The manager runs matching, reads the metrics and applies the plan.
    sign_in(page, base, manager.email)
    page.goto(base + "/admin/rotations/placement/board/")
    page.get_by_role("link", name=f"Run matching for {matching_cohort.name}").click()
    # The board's readiness panel: rankings are open until the deadline, so the run is "anyway".
    page.get_by_role("region", name="Before you run matching").get_by_role("button", name="Run matching anyway").click()
    expect(page.get_by_text("How the plan serves the talents, per period")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("rowheader", name="Yuki Tanaka Why this placement?")).to_be_visible()
    page.get_by_role("button", name="Apply: propose these placements on the board").click()
    expect(page.get_by_text("The plan is applied")).to_be_visible()
    row = page.locator(f"#talent-{talent.uuid}")
    expect(row.get_by_text("Proposed")).to_have_count(3)
    assert Placement.objects.filter(talent=talent).count() == 3
