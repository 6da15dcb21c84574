"""The days page and withdrawing, in a real browser from the talent's overview, on a desktop and a phone.

A running talent logs this week's day, tries an absence that overlaps one already recorded and finds the
error focused next to the field, then the week in the (collapsed) table with its Edit link on-screen.
An applicant withdraws, confirming first, and applies again while the call is open.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from talents.choices import AbsenceKind, ApplicationStatus
from talents.models import Absence, Application
from talents.weeks import monday_of
from tests.browser.screen import check
from tests.browser.signin import sign_in
from tests.factories import (
    AbsenceFactory,
    ApplicationFactory,
    CohortFactory,
    TalentProfileFactory,
    UserFactory,
    running_cohort,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_talent_logs_a_day_and_an_overlapping_absence_is_refused_in_view(
    live_server, page, assert_accessible, media_root, width
):
    user = UserFactory(email="amara@example.org", first_name="Amara", last_name="Okafor")
    profile = TalentProfileFactory(user=user)
    ApplicationFactory(talent=profile, cohort=running_cohort(name="Cohort 2025"), status=ApplicationStatus.ACCEPTED)
    away = monday_of(timezone.localdate()) - timedelta(weeks=3)
    AbsenceFactory(talent=profile, kind=AbsenceKind.VACATION, starts_on=away, ends_on=away + timedelta(days=4))

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, user.email)
    page.goto(live_server.url + "/talent/")
    check(page, assert_accessible)

    page.get_by_role("navigation", name="Talent pages").get_by_role("link", name="AI Sweden days").click()
    expect(page.get_by_role("heading", name="Log a day")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_label("Online").check()
    page.get_by_label("Seminar").check()
    page.get_by_label("What you learned").fill("Federated learning across regions.")
    page.get_by_role("button", name="Log this day").click()
    expect(page.get_by_text("is logged")).to_be_visible()
    expect(page.locator(".week-now")).to_contain_text("You logged this week's day on")

    # An absence overlapping the vacation already recorded: refused, the summary focused, the reason by the field.
    absence = page.get_by_role("region", name="Absences")
    absence.get_by_label("Kind").select_option("sick")
    absence.get_by_label("First day").fill((away + timedelta(days=2)).isoformat())
    absence.get_by_label("Last day").fill((away + timedelta(days=8)).isoformat())
    absence.get_by_role("button", name="Record absence").click()
    summary = page.locator(".form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator("#id_absence-starts_on_error")).to_contain_text("These dates overlap your vacation")
    assert Absence.objects.filter(talent=profile).count() == 1
    check(page, assert_accessible)

    # The week table is one click away, and this week's Edit link sits on the screen.
    page.get_by_text("Show all").click()
    edit = page.get_by_role("link", name="Edit").first
    expect(edit).to_be_visible()
    box = edit.bounding_box()
    assert box["x"] + box["width"] <= width
    check(page, assert_accessible)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_applicant_withdraws_after_confirming_and_applies_again(
    live_server, page, assert_accessible, media_root, width
):
    user = UserFactory(email="luis@example.org", first_name="Luis", last_name="Moreno")
    application = ApplicationFactory(talent=TalentProfileFactory(user=user), cohort=CohortFactory(name="Cohort 2027"))

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, user.email)
    page.goto(live_server.url + "/talent/")
    check(page, assert_accessible)
    page.get_by_role("link", name="See your application").click()
    page.get_by_role("link", name="Withdraw my application").click()

    expect(page.get_by_role("heading", name="Withdraw your application?", level=1)).to_be_visible()
    expect(page.get_by_text("you can apply again until")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("link", name="Keep my application").click()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    page.get_by_role("link", name="Withdraw my application").click()
    page.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_text("Your application is withdrawn.")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("navigation", name="Talent pages").get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Apply again").click()
    expect(page.get_by_text("open again as a draft")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
