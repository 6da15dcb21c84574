"""Signing in through the real login page, as each browser journey does."""

from tests.factories import PASSWORD, pass_second_factor


def sign_in(page, base, email, password=PASSWORD):
    """A fresh session for `email`; a manager also passes the TOTP step the admin requires."""
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    pass_second_factor(page, email)
