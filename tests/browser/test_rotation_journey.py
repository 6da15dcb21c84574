"""The rotation in a real browser: the manager fills a talent's three periods on the board and
confirms; the talent sees the schedule and downloads a calendar that parses; the host member sees
the talent."""

import icalendar
import pytest
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from rotations.models import Placement
from tests.browser.signin import sign_in
from tests.factories import (
    HostMembershipFactory,
    HostOrganizationFactory,
    ManagerFactory,
    UserFactory,
)
from tests.rotations.fixtures import accept, approved_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_places_a_talent_for_three_periods_and_both_sides_see_it(
    live_server, page, assert_accessible, rotation_cohort, host_organization, other_host_organization
):
    manager = ManagerFactory(email="karin@ai.se")
    talent = accept(UserFactory(email="mei.chen@example.org", first_name="Mei", last_name="Chen"), rotation_cohort)
    member = HostMembershipFactory(organization=host_organization, user=UserFactory(email="elin@hospital.example")).user
    third = HostOrganizationFactory(name="Volvo Software Lab", slug="volvo-software-lab")
    projects = [
        approved_project(organization, rotation_cohort, title=title)
        for organization, title in [
            (host_organization, "Sepsis early warning"),
            (other_host_organization, "Molecule property prediction"),
            (third, "Driver attention models"),
        ]
    ]
    base = live_server.url

    sign_in(page, base, manager.email)
    page.goto(f"{base}/admin/rotations/placement/board/{rotation_cohort.slug}/")
    for number, project in enumerate(projects, start=1):
        select = page.get_by_label(f"Project for Mei Chen in period {number}")
        select.select_option(label=_option_label(select, project.title))
        page.locator(f"#choice-{talent.uuid}-{number}").locator("xpath=..").get_by_role("button", name="Assign").click()
        expect(page.get_by_text("Proposed:")).to_be_visible()
    page.get_by_role("button", name="Confirm all 3 proposed placements and email both sides").click()
    expect(page.get_by_text("3 placements confirmed.")).to_be_visible()
    assert set(Placement.objects.filter(talent=talent).values_list("status", flat=True)) == {"confirmed"}
    # One email to the talent listing the three placements, not one per placement.
    assert list(OutboundEmail.objects.filter(to=talent.user.email).values_list("template", flat=True)) == [
        "rotations/placements_confirmed_talent"
    ]

    sign_in(page, base, talent.user.email)
    page.goto(base + "/talent/")
    schedule = page.get_by_role("region", name="Your rotation")
    for project in projects:
        expect(schedule.get_by_text(project.title)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download_info.value.path().read_bytes())
    assert sorted(str(event["summary"]).split(": ", 1)[1] for event in calendar.walk("VEVENT")) == sorted(
        project.title for project in projects
    )

    sign_in(page, base, member.email)
    page.goto(base + "/host/talents/")
    expect(page.get_by_role("rowheader", name="Mei Chen", exact=False)).to_be_visible()
    expect(page.get_by_text("Sepsis early warning")).to_be_visible()
    assert_accessible(page)


def _option_label(select, title):
    for label in select.locator("option").all_inner_texts():
        if title in label:
            return label
    raise AssertionError(f"No option for {title}")
