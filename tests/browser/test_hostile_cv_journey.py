"""A hostile CV in a real browser, at 1280 px and at 390 px: a talent with a draft uploads a small PDF
whose page tree loops back on itself (tests/hostile_pdfs.py), submits, and reads why it was refused
next to the CV field, tied to it by aria-describedby, with everything else they typed still there."""

import pytest
from playwright.sync_api import expect

from talents.choices import ApplicationStatus
from talents.models import Application
from tests import hostile_pdfs
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import ApplicationFactory, CohortFactory, TalentProfileFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_hostile_cv_is_refused_next_to_the_field_and_the_answers_stay(
    live_server, page, assert_accessible, settings, tmp_path, width
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CV_CHECK_TIMEOUT_SECONDS = 60  # the check's verdict decides here, not how busy the machine is
    user = UserFactory(email="amara@example.org", first_name="Amara", last_name="Okafor")
    draft = ApplicationFactory(
        talent=TalentProfileFactory(user=user),
        cohort=CohortFactory(name="Cohort 2027", slug="cohort-2027"),
        status=ApplicationStatus.DRAFT,
        submitted_at=None,
        cv=None,
        motivation="To build AI that helps hospitals.",
        why_sweden="",
        availability="",
        consent=False,
    )
    saved_at = draft.updated_at
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(hostile_pdfs.cyclic_page_tree())
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "amara@example.org")

    page.goto(live_server.url + "/talent/")
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("link", name="Continue your application").click()
    expect(page.get_by_role("heading", name="Your application", level=1)).to_be_visible()
    expect(page.get_by_label("Why do you want to join Eye for AI?")).to_have_value("To build AI that helps hospitals.")
    assert_accessible(page)
    assert fits(page)

    page.get_by_label("Why do you want to join Eye for AI?").fill("To build AI that helps Swedish hospitals.")
    page.get_by_label("Why Sweden?").fill("Open data and a strong public sector.")
    page.get_by_label("I can take part from the cohort's start to its end").check()
    page.get_by_label("Anything we should know about your availability").fill("I finish my thesis in June.")
    page.get_by_label("I agree that AI Sweden processes my data").check()
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    page.get_by_role("button", name="Submit application").click()

    # Refused: the reason sits in the CV field's block, between its label and the file input, and the
    # input points to it.
    expect(page.get_by_role("alert")).to_have_text("Please correct the errors below.")
    field = page.get_by_label("CV (PDF)")
    error = page.locator("#id_cv_error")
    expect(error).to_have_text(
        "We could not read this PDF. Please export it again from your editor and upload the new file."
    )
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "id_cv_error" in field.get_attribute("aria-describedby").split()
    block = page.locator(".field-error")
    expect(block).to_have_count(1)  # the one field marked is the CV's
    expect(block.locator("#id_cv_error")).to_have_count(1)
    expect(block.locator("#id_cv")).to_have_count(1)
    label_box, error_box, field_box = (
        block.locator("label").bounding_box(),
        error.bounding_box(),
        field.bounding_box(),
    )
    assert label_box["y"] < error_box["y"] < field_box["y"] < error_box["y"] + error_box["height"] + 80

    # Everything else they typed is still in the form; nothing was saved or submitted.
    expect(page.get_by_label("Why do you want to join Eye for AI?")).to_have_value(
        "To build AI that helps Swedish hospitals."
    )
    expect(page.get_by_label("Why Sweden?")).to_have_value("Open data and a strong public sector.")
    expect(page.get_by_label("I can take part from the cohort's start to its end")).to_be_checked()
    expect(page.get_by_label("Anything we should know about your availability")).to_have_value(
        "I finish my thesis in June."
    )
    expect(page.get_by_label("I agree that AI Sweden processes my data")).to_be_checked()
    assert_accessible(page)
    assert fits(page)
    draft = Application.objects.get(pk=draft.pk)
    assert (draft.status, draft.motivation, bool(draft.cv), draft.updated_at) == (
        ApplicationStatus.DRAFT,
        "To build AI that helps hospitals.",
        False,
        saved_at,
    )
