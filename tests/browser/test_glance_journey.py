"""The programme at a glance in a real browser: a manager opens /admin/ on the dashboard, follows the
funnel's "submitted" figure to the filtered list of applications, then goes to the compliance report and
reminds everyone missing AI Sweden days. At 390 px the dashboard fits the phone."""

import pytest
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from talents.choices import ApplicationStatus
from tests.browser.screen import check, fits
from tests.browser.signin import sign_in
from tests.factories import ApplicationFactory, CohortFactory, ManagerFactory, UserFactory, running_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed():
    """A cohort being matched with applications at several stages, and a running one whose two talents log nothing."""
    matching = CohortFactory(name="Cohort 2027", slug="cohort-2027", status=CohortStatus.MATCHING)
    for status, count in ((ApplicationStatus.SUBMITTED, 3), (ApplicationStatus.UNDER_REVIEW, 2)):
        for _ in range(count):
            ApplicationFactory(cohort=matching, status=status, cv=None)
    running = running_cohort(name="Cohort 2026", slug="cohort-2026")
    for name in ("Amara", "Luis"):
        ApplicationFactory(
            cohort=running,
            status=ApplicationStatus.ACCEPTED,
            cv=None,
            talent__user=UserFactory(first_name=name, last_name="Talent"),
        )
    return matching


def test_a_manager_follows_the_dashboard_and_reminds_everyone_missing(live_server, page, assert_accessible):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    seed()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email)

    page.goto(base + "/admin/")
    expect(page.get_by_role("heading", name="Programme at a glance")).to_be_visible()
    expect(page.get_by_role("img", name="Applications to Cohort 2027 per stage")).to_be_visible()
    expect(page.get_by_role("table", name="Programme tools")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("link", name="3 submitted, Cohort 2027").click()
    expect(page.get_by_role("heading", name="Select application to change", level=1)).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert fits(page)

    page.goto(base + "/admin/")
    page.get_by_role("link", name="AI Sweden day compliance").click()
    expect(page.get_by_role("button", name="Remind Amara Talent")).to_be_visible()
    page.get_by_role("button", name="Remind everyone missing").click()
    expect(page.get_by_text("Reminded 2 talents.")).to_be_visible()
    expect(page.get_by_role("cell", name="reminded today")).to_have_count(2)
    check(page, assert_accessible)
    assert OutboundEmail.objects.filter(template="talents/daylog_missing").count() == 2

    page.get_by_role("button", name="Remind everyone missing").click()
    expect(page.get_by_text("Everyone was already reminded today.")).to_be_visible()
    assert OutboundEmail.objects.filter(template="talents/daylog_missing").count() == 2


def test_the_dashboard_fits_a_phone(live_server, page, assert_accessible):
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    seed()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, manager.email)

    page.goto(live_server.url + "/admin/")

    expect(page.get_by_role("heading", name="Programme at a glance")).to_be_visible()
    expect(page.get_by_role("link", name="3 submitted, Cohort 2027")).to_be_visible()
    check(page, assert_accessible)
