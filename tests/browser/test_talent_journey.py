"""A talent's whole path in a real browser: sign up, verify, profile, draft, CV, submit; accepted, log a day."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.services import generate_periods
from talents.choices import ApplicationStatus
from talents.models import Application
from talents.services.applications import move_application
from tests.factories import CohortFactory, SkillFactory, UserFactory, pdf_bytes
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and private passphrase 42"


def test_a_talent_applies_is_accepted_and_logs_a_day(live_server, page, assert_accessible, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cohort = CohortFactory(name="Cohort 2027", slug="cohort-2027")
    SkillFactory(name="Computer vision")

    # Sign up and follow the verification link from the email (its path: links name SITE_URL, not the test server).
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("amara@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    email = OutboundEmail.objects.get(to="amara@example.org")
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", delivered_text(email)).group(1)
    page.goto(live_server.url + path)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    # Fill in the profile.
    page.goto(live_server.url + "/talent/profile/")
    assert_accessible(page)
    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Nationality").fill("Nigerian")
    page.get_by_label("Country of residence").fill("Nigeria")
    page.get_by_label("Highest degree").select_option("master")
    page.get_by_label("Field of study").fill("Computer science")
    page.get_by_label("University").fill("University of Lagos")
    page.get_by_label("Graduation year").fill("2024")
    page.get_by_label("Computer vision").check()
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Your profile is saved.").is_visible()

    # Save a draft, then upload a CV and submit.
    page.goto(live_server.url + "/talent/application/")
    page.get_by_label("Why do you want to join Eye for AI?").fill("To build AI that helps hospitals.")
    page.get_by_role("button", name="Save draft").click()
    assert page.get_by_text("Your draft is saved.").is_visible()
    assert_accessible(page)
    cv = tmp_path / "my cv.pdf"
    cv.write_bytes(pdf_bytes("Amara Okafor", "MSc Computer science"))
    page.get_by_label("Why Sweden?").fill("Open data and a strong public sector.")
    page.get_by_label("I can take part from the cohort's start to its end").check()
    page.get_by_label("I agree that AI Sweden processes my data").check()
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    page.get_by_role("button", name="Submit application").click()
    assert page.get_by_text("Your application is submitted.").is_visible()
    assert page.locator(".badge").first.inner_text() == "Submitted"
    assert_accessible(page)
    application = Application.objects.get(talent__user__email="amara@example.org")
    assert application.status == ApplicationStatus.SUBMITTED
    assert OutboundEmail.objects.filter(template="talents/application_received", to="amara@example.org").exists()

    # A manager accepts (through the admin action's service); the cohort starts. Transactional tests
    # flush the migrations' managers group, so the acting manager is a plain staff user here.
    move_application(application, to=ApplicationStatus.ACCEPTED, by=UserFactory(is_staff=True))
    cohort.status = CohortStatus.RUNNING
    cohort.starts_on = timezone.localdate() - timedelta(days=70)
    cohort.save()
    generate_periods(cohort, replace=True)

    page.goto(live_server.url + "/talent/")
    assert page.get_by_role("heading", name="Your schedule in Cohort 2027").is_visible()
    assert_accessible(page)

    # Log this week's AI Sweden day and see the chart.
    page.goto(live_server.url + "/talent/days/")
    page.get_by_label("AI Sweden, Gothenburg").check()
    page.get_by_label("Seminar").check()
    page.get_by_label("Language and culture").check()
    page.get_by_label("What you learned").fill("How Swedish hospitals procure AI.")
    page.get_by_role("button", name="Log this day").click()
    assert page.get_by_text("is logged").is_visible()
    chart = page.locator("svg[role=img]")
    assert chart.is_visible()
    assert re.search(r"1 of \d+ expected weeks logged", chart.locator("title").text_content())
    assert page.get_by_text("You have logged").is_visible()
    assert_accessible(page)
