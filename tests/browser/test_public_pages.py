import pytest

from tests.factories import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_is_accessible_and_keyboard_friendly(live_server, page, assert_accessible):
    CohortFactory(name="Cohort 2027")
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Start your AI career in Sweden")
    assert page.get_by_text("Applications for Cohort 2027 are open.").is_visible()
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    assert skip_link.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_sign_up_and_sign_in_pages_are_accessible(live_server, page, assert_accessible):
    page.goto(live_server.url + "/accounts/signup/")
    assert page.get_by_label("Email").is_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)


def test_a_failed_sign_up_shows_the_error_next_to_the_field(live_server, page, assert_accessible):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("amara@example.org")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("short")
    page.get_by_role("button", name="Sign Up").click()
    error = page.locator("#id_password1_error")
    assert "too short" in error.inner_text()
    assert "id_password1_error" in page.locator("#id_password1").get_attribute("aria-describedby")
    assert_accessible(page)


def test_the_stylesheet_is_served_without_a_cdn(live_server, page):
    responses = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.goto(live_server.url + "/")
    assert any(url.endswith("site.css") and status == 200 for url, status in responses), responses
    assert all(url.startswith(live_server.url) for url, _status in responses)
    header_colour = page.locator(".site-header").evaluate("element => getComputedStyle(element).backgroundColor")
    assert header_colour == "rgb(11, 79, 108)"
