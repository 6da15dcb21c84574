"""A programme manager reviews a cohort's applications in a real browser without going back to the
list: from /admin/ to the applications, filtered by cohort and stage, opens the first, sees the CV
framed in the page, invites the talent to an interview with a personal note (previewed first), then
"Next application", three times; each note is in that talent's email in the outbox."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.models import CVDownload
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import ApplicationFactory, CohortFactory, ManagerFactory, TalentProfileFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Newest first, as the list shows them.
TALENTS = [("Amara", "Okafor"), ("Luis", "Moreno"), ("Mei", "Chen")]


def seed():
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    cohort = CohortFactory(name="Cohort 2027", slug="cohort-2027")
    other = CohortFactory(name="Cohort 2031", slug="cohort-2031")
    now = timezone.now()
    for hours, (first, last) in enumerate(TALENTS, start=1):
        user = UserFactory(email=f"{first.lower()}@example.org", first_name=first, last_name=last)
        ApplicationFactory(
            talent=TalentProfileFactory(user=user, linkedin_url=f"https://www.linkedin.com/in/{first.lower()}"),
            cohort=cohort,
            created_at=now - timedelta(hours=hours),
        )
    # Left out by the filter: another cohort's, and one already accepted.
    ApplicationFactory(cohort=other, talent__user=UserFactory(first_name="Oskar", last_name="Other"))
    ApplicationFactory(
        cohort=cohort,
        status=ApplicationStatus.ACCEPTED,
        talent__user=UserFactory(first_name="Alva", last_name="Accepted"),
        created_at=now - timedelta(minutes=90),
    )
    return manager


@pytest.mark.parametrize("width", [1280, 390])
def test_a_manager_reviews_three_applications_from_one_page(live_server, page, assert_accessible, width):
    manager = seed()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, manager.email)

    page.goto(live_server.url + "/admin/")
    page.locator("#content-main .model-application").get_by_role("link", name="Applications", exact=True).click()
    expect(page.get_by_role("heading", name="Select application to change", level=1)).to_be_visible()
    filters = page.locator("#changelist-filter")
    filters.get_by_role("link", name="Cohort 2027", exact=True).click()
    filters.get_by_role("link", name="Submitted", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert_accessible(page)
    assert fits(page)
    page.locator("#result_list tbody tr").first.get_by_role("link", name="Amara Okafor").click()

    for number, (first, last) in enumerate(TALENTS, start=1):
        name = f"{first} {last}"
        expect(page.get_by_role("heading", name="Change application", level=1)).to_be_visible()
        expect(page.get_by_role("heading", name=name, level=2, exact=True)).to_be_visible()
        # Each one reviewed leaves the "Submitted" list, so the next one is always first of those left.
        expect(page.locator(".review-position")).to_have_text(f"1 of {len(TALENTS) + 1 - number} in this list")
        expect(page.get_by_role("link", name=f"https://www.linkedin.com/in/{first.lower()}")).to_be_visible()
        # The CV, framed by the page and served by the portal to managers only.
        frame = page.get_by_title(f"CV of {name}")
        expect(frame).to_be_visible()
        cv = page.request.get(live_server.url + frame.get_attribute("src"))
        assert cv.status == 200
        assert cv.headers["content-type"] == "application/pdf"
        assert cv.headers["content-disposition"].startswith("inline")
        assert cv.headers["x-frame-options"] == "SAMEORIGIN"
        expect(page.get_by_role("link", name="Download CV")).to_be_visible()
        # The frame and the request above: one line on the talent's "who opened my CV" list.
        assert CVDownload.objects.filter(application__talent__user__first_name=first).count() == 1
        assert_accessible(page)
        assert fits(page)

        page.get_by_role("link", name="Invite to interview", exact=True).click()
        expect(page.get_by_role("heading", name=f"Invite to interview: {name}", level=1)).to_be_visible()
        preview = page.locator(".email-preview-text")
        expect(preview).to_contain_text(f"Hello {first},")
        expect(preview).to_contain_text("would like to meet you for an interview")
        expect(page.locator(".email-preview-subject")).to_have_text(
            "[Eye for AI] We would like to meet you: Eye for AI interview"
        )
        note = f"{first}, your thesis stood out <3 — bring your questions!"
        page.get_by_label("Personal note to the talent (optional)").fill(note)
        page.get_by_role("button", name="Show the email with this note").click()
        expect(preview).to_contain_text("A personal note from the programme team:")
        expect(preview).to_contain_text(note)
        assert_accessible(page)
        assert fits(page)
        page.get_by_role("button", name="Invite to interview and send the email").click()

        expect(page.locator(".messagelist")).to_contain_text("moved to “Interview”; the talent is emailed.")
        expect(page.get_by_role("heading", name="Stage: Interview")).to_be_visible()
        email = OutboundEmail.objects.get(to=f"{first.lower()}@example.org", template="talents/application_interview")
        assert note in email.body_text
        assert "&lt;3" in email.body_html
        if number < len(TALENTS):
            page.locator(".review-done").get_by_role("link", name="Next application →").click()

    expect(page.locator(".review-nav")).to_contain_text("This is the last one in this list.")
    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == [
        "amara@example.org",
        "luis@example.org",
        "mei@example.org",
    ]
    assert refused == []  # no frame or script refused by the content security policy


TEN = [
    ("Amara", "Okafor"),
    ("Luis", "Moreno"),
    ("Mei", "Chen"),
    ("Sara", "Nilsson"),
    ("Omar", "Haddad"),
    ("Ingrid", "Berg"),
    ("Ravi", "Patel"),
    ("Lena", "Fischer"),
    ("Tomas", "Novak"),
    ("Yuki", "Sato"),
]


def test_a_manager_reviews_ten_applications_without_returning_to_the_list(live_server, page, assert_accessible):
    """The issue's check as written: ten applications from one page, a personal note in each talent's
    email; some invited, some rejected; "Previous" and "Next" through a list of eleven."""
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin", last_name="Lindqvist")
    cohort = CohortFactory(name="Cohort 2027", slug="cohort-2027")
    now = timezone.now()
    for minutes, (first, last) in enumerate([*TEN, ("Zoe", "Last")], start=1):
        user = UserFactory(email=f"{first.lower()}@example.org", first_name=first, last_name=last)
        ApplicationFactory(
            talent=TalentProfileFactory(user=user), cohort=cohort, created_at=now - timedelta(minutes=minutes)
        )
    ApplicationFactory(cohort=CohortFactory(name="Cohort 2031"), talent__user=UserFactory(first_name="Oskar"))
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, manager.email)
    page.goto(live_server.url + "/admin/")
    page.locator("#content-main .model-application").get_by_role("link", name="Applications", exact=True).click()
    page.locator("#changelist-filter").get_by_role("link", name="Cohort 2027", exact=True).click()
    page.locator("#changelist-filter").get_by_role("link", name="Submitted", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(11)
    page.get_by_role("link", name="Amara Okafor").click()
    # Forward and back before deciding anything.
    page.get_by_role("navigation", name="Applications in this list").get_by_role(
        "link", name="Next application →"
    ).click()
    expect(page.get_by_role("heading", name="Luis Moreno", level=2, exact=True)).to_be_visible()
    expect(page.locator(".review-position")).to_have_text("2 of 11 in this list")
    page.get_by_role("link", name="← Previous application").click()
    expect(page.get_by_role("heading", name="Amara Okafor", level=2, exact=True)).to_be_visible()

    for number, (first, last) in enumerate(TEN, start=1):
        expect(page.get_by_role("heading", name=f"{first} {last}", level=2, exact=True)).to_be_visible()
        expect(page.locator(".review-position")).to_have_text(f"1 of {len(TEN) + 2 - number} in this list")
        stage, confirm = (
            ("Reject", "Reject and send the email")
            if number % 4 == 0
            else (
                "Invite to interview",
                "Invite to interview and send the email",
            )
        )
        page.locator(".review-stage-buttons").get_by_role("link", name=stage, exact=True).click()
        page.get_by_label("Personal note to the talent (optional)").fill(f"Dear {first}, note number {number}.")
        page.get_by_role("button", name=confirm).click()
        expect(page.locator(".messagelist")).to_contain_text("the talent is emailed.")
        page.locator(".review-done").get_by_role("link", name="Next application →").click()

    expect(page.get_by_role("heading", name="Zoe Last", level=2, exact=True)).to_be_visible()
    expect(page.locator(".review-position")).to_have_text("1 of 1 in this list")
    assert_accessible(page)
    for number, (first, _last) in enumerate(TEN, start=1):
        email = OutboundEmail.objects.get(to=f"{first.lower()}@example.org")
        kind = "rejected" if number % 4 == 0 else "interview"
        assert email.template == f"talents/application_{kind}"
        assert f"Dear {first}, note number {number}." in email.body_text
    assert OutboundEmail.objects.count() == len(TEN)
