"""The rotation board and the run page of a 100-talent cohort fit a 1280 px window: every period column in
view without scrolling sideways, the talent column kept in view when a narrower window scrolls the board,
buttons in the admin's styles, host names (never slugs) and numbers in words. The manager starts from
/admin/, runs matching from the rotation board, reads the run page, applies the plan and sees the board."""

import pytest
from playwright.sync_api import expect

from rotations.models import MatchingRun
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import ManagerFactory
from tests.rotations.sized import seed_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("celery")]

SCROLLS = "el => el.scrollWidth > el.clientWidth"


def in_view_sideways(locator, width):
    """The element lies within the window's width, as the page stands (no scrolling)."""
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def assert_every_period_in_view(page):
    """'Period 3' and a period-3 cell are on screen sideways; neither the page nor the board scrolls."""
    board = page.locator("table.board")
    header = board.get_by_role("columnheader").filter(has_text="Period 3")
    cell = board.locator("tbody tr").first.locator("td").nth(2)
    expect(header).to_have_count(1)
    assert in_view_sideways(header, 1280), header.bounding_box()
    assert in_view_sideways(cell, 1280), cell.bounding_box()
    assert not page.locator(".board-wrap").evaluate(SCROLLS)
    assert fits(page), "the page scrolls sideways"


def assert_buttons_in_admin_style(page):
    expect(page.locator("#content button:not(.button)")).to_have_count(0)


def test_the_board_and_run_page_of_100_talents_fit_1280_px(
    live_server, page, assert_accessible, celery_worker, matching_cohort
):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se")
    seed_cohort(matching_cohort, 100, ranked=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # From the admin index to the rotation board, and matching started there.
    sign_in(page, base, manager.email)
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Rotation board", exact=True).first.click()
    page.get_by_role("link", name=f"Run matching for {matching_cohort.name}").click()
    # The board before matching, a choice of projects in every cell: every period in view. On a phone it
    # scrolls in its own box (the cells' hidden labels too), the page does not.
    assert_every_period_in_view(page)
    assert_buttons_in_admin_style(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert fits(page), "the board widens the page on a phone"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("region", name="Ready to match").get_by_role("button", name="Run matching").click()
    expect(page.get_by_text("How the plan serves the talents, per period")).to_be_visible(timeout=60_000)

    # The run page: every period in view, host names and numbers in words.
    assert_every_period_in_view(page)
    assert_buttons_in_admin_style(page)
    assert_accessible(page)
    text = page.locator("#content").inner_text()
    assert "Kvarnby Automotive Software: " in text
    assert "kvarnby-automotive-software" not in page.content()
    assert "seats left" in text or "seat left" in text
    assert "proven optimal" in text or "of the best possible" in text
    assert "optimality gap" not in text and "objective" not in text
    assert MatchingRun.objects.get().plan
    # On a phone the metrics table stacks: one card per period, each number named by its column.
    page.set_viewport_size({"width": 390, "height": 844})
    metrics = page.locator("table.board-metrics")
    assert metrics.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "block"
    assert in_view_sideways(metrics, 390), metrics.bounding_box()
    assert fits(page), "the plan widens the page on a phone"
    page.set_viewport_size({"width": 1280, "height": 800})

    # Applied, the board shows the proposed placements: still every period in view.
    page.get_by_role("button", name="Apply: propose these placements on the board").click()
    expect(page.get_by_text("The plan is applied")).to_be_visible()
    expect(page.locator("table.board tbody tr").first.get_by_text("Proposed")).to_have_count(3)
    assert_every_period_in_view(page)
    assert_buttons_in_admin_style(page)
    expect(page.get_by_role("button", name="Confirm", exact=True).first).to_have_class("button")
    assert_accessible(page)

    # In a narrower window the board scrolls in its own box and the talent column stays in view (the admin
    # draws no sidebar, so below the width the board needs: 700 px).
    page.set_viewport_size({"width": 700, "height": 800})
    wrap = page.locator(".board-wrap")
    assert wrap.evaluate(SCROLLS), "at 700 px the board is expected to scroll sideways"
    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert wrap.evaluate("el => el.scrollLeft") > 0
    talent = page.locator("table.board tbody th.board-talent").first
    wrap_box, talent_box = wrap.bounding_box(), talent.bounding_box()
    assert abs(talent_box["x"] - wrap_box["x"]) <= 2, (talent_box, wrap_box)
    expect(talent).to_be_visible()
    period_3 = page.locator("table.board").get_by_role("columnheader").filter(has_text="Period 3")
    assert in_view_sideways(period_3, 700)
