"""A talent accepted to the upcoming cohort finds the ranking from their overview, in a real browser at
1280 px and at 390 px: the prompt names the deadline and the progress, its link leads to the ranking,
and back on the overview the progress has moved. The clock stands in March 2027, ranking open."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import formats, timezone
from playwright.sync_api import expect

from eyeforai.programme.choices import CohortStatus
from tests.browser.screen import check
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, HostOrganizationFactory, UserFactory
from tests.rotations.fixtures import accept, approved_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_an_accepted_talent_of_the_upcoming_cohort_ranks_from_the_overview(live_server, page, assert_accessible, width):
    with time_machine.travel(timezone.make_aware(datetime(2027, 3, 1, 10)), tick=True):
        cohort = CohortFactory(
            name="Cohort 2027",
            slug="cohort-2027",
            starts_on=date(2027, 9, 1),
            status=CohortStatus.MATCHING,
            preference_deadline=timezone.make_aware(datetime(2027, 6, 30, 23)),
        )
        hosts = [HostOrganizationFactory(name=f"Host {n}", slug=f"host-{n}") for n in range(4)]
        projects = [approved_project(hosts[n % 4], cohort, title=f"Project {n:02d}") for n in range(12)]
        accept(UserFactory(email="yuki@example.org", first_name="Yuki", last_name="Tanaka"), cohort)
        deadline = formats.date_format(timezone.localtime(cohort.preference_deadline), "DATETIME_FORMAT")

        page.set_viewport_size({"width": width, "height": 900})
        sign_in(page, live_server.url, "yuki@example.org")
        page.goto(live_server.url + "/talent/")

        # The overview: the cohort's start and periods, and the prompt with its deadline and progress.
        expect(page.get_by_role("heading", name="Your schedule in Cohort 2027")).to_be_visible()
        prompt = page.locator("#ranking-prompt")
        expect(prompt).to_contain_text(f"Rank the host projects by {deadline} (Swedish time)")
        expect(prompt).to_contain_text("0 of 12 projects ranked")
        subnav = page.get_by_role("navigation", name="Talent pages")
        expect(subnav.get_by_role("link", name="Rank projects")).to_be_visible()
        check(page, assert_accessible)

        # Follow the prompt to the ranking and rank six projects with the buttons.
        prompt.get_by_role("link", name="Rank the projects").click()
        expect(page.get_by_role("heading", name="Rank the host projects", level=1)).to_be_visible()
        for project in projects[:6]:
            page.get_by_role("button", name=f"Add to my ranking: {project.title}").click()
            expect(page.locator("ol.ranking")).to_contain_text(project.title)
        expect(page.locator("ol.ranking li")).to_have_count(6)
        check(page, assert_accessible)

        # Back to the overview through the subnavigation: the progress has moved.
        page.get_by_role("navigation", name="Talent pages").get_by_role("link", name="Overview").click()
        prompt = page.locator("#ranking-prompt")
        expect(prompt).to_contain_text("6 of 12 projects ranked")
        expect(prompt.get_by_role("link", name="Change your ranking")).to_be_visible()
        check(page, assert_accessible)
