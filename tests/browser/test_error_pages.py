"""Every error page in a real browser at 1280 px and at 390 px: the site's layout, no axe-core
violation, nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.screen import fits
from tests.browser.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/no-such-page/", 404, "We could not find that page"),
    ("/hosts/?sector=%00", 400, "We could not read that request"),
    ("/broken/", 500, "Something went wrong on our side"),
    ("/admin/", 403, "The admin is for the programme team"),
]


@pytest.mark.urls("tests.core.urls_with_failing_pages")
@pytest.mark.parametrize("width", [1280, 390])
def test_error_pages_are_accessible_and_fit_a_phone(live_server, page, assert_accessible, host_member, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, host_member.email)
    for path, status, heading in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
        assert fits(page), f"{path} is wider than {width}px"
