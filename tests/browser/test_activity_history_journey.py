"""A manager reads the activity log in a real browser: from the admin index to an application that
moved through its stages, its History page (each step and who took it), then the activity list,
filtered by person, downloaded as CSV."""

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from eyeforai.activity.models import ActivityEntry
from talents.choices import ApplicationStatus
from talents.services.applications import move_application, save_draft, start_application, submit_application
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, ManagerFactory, TalentProfileFactory, UserFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = {"motivation": "To build AI that helps hospitals.", "why_sweden": "Open data.", "availability": "full"}


def applied(user, cohort):
    """`user` starts, saves (with a CV) and submits an application to `cohort` through the services."""
    application = start_application(user.talent_profile, cohort, by=user)
    cv = SimpleUploadedFile("cv.pdf", pdf_bytes(user.get_full_name()), "application/pdf")
    save_draft(application, data=ANSWERS, cv=cv, by=user)
    return submit_application(application, data={**ANSWERS, "consent": True}, by=user)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_manager_reads_an_applications_history_and_downloads_one_persons_activity(
    live_server, page, assert_accessible, settings, tmp_path, width
):
    settings.MEDIA_ROOT = tmp_path / "media"
    karin = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    johan = ManagerFactory(email="johan@ai.se", first_name="Johan", last_name="Ek")
    cohort = CohortFactory(name="Cohort 2027", slug="cohort-2027")
    amara = UserFactory(email="amara@example.org", first_name="Amara", last_name="Okafor")
    luis = UserFactory(email="luis@example.org", first_name="Luis", last_name="Moreno")
    for user in (amara, luis):
        TalentProfileFactory(user=user)
    application = applied(amara, cohort)
    move_application(application, to=ApplicationStatus.UNDER_REVIEW, by=karin)
    move_application(application, to=ApplicationStatus.INTERVIEW, by=johan)
    move_application(application, to=ApplicationStatus.ACCEPTED, by=karin)
    move_application(applied(luis, cohort), to=ApplicationStatus.REJECTED, by=johan)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, karin.email)

    page.goto(live_server.url + "/admin/")
    assert_accessible(page)
    assert fits(page)
    page.locator("#content-main").get_by_role("link", name="Applications", exact=True).click()
    expect(page.get_by_role("heading", name="Select application to change", level=1)).to_be_visible()
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("link", name="Amara Okafor", exact=True).click()
    expect(page.get_by_role("heading", name="Change application", level=1)).to_be_visible()
    # The read-only stage table names every column (Django's tabular inline leaves two headers empty).
    expect(page.locator("#events-group thead th")).to_have_text(["Status", "At", "By"])
    expect(page.locator("#events-group tbody tr")).to_have_count(5)
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("link", name="History", exact=True).click()

    # The History page: every step, newest first, with who took it and from which stage to which.
    history = page.locator("#activity-history")
    expect(history.get_by_role("heading", name="Activity")).to_be_visible()
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(6)
    steps = [  # who, what, from → to, note
        ["Karin Lindqvist <karin@ai.se>", "application.moved", "Interview → Accepted", ""],
        ["Johan Ek <johan@ai.se>", "application.moved", "Under review → Interview", ""],
        ["Karin Lindqvist <karin@ai.se>", "application.moved", "Submitted → Under review", ""],
        ["Amara Okafor <amara@example.org>", "application.submitted", "Draft → Submitted", ""],
        ["Amara Okafor <amara@example.org>", "application.draft_saved", "", "A new CV was uploaded."],
        ["Amara Okafor <amara@example.org>", "application.started", "— → Draft", ""],
    ]
    for number, step in enumerate(steps):
        expect(rows.nth(number).locator("td")).to_have_text(step)
    expect(history).not_to_contain_text("Luis")
    assert_accessible(page)
    assert fits(page)

    # The activity list, everyone's; filtered to Karin's steps, then downloaded as CSV.
    page.get_by_role("link", name="Home", exact=True).click()
    page.locator("#content-main .model-activityentry").get_by_role("link", name="Activity", exact=True).click()
    expect(page.get_by_role("heading", name="Select activity entry to view", level=1)).to_be_visible()
    everyone = page.locator("#result_list tbody tr")
    expect(everyone).to_have_count(ActivityEntry.objects.count())  # the cohort's periods are in it too
    for person in ("Johan Ek <johan@ai.se>", "Luis Moreno <luis@example.org>", "Amara Okafor <amara@example.org>"):
        expect(everyone.filter(has_text=person).first).to_be_visible()
    assert_accessible(page)
    assert fits(page)
    page.locator("#changelist-filter").get_by_role("link", name="Karin Lindqvist", exact=True).click()
    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Interview → Accepted")
    expect(results.nth(1)).to_contain_text("Submitted → Under review")
    assert_accessible(page)
    assert fits(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Export these as CSV").click()
    assert download.value.suggested_filename.startswith("activity-")
    with open(download.value.path(), newline="", encoding="utf-8-sig") as export:
        table = list(csv.reader(export))
    assert table[0] == [
        "when",
        "person",
        "email",
        "kind of object",
        "object id",
        "object",
        "action",
        "from",
        "to",
        "note",
    ]
    assert [row[1:] for row in table[1:]] == [
        [
            "Karin Lindqvist",
            "karin@ai.se",
            "talents.application",
            str(application.pk),
            "Amara Okafor → Cohort 2027",
            "application.moved",
            start,
            end,
            "",
        ]
        for start, end in [("interview", "accepted"), ("submitted", "under_review")]
    ]
