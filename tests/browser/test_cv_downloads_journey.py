"""A talent reads who opened their CV, in a real browser at 1280 px and at 390 px: a host member and
the programme team downloaded it (through the real views), the talent goes from their overview to
their application page and sees both, newest first, with the host member's name and organisation."""

import pytest
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from playwright.sync_api import expect

from talents.models import CVDownload
from tests.browser.screen import fits
from tests.browser.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_talent_sees_who_opened_their_cv(
    live_server, page, assert_accessible, client, media_root, talent, host_member, manager, talent_placement, width
):  # media_root first: the placement's application writes its CV there
    application = talent.talent_profile.applications.get(cohort=talent_placement.cohort)
    # The host member opens the CV from "Our talents", then a manager from the admin's link.
    client.force_login(host_member)
    assert client.get(reverse("rotations_host:cv", args=[talent_placement.uuid])).status_code == 200
    client.force_login(manager)
    assert client.get(reverse("talents:application_cv", args=[application.uuid])).status_code == 200
    host_download, programme_download = CVDownload.objects.order_by("at", "pk")

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, talent.email)
    page.goto(live_server.url + "/talent/")
    expect(page.get_by_role("heading", name="Welcome, Amara", level=1)).to_be_visible()
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("link", name="See your application").click()
    expect(page.get_by_role("heading", name="Your application", level=1)).to_be_visible()
    section = page.get_by_role("region", name="Who opened your CV")
    expect(section).to_be_visible()
    downloads = section.get_by_role("list", name="Downloads of your CV, newest first").get_by_role("listitem")
    expect(downloads).to_have_count(2)
    for item, download, who in [
        (downloads.nth(0), programme_download, "The programme team"),
        (downloads.nth(1), host_download, "Elin Berg, Västkust University Hospital"),
    ]:
        expect(item.locator(".timeline-status")).to_have_text(who)
        when = item.locator("time")
        expect(when).to_have_text(formats.date_format(timezone.localtime(download.at), "DATETIME_FORMAT"))
        expect(when).to_have_attribute("datetime", dateformat.format(timezone.localtime(download.at), "c"))
        expect(item).to_contain_text(talent_placement.cohort.name)
    expect(section).not_to_contain_text("Karin")  # managers are the programme team, not names
    assert_accessible(page)
    assert fits(page)
