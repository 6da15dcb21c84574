"""The language switcher in the header, walked as people would, in a real browser at 1280 px and at 390 px.

A visitor whose browser says Swedish reads Swedish and switches to English with the keyboard; a talent's
choice follows them to another device; a programme manager switches the admin from its user links; the
header with the switcher fits a phone and axe finds nothing on the Swedish front page (issue 16).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.screen import check
from tests.browser.signin import sign_in
from tests.factories import ManagerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
SWEDISH = {"locale": "sv-SE", "extra_http_headers": {"Accept-Language": "sv-SE,sv;q=0.9"}}
ENGLISH = {"locale": "en-GB", "extra_http_headers": {"Accept-Language": "en-GB,en;q=0.9"}}


def new_page(browser, width, language):
    """A fresh browser (another device): its own cookies, its own Accept-Language."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **language)
    return context.new_page()


def switcher(page):
    return page.locator("header form.language-switch, #user-tools form.language-switch")


def tab_to(page, target, presses=40):
    """Press Tab from the top of the page until `target` has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target}")


def fits(page):
    """Nothing to scroll sideways (the scrolling element, as a phone's browser measures it)."""
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_swedish_visitor_switches_to_english_with_the_keyboard(live_server, browser, assert_accessible, width):
    page = new_page(browser, width, SWEDISH)
    base = live_server.url

    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Så fungerar programmet", level=2)).to_be_visible()
    expect(switcher(page).locator("[aria-current=true]")).to_have_text("Svenska")

    english = switcher(page).get_by_role("button", name="English")
    expect(english).to_have_attribute("lang", "en")
    tab_to(page, english)
    page.keyboard.press("Enter")

    page.wait_for_url(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="How the programme works", level=2)).to_be_visible()
    expect(switcher(page).locator("[aria-current=true]")).to_have_text("English")
    expect(switcher(page).get_by_role("button", name="Svenska")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hosts").click()
    expect(page.get_by_role("heading", name="Our host organisations", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_talents_choice_of_swedish_follows_them_to_another_device(
    live_server, browser, assert_accessible, talent, width
):
    base = live_server.url
    laptop = new_page(browser, width, ENGLISH)
    sign_in(laptop, base, talent.email)
    laptop.goto(base + "/talent/")
    expect(laptop.get_by_role("heading", name="Welcome, Amara", level=1)).to_be_visible()

    switcher(laptop).get_by_role("button", name="Svenska").click()
    laptop.wait_for_url(base + "/talent/")
    expect(laptop.locator("html")).to_have_attribute("lang", "sv")
    expect(laptop.get_by_role("heading", name="Välkommen, Amara", level=1)).to_be_visible()
    expect(laptop.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt program")).to_be_visible()
    check(laptop, assert_accessible)
    talent.refresh_from_db()
    assert talent.language == "sv"

    # Another device, whose browser says English: once signed in, the account's Swedish wins.
    phone = new_page(browser, width, ENGLISH)
    sign_in(phone, base, talent.email)
    phone.goto(base + "/talent/")
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    expect(phone.get_by_role("heading", name="Välkommen, Amara", level=1)).to_be_visible()
    expect(switcher(phone).locator("[aria-current=true]")).to_have_text("Svenska")
    laptop.context.close()
    phone.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_programme_manager_switches_the_admin_to_swedish(live_server, browser, width):
    manager = ManagerFactory(email="karin@ai.se", first_name="Karin")
    base = live_server.url
    page = new_page(browser, width, ENGLISH)
    sign_in(page, base, manager.email)
    page.goto(base + "/admin/")
    expect(page.get_by_role("heading", name="Programme administration", level=1)).to_be_visible()

    user_links = page.locator("#user-tools")
    expect(user_links.locator("[aria-current=true]")).to_have_text("English")
    user_links.get_by_role("button", name="Svenska").click()

    page.wait_for_url(base + "/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Administration av programmet", level=1)).to_be_visible()
    expect(user_links.get_by_role("button", name="Logga ut")).to_be_visible()
    expect(user_links.locator("[aria-current=true]")).to_have_text("Svenska")
    expect(user_links.get_by_role("button", name="English")).to_be_in_viewport()
    manager.refresh_from_db()
    assert manager.language == "sv"
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_with_the_switcher_fits_and_passes_axe_in_swedish(live_server, browser, assert_accessible, width):
    page = new_page(browser, width, SWEDISH)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    assert fits(page), f"the Swedish front page scrolls sideways at {width} px"
    header = page.locator("header.site-header")
    english = switcher(page).get_by_role("button", name="English")
    expect(english).to_be_visible()
    expect(english).to_be_in_viewport()
    # White on the brand colour, like the nav's links.
    assert english.evaluate("element => getComputedStyle(element).color") == "rgb(255, 255, 255)"
    box, row = english.bounding_box(), header.bounding_box()
    assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"]
    assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"]
    if width >= 1280:
        # On a laptop the switcher sits on the nav's line.
        nav = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link").first.bounding_box()
        assert abs((box["y"] + box["height"] / 2) - (nav["y"] + nav["height"] / 2)) < 4
    tab_to(page, english)
    check(page, assert_accessible)
    page.context.close()
