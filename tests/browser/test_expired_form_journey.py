"""A talent's application form expires while they type, in a real browser at 1280 px and at 390 px:
they sign in again in another tab (a new session and a new CSRF token), send the form from the first
tab, read why it failed with their text still there, send it again with one click, and the draft is saved."""

import re

import pytest
from playwright.sync_api import expect

from talents.models import Application
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import PASSWORD, CohortFactory, SkillFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = (
    "During my master's thesis I built a model that flags chest X-rays for a second reading. "
    "It worked in the lab and failed on the ward, and learning why taught me more than the model did. "
    "I want to spend eighteen months learning how hospitals, agencies and companies in Sweden put AI to work."
)
SECRET_PLAN = "Our unannounced trial with Region Halland starts in March; the talent joins the data team."


@pytest.mark.parametrize("width", [1280, 390])
def test_an_expired_application_form_keeps_the_answer_and_sends_it_again(
    live_server, page, assert_accessible, talent, width
):
    CohortFactory(name="Cohort 2027")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, talent.email)
    page.goto(live_server.url + "/talent/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Application").click()
    expect(page.get_by_role("heading", name="Your application", level=1)).to_be_visible()
    page.get_by_label("Why do you want to join Eye for AI?").fill(ANSWER)

    # Meanwhile, in another tab, they sign in again: the session and the CSRF token change.
    other_tab = page.context.new_page()
    sign_in(other_tab, live_server.url, talent.email)
    other_tab.close()

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="This form expired before it was sent", level=1)).to_be_visible()
    kept = page.get_by_label("Motivation")
    expect(kept).to_have_value(ANSWER)
    assert not Application.objects.exists()
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    expect(page.get_by_label("Why do you want to join Eye for AI?")).to_have_value(ANSWER)
    assert Application.objects.get(talent__user=talent).motivation == ANSWER
    assert_accessible(page)
    assert fits(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_signed_out_talent_signs_in_and_finds_their_answer_put_back(
    live_server, page, assert_accessible, talent, width
):
    """The session ended while the form was open: the post goes to the sign-in page and back to the
    form (`next`); the server cannot carry the text, the page's draft keeper (static/js/keep-draft.js) does."""
    CohortFactory(name="Cohort 2027")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, talent.email)
    page.goto(live_server.url + "/talent/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Application").click()
    page.get_by_label("Why do you want to join Eye for AI?").fill(ANSWER)
    page.context.clear_cookies(name="sessionid")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(
        re.compile(r"/accounts/login/\?next=%2Ftalent%2Fapplication%2F|/accounts/login/\?next=/talent/application/")
    )
    page.locator("#id_login").fill(talent.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()

    expect(page.get_by_role("heading", name="Your application", level=1)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="We put back what you typed")).to_be_visible()
    expect(page.get_by_label("Why do you want to join Eye for AI?")).to_have_value(ANSWER)
    assert not Application.objects.exists()
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    assert Application.objects.get(talent__user=talent).motivation == ANSWER
    expect(page.get_by_text("We put back what you typed")).to_have_count(0)
    page.reload()
    expect(page.get_by_text("We put back what you typed")).to_have_count(0)


def _kept_drafts(page):
    return page.evaluate("Object.keys(sessionStorage).filter((key) => key.startsWith('keep-draft:')).length")


@pytest.mark.parametrize("width", [1280, 390])
def test_signing_out_forgets_the_kept_text_so_the_next_person_in_the_tab_never_sees_it(
    live_server, page, assert_accessible, host_member, other_host_member, width
):
    """A saved project leaves its text kept in the tab (the form page is not shown again); signing out
    from the menu forgets it, so a colleague from another organisation signing in there finds an empty form."""
    CohortFactory(name="Cohort 2027")
    SkillFactory(name="Computer vision", slug="computer-vision")
    page.set_viewport_size({"width": width, "height": 900})
    menu = page.get_by_role("navigation", name="Main")
    sign_in(page, live_server.url, host_member.email)
    page.goto(live_server.url + "/host/")
    menu.get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Title").fill("Triage of chest X-rays")
    page.get_by_label("Summary").fill("Flag X-rays for a second reading.")
    page.get_by_label("Description").fill(SECRET_PLAN)
    page.locator("#id_cohort").select_option(label="Cohort 2027")
    page.get_by_label("Computer vision").check()
    page.get_by_label("Supervisor's name").fill("Tomas Berglund")
    page.get_by_label("Supervisor's email").fill("tomas@hospital.example.org")
    page.get_by_label("Seats in period 1").fill("1")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage of chest X-rays")
    assert _kept_drafts(page) == 1  # what the next person must not see

    menu.get_by_role("button", name="Sign out").click()
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    assert _kept_drafts(page) == 0

    sign_in(page, live_server.url, other_host_member.email)
    page.goto(live_server.url + "/host/")
    menu.get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="New project").click()
    expect(page.get_by_role("heading", name="New project", level=1)).to_be_visible()
    expect(page.get_by_label("Description")).to_have_value("")
    expect(page.get_by_text("We put back what you typed")).to_have_count(0)
    assert SECRET_PLAN not in page.content()
    assert_accessible(page)
    assert fits(page)
