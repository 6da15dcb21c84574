"""What every browser journey checks on each page it reaches: axe finds nothing, and nothing is wider
than the window (at 390 px that is a phone)."""


def fits(page):
    """The page is not wider than the window: nothing to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def check(page, assert_accessible):
    """axe-core finds no violation and the page fits the window."""
    assert_accessible(page)
    assert fits(page), f"{page.url} is wider than the window"
