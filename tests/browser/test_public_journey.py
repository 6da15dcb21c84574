"""A visitor finds the open call, its hosts and a project, and goes to sign up; a signed-in talent
finds the way to their overview from the front page. In a real browser at 1280 px and at 390 px."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from tests.browser.screen import check
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, HostOrganizationFactory, ProjectFactory, SkillFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_goes_from_the_open_call_to_a_project_and_signs_up(live_server, page, assert_accessible, width):
    running = CohortFactory(name="Cohort 2025", starts_on=date(2025, 9, 1), status=CohortStatus.RUNNING)
    open_call = CohortFactory(name="Cohort 2027", starts_on=date(2027, 9, 1), status=CohortStatus.RECRUITING)
    hospital = HostOrganizationFactory(
        name="Västkust University Hospital",
        slug="vastkust-university-hospital",
        city="Gothenburg",
        website="https://hospital.example.org",
        description="A university hospital on the west coast, with ten years of anonymised ward data.",
    )
    ProjectFactory(
        organization=hospital,
        cohort=open_call,
        title="Sepsis early warning with continuous vital signs",
        summary="Warn the ward hours before sepsis sets in.",
        description="Build and evaluate a model on the hospital's anonymised vital signs.",
        status=ProjectStatus.APPROVED,
        skills=[SkillFactory(name="Time series"), SkillFactory(name="Clinical machine learning")],
        seats=(2, 1, 0),
    )
    ProjectFactory(organization=hospital, cohort=running, title="Radiology triage", status=ProjectStatus.APPROVED)
    ProjectFactory(organization=hospital, cohort=open_call, title="A draft nobody sees")
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + "/")
    expect(page.get_by_text("Applications for Cohort 2027 are open.")).to_be_visible()
    expect(page.get_by_role("heading", name="Cohort 2027: applications are open", level=2)).to_be_visible()
    expect(page.get_by_role("table", name="Rotation periods").get_by_role("row")).to_have_count(4)
    expect(page.locator("main")).not_to_contain_text("Cohort Cohort")
    check(page, assert_accessible)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hosts").click()
    expect(page.get_by_role("heading", name="Our host organisations", level=1)).to_be_visible()
    open_group = page.get_by_role("region", name=re.compile("^Cohort 2027 — applications open until"))
    expect(open_group).to_contain_text("Sepsis early warning with continuous vital signs")
    running_group = page.get_by_role("region", name=re.compile("^Cohort 2025 — running now"))
    expect(running_group).to_contain_text("Radiology triage")
    expect(page.locator("main")).not_to_contain_text("A draft nobody sees")
    check(page, assert_accessible)

    open_group.get_by_role("link", name="Västkust University Hospital").click()
    expect(page.get_by_role("heading", name="Västkust University Hospital", level=1)).to_be_visible()
    expect(page.get_by_text("ten years of anonymised ward data")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("link", name="Sepsis early warning with continuous vital signs").click()
    title = page.get_by_role("heading", name="Sepsis early warning with continuous vital signs", level=1)
    expect(title).to_be_visible()
    expect(page.get_by_text("Build and evaluate a model")).to_be_visible()
    expect(page.get_by_role("list", name="Skills")).to_contain_text("Time series")
    seats = page.get_by_role("table", name="Seats per period")
    expect(seats.get_by_role("row")).to_have_count(4)
    check(page, assert_accessible)

    page.get_by_role("main").get_by_role("link", name="Create an account and apply").click()
    expect(page).to_have_url(live_server.url + "/accounts/signup/")
    expect(page.get_by_label("Email")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_signed_in_talent_finds_their_overview_on_the_front_page(live_server, page, assert_accessible, talent, width):
    CohortFactory(name="Cohort 2027", status=CohortStatus.RECRUITING)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, talent.email)

    page.goto(live_server.url + "/")
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("Create an account")
    check(page, assert_accessible)

    main.get_by_role("link", name="Go to your overview").click()
    expect(page).to_have_url(live_server.url + "/talent/")
