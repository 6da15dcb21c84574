"""Matching with guard rails in a real browser: the manager goes from /admin/ to the rotation board, sees who
has not ranked, reminds them (once a day), and shares the proposed plan; a host member on a phone sees the
proposed talent on /host/ only after that."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from rotations.models import MatchingRun
from rotations.services.preferences import save_talent_ranking
from tests.browser.screen import check
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, HostMembershipFactory, ManagerFactory, UserFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project, place
from tests.rotations.sized import seed_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_the_board(page, base, cohort):
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Rotation board", exact=True).click()
    page.get_by_role("link", name=cohort.name, exact=True).click()


def test_the_manager_sees_who_has_not_ranked_and_reminds_them_once_a_day(
    live_server, page, assert_accessible, matching_cohort, matching_projects, host_organization
):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    ranked = accept(UserFactory(email="yuki@example.org", first_name="Yuki", last_name="Tanaka"), matching_cohort)
    save_talent_ranking(ranked, matching_cohort, matching_projects, by=None)
    waiting = accept(UserFactory(email="omar@example.org", first_name="Omar", last_name="Haddad"), matching_cohort)
    member = HostMembershipFactory(organization=host_organization, user=UserFactory(email="elin@host.example")).user
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email)

    open_the_board(page, base, matching_cohort)

    panel = page.get_by_role("region", name="Before you run matching")
    expect(panel).to_contain_text("1 talent has not ranked enough projects")
    expect(panel.get_by_role("listitem").filter(has_text="Omar Haddad")).to_be_visible()
    expect(panel.get_by_text("Yuki Tanaka")).to_have_count(0)
    expect(panel).to_contain_text(f"{host_organization.name}: {matching_projects[0].title}")
    expect(panel.get_by_role("button", name="Run matching anyway")).to_be_visible()
    check(page, assert_accessible)

    panel.get_by_role("button", name="Remind them").click()
    expect(page.get_by_text("Reminded 2 people.")).to_be_visible()  # Omar, and Elin for her two projects
    check(page, assert_accessible)
    page.get_by_role("region", name="Before you run matching").get_by_role("button", name="Remind them").click()
    expect(page.get_by_text("Everyone was already reminded today.")).to_be_visible()

    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == sorted([waiting.user.email, member.email])


def test_a_host_member_on_a_phone_sees_a_proposed_talent_only_once_the_plan_is_shared(
    live_server, page, assert_accessible, host_organization
):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    cohort = CohortFactory(
        name="Cohort 2028",
        slug="cohort-2028",
        status=CohortStatus.MATCHING,
        preference_deadline=timezone.now() - timedelta(days=1),
    )
    project = approved_project(host_organization, cohort, title="Sepsis early warning")
    talent = accepted_talent(cohort, 1)
    place(talent, project, 1)
    member = HostMembershipFactory(organization=host_organization, user=UserFactory(email="elin@host.example")).user

    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, base, member.email)
    page.goto(base + "/host/")
    expect(page.get_by_role("heading", name="Talents with you")).to_be_visible()
    expect(page.get_by_text(talent.name)).to_have_count(0)
    check(page, assert_accessible)

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email)
    open_the_board(page, base, cohort)
    sharing = page.get_by_role("region", name="What hosts and talents see")
    expect(sharing).to_contain_text("the 1 proposed placement stays hidden from them")
    sharing.get_by_role("button", name="Share the proposed plan with hosts").click()
    expect(page.get_by_text("The proposed plan of Cohort 2028 is shared")).to_be_visible()
    expect(page.get_by_role("region", name="What hosts and talents see")).to_contain_text("(by Karin Lindqvist")
    check(page, assert_accessible)

    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, base, member.email)
    page.goto(base + "/host/")
    expect(page.get_by_text(talent.name).first).to_be_visible()
    expect(page.get_by_text("Matched: the programme team confirms the placement")).to_be_visible()
    check(page, assert_accessible)


def test_the_manager_tries_to_match_a_completed_cohort_and_one_where_nobody_has_ranked(
    live_server, page, assert_accessible, matching_cohort
):
    """The issue's check: a completed cohort offers no run and says why; a cohort of thirty where nobody has
    ranked leads from the board index to the readiness panel, which names five, folds the rest, and still
    lets the manager run matching anyway."""
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se")
    CohortFactory(name="Cohort 2020", slug="cohort-2020", status=CohortStatus.COMPLETED)
    talents, _projects = seed_cohort(matching_cohort, 30)  # nobody has ranked; the deadline is a month away
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, base, manager.email)

    page.goto(base + "/admin/")
    page.get_by_role("link", name="Rotation board", exact=True).first.click()
    expect(page.get_by_role("link", name="Run matching for Cohort 2020")).to_have_count(0)
    page.get_by_role("link", name="Cohort 2020", exact=True).click()
    expect(page.get_by_text("Cohort 2020 is completed: matching runs only while")).to_be_visible()
    expect(page.get_by_role("button", name="Run matching")).to_have_count(0)
    check(page, assert_accessible)

    page.go_back()
    page.get_by_role("link", name="Run matching for Cohort 2027").click()
    panel = page.get_by_role("region", name="Before you run matching")
    expect(panel).to_contain_text("30 talents have not ranked enough projects")
    expect(panel).to_contain_text("12 host projects have not ranked any talent")
    expect(panel.locator("ul.readiness-talents").first.get_by_role("listitem")).to_have_count(5)
    # The panel stays short: the board starts within the first screen and a half, not after thirty names.
    assert panel.bounding_box()["height"] < 800
    last = sorted(talents, key=lambda talent: (talent.user.last_name, talent.user.first_name, talent.pk))[-1]
    expect(panel.get_by_text(last.name, exact=True)).to_be_hidden()
    panel.get_by_text("and 25 more talents").click()
    expect(panel.get_by_text(last.name, exact=True)).to_be_visible()
    check(page, assert_accessible)

    panel.get_by_role("button", name="Run matching anyway").click()
    expect(page.get_by_text("Matching started for Cohort 2027.")).to_be_visible()
    expect(page.get_by_role("region", name="Before you run matching")).to_contain_text("30 talents have not ranked")
    assert MatchingRun.objects.filter(cohort=matching_cohort).count() == 1
