"""A talent on "Your data" in a real browser, by keyboard, at 1280 px and at 390 px: downloads the
zip, asks for the account to be deleted."""

import zipfile

import pytest
from playwright.sync_api import expect

from eyeforai.accounts.choices import ErasureStatus
from eyeforai.accounts.models import ErasureRequest
from tests.browser.signin import sign_in
from tests.factories import ApplicationFactory, CohortFactory, TalentProfileFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_talent_downloads_their_data_and_asks_to_be_deleted_by_keyboard(
    live_server, page, assert_accessible, settings, tmp_path, width
):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = UserFactory(email="amara@example.org", first_name="Amara", last_name="Okafor")
    ApplicationFactory(talent=TalentProfileFactory(user=user), cohort=CohortFactory(name="Cohort 2027"))
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "amara@example.org")

    page.goto(live_server.url + "/talent/")
    page.get_by_role("link", name="Your data").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (zip)").focus()
        page.keyboard.press("Enter")
    archive = zipfile.ZipFile(download.value.path())
    assert set(archive.namelist()) == {"data.json", "cv/cohort-2027.pdf"}

    page.get_by_label("I understand").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Ask to delete my account").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("We have your request.")).to_be_visible()
    assert ErasureRequest.objects.get(user=user).status == ErasureStatus.REQUESTED
    assert_accessible(page)
