"""A new person's account, in a real browser at 1280 px and at 390 px: sign up, confirm from the email,
land on the overview, open Account, change the password, sign out, reset the password from the email
and sign in again, every page in the site's layout and words, with no axe-core violation and nothing
wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from tests.browser.screen import check
from tests.factories import CohortFactory
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST, SECOND, THIRD = "a long and private passphrase 42", "another private passphrase 77", "a third passphrase 2027"


def path_in_email(address, template, pattern):
    """The link of the newest such email, as a path on the test server (links name SITE_URL)."""
    email = OutboundEmail.objects.filter(to=address, template=template).latest("created_at")
    text = delivered_text(email)
    assert "Eye for AI · AI Sweden" in text and "Hello from" not in text
    return re.search(r"https?://[^/\s]+(" + pattern + r")", text).group(1)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_person_signs_up_confirms_and_looks_after_their_password(live_server, page, assert_accessible, width):
    CohortFactory(name="Cohort 2027")
    address = f"noor.{width}@example.org"
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})

    # Sign up from the programme page.
    page.goto(base + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Apply: create an account").click()
    expect(page.get_by_role("heading", name="Sign up", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.get_by_label("Email").fill(address)
    page.locator("#id_password1").fill(FIRST)
    page.locator("#id_password2").fill(FIRST)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Confirm your email address", level=1)).to_be_visible()
    check(page, assert_accessible)

    # Confirm from the email: signed in and on the talent overview.
    page.goto(base + path_in_email(address, "account/email_confirmation_signup", r"/accounts/confirm-email/\S+/"))
    expect(page.get_by_role("heading", name="Confirm your email address", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(base + "/talent/")
    check(page, assert_accessible)

    # Account: one address, verified; no lone radio button or "Make primary".
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Email addresses", level=1)).to_be_visible()
    expect(page.get_by_text(address, exact=True)).to_be_visible()
    expect(page.get_by_text("Verified", exact=True)).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_role("button", name="Make primary")).to_have_count(0)
    check(page, assert_accessible)

    # Change the password from the account menu.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change password", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.locator("#id_oldpassword").fill(FIRST)
    page.locator("#id_password1").fill(SECOND)
    page.locator("#id_password2").fill(SECOND)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("status")).to_contain_text("Password successfully changed")
    assert OutboundEmail.objects.filter(to=address, template="account/password_changed").exists()

    # Sign out, then reset the password from the email.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your email", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.goto(base + path_in_email(address, "account/password_reset_key", r"/accounts/password/reset/key/\S+/"))
    expect(page.get_by_role("heading", name="Change password", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.locator("#id_password1").fill(THIRD)
    page.locator("#id_password2").fill(THIRD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", name="Password changed", level=1)).to_be_visible()
    check(page, assert_accessible)

    # Sign in with the new password: back on the overview.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    page.locator("#id_login").fill(address)
    page.locator("#id_password").fill(THIRD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/talent/")
    check(page, assert_accessible)
