"""A host member reads a talent before ranking, in a real browser at 1280 px and at 390 px: from their
overview to the rankings page, then the talent's page with profile, motivation and CV; the CV download
is what the talent's "who opened my CV" list shows."""

import pytest
from playwright.sync_api import expect

from talents.choices import CVReader
from talents.models import CVDownload
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import SkillFactory, UserFactory
from tests.rotations.fixtures import accept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_host_member_reads_a_talent_before_ranking(
    live_server, page, assert_accessible, media_root, host_member, matching_cohort, matching_projects, width
):  # media_root first: the application writes its CV there
    profile = accept(UserFactory(email="priya@example.org", first_name="Priya", last_name="Raman"), matching_cohort)
    profile.linkedin_url = "https://www.linkedin.com/in/priya-raman-example"
    profile.save()
    profile.skills.add(SkillFactory(name="Medical imaging", slug="medical-imaging"))
    profile.applications.update(motivation="I want to make radiology faster.", why_sweden="The open data culture.")
    project = matching_projects[0]

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, host_member.email)
    page.goto(live_server.url + "/host/")
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("link", name=f"Rank talents for “{project.title}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rank talents for “{project.title}”")
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("link", name="Priya Raman").click()
    expect(page.get_by_role("heading", name="Priya Raman", level=1)).to_be_visible()
    profile_section = page.get_by_role("region", name="Profile")
    expect(profile_section).to_contain_text("University of Lagos")
    expect(profile_section).to_contain_text("Medical imaging")
    expect(profile_section.get_by_role("link", name="LinkedIn profile")).to_be_visible()
    expect(page.get_by_role("region", name="Motivation")).to_contain_text("I want to make radiology faster.")
    cv_link = page.get_by_role("link", name="CV of Priya Raman (PDF)")
    expect(cv_link).to_be_visible()
    assert_accessible(page)
    assert fits(page)

    with page.expect_download() as download:
        cv_link.click()
    assert download.value.suggested_filename == f"cv-priya-raman-{matching_cohort.slug}.pdf"
    recorded = CVDownload.objects.get()
    assert (recorded.by, recorded.reader) == (host_member, CVReader.HOST)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_host_member_opens_a_placed_talent_from_their_talents(
    live_server, page, assert_accessible, media_root, host_member, talent_placement, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, host_member.email)
    page.goto(live_server.url + "/host/")
    page.get_by_role("link", name="All your talents, their CVs, feedback and hiring interest").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Talents at")
    assert_accessible(page)
    assert fits(page)

    page.get_by_role("link", name="Amara Okafor", exact=True).click()
    expect(page.get_by_role("heading", name="Amara Okafor", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="With your organisation")).to_contain_text(talent_placement.project.title)
    expect(page.get_by_role("link", name="CV of Amara Okafor (PDF)")).to_be_visible()
    assert_accessible(page)
    assert fits(page)
