"""The whole host journey in a real browser, with axe checks on every hosts page."""

import re

import pytest
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from hosts.models import HostMembership, Project
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, ManagerFactory, SkillFactory
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def path_in(template, to, pattern):
    email = OutboundEmail.objects.filter(template__startswith=template, to=to).latest("created_at")
    return re.search(r"https?://[^/\s]+(" + pattern + r")", delivered_text(email)).group(1)


def run_admin_action(page, base, model, action):
    page.goto(f"{base}/admin/hosts/{model}/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()


def test_prospect_becomes_a_host_with_an_approved_project(live_server, page, assert_accessible):
    manager = ManagerFactory(email="karin@ai.se")
    CohortFactory(name="Cohort 2031", slug="cohort-2031", status=CohortStatus.RECRUITING)
    SkillFactory(name="Computer vision", slug="computer-vision")
    base = live_server.url

    # A prospect sends the "become a host" form.
    page.goto(base + "/hosts/interest/")
    assert_accessible(page)
    page.get_by_label("Organisation").fill("Bergslagen Robotics")
    page.get_by_label("Your name").fill("Greta Lindahl")
    page.get_by_label("Email address").fill("greta@bergslagen.example")
    page.get_by_label("Sector").select_option(label="Industry and manufacturing")
    page.get_by_label("City").fill("Örebro")
    page.get_by_label("Message").fill("We build welding robots and have years of sensor data.")
    page.get_by_label("Cohort of interest").select_option(label="Cohort 2031")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your interest in hosting talents")
    assert_accessible(page)

    # The manager converts it: organisation created, contact invited by email.
    sign_in(page, base, manager.email)
    run_admin_action(page, base, "hostinterest", "convert")
    expect(page.get_by_text("organisation(s) created")).to_be_visible()

    # The contact follows the emailed link, signs up with that address and confirms it.
    page.context.clear_cookies()
    page.goto(base + path_in("hosts/invitation", "greta@bergslagen.example", r"/host/invitations/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Bergslagen Robotics on Eye for AI")
    assert_accessible(page)
    page.get_by_role("link", name="Create an account", exact=True).click()
    expect(page.get_by_label("Email")).to_have_value("greta@bergslagen.example")
    page.locator("#id_password1").fill("Welding robots 2031!")
    page.locator("#id_password2").fill("Welding robots 2031!")
    page.get_by_role("button", name="Sign Up").click()
    page.goto(base + path_in("account/", "greta@bergslagen.example", r"/accounts/confirm-email/[^/\s]+/"))
    page.get_by_role("button", name="Confirm").click()
    assert HostMembership.objects.filter(user__email="greta@bergslagen.example").exists()

    # She describes a project with seats per period and submits it.
    page.goto(base + "/host/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergslagen Robotics")
    assert_accessible(page)
    page.goto(base + "/host/projects/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Spotting bad welds in sensor data")
    page.get_by_label("Summary").fill("Find faulty welds from robot sensor traces.")
    page.get_by_label("Description").fill("Ten years of labelled traces; the talent builds and tests the models.")
    page.get_by_label("Cohort").select_option(label="Cohort 2031")
    page.get_by_label("Computer vision").check()
    page.get_by_label("Supervisor's name").fill("Tomas Berglund")
    page.get_by_label("Supervisor's email").fill("tomas@bergslagen.example")
    page.get_by_label("Seats in period 1").fill("1")
    page.get_by_label("Seats in period 2").fill("2")
    page.get_by_label("Seats in period 3").fill("1")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotting bad welds in sensor data")
    assert_accessible(page)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The project is submitted.")).to_be_visible()
    assert_accessible(page)

    # The manager approves it; the members get an email and it shows on /hosts/.
    sign_in(page, base, manager.email)
    run_admin_action(page, base, "project", "approve")
    expect(page.get_by_text("1 project(s) approved.")).to_be_visible()
    assert Project.objects.get().status == ProjectStatus.APPROVED
    assert OutboundEmail.objects.filter(template="hosts/project_approved", to="greta@bergslagen.example").exists()

    page.context.clear_cookies()
    page.goto(base + "/hosts/")
    expect(page.get_by_role("heading", name="Bergslagen Robotics")).to_be_visible()
    expect(page.get_by_role("heading", name="Spotting bad welds in sensor data")).to_be_visible()
    assert_accessible(page)
