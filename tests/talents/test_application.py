from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from talents.choices import ApplicationStatus
from talents.models import Application
from tests.factories import ApplicationFactory, CohortFactory, TalentProfileFactory, pdf_bytes

ANSWERS = {
    "motivation": "I want to build AI that helps hospitals triage faster.",
    "why_sweden": "Open data, strong public sector, and fika.",
    "availability": "full",
    "consent": "on",
}


def cv_file(content=None, name="cv.pdf"):
    return SimpleUploadedFile(name, content if content is not None else pdf_bytes("Amara Okafor"), "application/pdf")


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def post(client, action, **data):
    return client.post(reverse("talents:application"), {"action": action, **data})


def test_saving_a_draft_keeps_partial_answers(talent_client, talent, call_cohort):
    response = post(talent_client, "save", motivation="Half a thought")
    assert response.status_code == 302
    application = Application.objects.get(talent__user=talent)
    assert application.status == ApplicationStatus.DRAFT
    assert application.motivation == "Half a thought"
    assert application.cohort == call_cohort
    assert not OutboundEmail.objects.exists()


def test_submitting_a_complete_application_with_a_cv_queues_the_confirmation(talent_client, talent, call_cohort):
    response = post(talent_client, "submit", cv=cv_file(), **ANSWERS)
    assert response.status_code == 302
    application = Application.objects.get(talent__user=talent)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert application.cv.name.startswith("cvs/") and "cv" not in application.cv.name.removeprefix("cvs/")
    email = OutboundEmail.objects.get(template="talents/application_received")
    assert email.to == "talent@example.org"
    assert "Cohort 2027" in email.subject
    assert email.key == f"application-received:{application.uuid}:{application.events.get(status='submitted').pk}"

    page = talent_client.get(reverse("talents:application"))
    assert "Submitted" in page.text
    assert "Save draft" not in page.text  # read-only now


def test_a_text_file_renamed_pdf_is_refused_and_nothing_saved(talent_client, talent, call_cohort):
    fake = cv_file(b"Just some text pretending to be a PDF\n" * 20, name="cv.pdf")
    response = post(talent_client, "save", cv=fake, motivation="Saved?")
    assert response.status_code == 200
    assert "This file is not a PDF" in response.text
    assert 'id="id_cv_error"' in response.text
    assert not Application.objects.exists()


def test_a_file_with_pdf_magic_but_broken_inside_is_refused(talent_client, call_cohort):
    response = post(talent_client, "save", cv=cv_file(b"%PDF-1.4\nnot really\n%%EOF\n"))
    assert "We could not read this PDF" in response.text
    assert not Application.objects.exists()


def test_a_six_megabyte_pdf_is_refused(talent_client, call_cohort):
    big = pdf_bytes("Long CV") + b"%" + b"x" * (6 * 1024 * 1024)
    response = post(talent_client, "save", cv=cv_file(big))
    assert response.status_code == 200
    assert "the largest we accept is 5" in response.text
    assert not Application.objects.exists()


def test_submitting_with_an_empty_motivation_is_refused_next_to_the_field(talent_client, talent, call_cohort):
    post(talent_client, "save", motivation="", why_sweden="Draft answer")
    response = post(talent_client, "submit", cv=cv_file(), **{**ANSWERS, "motivation": ""})
    assert response.status_code == 200
    assert 'id="id_motivation_error"' in response.text
    assert "Tell us why you want to join" in response.text
    application = Application.objects.get(talent__user=talent)
    assert application.status == ApplicationStatus.DRAFT
    assert application.why_sweden == "Draft answer"  # the refused submit saved nothing
    assert not application.cv
    assert not OutboundEmail.objects.exists()


def test_submitting_without_a_cv_is_refused(talent_client, call_cohort):
    response = post(talent_client, "submit", **ANSWERS)
    assert 'id="id_cv_error"' in response.text
    assert not Application.objects.exists()


def test_submitting_after_the_deadline_is_refused_with_a_clear_message(talent_client, talent, call_cohort):
    post(talent_client, "save", motivation="Almost")
    call_cohort.application_deadline = timezone.now() - timedelta(minutes=1)
    call_cohort.applications_open_at = timezone.now() - timedelta(days=40)
    call_cohort.save()
    response = post(talent_client, "submit", cv=cv_file(), **ANSWERS)
    assert response.status_code == 200
    assert "can no longer be submitted" in response.text
    application = Application.objects.get(talent__user=talent)
    assert application.status == ApplicationStatus.DRAFT
    assert application.motivation == "Almost"
    assert not OutboundEmail.objects.exists()


def test_an_incomplete_profile_cannot_submit(client, call_cohort):
    profile = TalentProfileFactory(nationality="")
    client.force_login(profile.user)
    response = post(client, "submit", cv=cv_file(), **ANSWERS)
    assert "complete your profile" in response.text
    assert not Application.objects.exists()


def test_a_submitted_application_cannot_be_changed(talent_client, talent_application):
    response = post(talent_client, "save", motivation="Changed my mind")
    assert response.status_code == 302
    talent_application.refresh_from_db()
    assert talent_application.motivation != "Changed my mind"


def test_a_talent_withdraws_and_is_emailed(talent_client, talent_application):
    response = talent_client.post(reverse("talents:application_withdraw", args=[talent_application.uuid]))
    assert response.status_code == 302
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.WITHDRAWN
    assert OutboundEmail.objects.filter(template="talents/application_withdrawn", to="talent@example.org").exists()


def test_the_status_page_shows_the_stage_and_its_dates(talent_client, talent, call_cohort):
    post(talent_client, "submit", cv=cv_file(), **ANSWERS)
    page = talent_client.get(reverse("talents:application"))
    application = Application.objects.get(talent__user=talent)
    assert [event.status for event in application.events.all()] == ["draft", "submitted"]
    assert formats.date_format(timezone.localtime()) in page.text
    assert "Stages and dates" in page.text


def test_the_owner_downloads_the_cv_as_an_attachment_with_a_safe_name(talent_client, talent_application):
    response = talent_client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv-amara-okafor-cohort-2027.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_talents_cv_is_not_found(client, other_talent, talent_application):
    client.force_login(other_talent)
    response = client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 404


def test_a_manager_downloads_any_cv(client, manager, talent_application):
    client.force_login(manager)
    response = client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 200


def test_another_talents_withdraw_url_is_not_found_and_changes_nothing(client, other_talent, talent_application):
    client.force_login(other_talent)
    response = client.post(reverse("talents:application_withdraw", args=[talent_application.uuid]))
    assert response.status_code == 404
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED


def test_the_status_page_lists_the_stages_oldest_first_with_their_moments(talent_client, talent, call_cohort):
    post(talent_client, "submit", cv=cv_file(), **ANSWERS)
    page = talent_client.get(reverse("talents:application")).text
    timeline = page[page.index('aria-label="Stages and dates"') : page.index("</ol>", page.index("Stages and dates"))]
    events = Application.objects.get(talent__user=talent).events.all()
    for event in events:
        moment = timezone.localtime(event.at)
        written = formats.date_format(moment, "DATETIME_FORMAT")
        assert f'<time datetime="{moment.isoformat()}">{written}</time>' in timeline
    assert timeline.index(">Draft<") < timeline.index(">Submitted<")


def status_part(html):
    """The application's cohort, stage, stages and next step, as talents/includes/application_status.html
    draws them, without the indentation the including page adds."""
    part = html[html.index('<dl class="facts">') : html.index("</p>", html.index("</ol>")) + 4]
    return [line.strip() for line in part.splitlines() if line.strip()]


@pytest.mark.parametrize("status", [ApplicationStatus.INTERVIEW, ApplicationStatus.ACCEPTED])
def test_the_status_page_and_the_overview_draw_the_stages_alike(talent_client, talent, call_cohort, status):
    post(talent_client, "submit", cv=cv_file(), **ANSWERS)
    application = Application.objects.get(talent__user=talent)
    Application.objects.filter(pk=application.pk).update(status=status)
    application.events.create(status=status)

    page = status_part(talent_client.get(reverse("talents:application")).text)
    overview = status_part(talent_client.get(reverse("portal:talent_dashboard")).text)

    assert page[0] == '<dl class="facts">'
    assert sum(">Interview<" in line or ">Accepted<" in line for line in page) == 2  # the badge and the stage
    assert [line for line in page if "timeline-status" in line] == [
        line for line in overview if "timeline-status" in line
    ]
    assert page[:-1] == overview[:-1]  # the last line: an accepted talent's welcome links to the overview


@pytest.mark.parametrize(("cohort_status", "links"), [(CohortStatus.MATCHING, True), (CohortStatus.RUNNING, False)])
def test_the_subnavigation_links_to_ranking_while_the_talents_cohort_is_matched(
    talent_client, talent, cohort_status, links
):
    cohort = CohortFactory(name="Cohort matched", slug="cohort-matched", status=cohort_status)
    ApplicationFactory(talent=talent.talent_profile, cohort=cohort, status=ApplicationStatus.ACCEPTED)
    page = talent_client.get(reverse("talents:application")).text
    assert ("Rank projects" in page) is links
    assert "Welcome to Eye for AI!" in page


def test_without_an_open_call_the_page_says_so(talent_client):
    CohortFactory(
        name="Cohort closed",
        applications_open_at=timezone.now() - timedelta(days=60),
        application_deadline=timezone.now() - timedelta(days=1),
    )
    response = talent_client.get(reverse("talents:application"))
    assert "No call for applications is open" in response.text


def test_replacing_the_cv_of_a_draft_removes_the_old_file(
    talent_client, talent, call_cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(talent_client, "save", cv=cv_file())
    first = Application.objects.get(talent__user=talent).cv
    first_path = first.path
    with django_capture_on_commit_callbacks(execute=True):
        post(talent_client, "save", cv=cv_file(pdf_bytes("Second version")))
    second = Application.objects.get(talent__user=talent).cv
    assert second.name != first.name
    assert not first.storage.exists(first.name)
    assert second.storage.exists(second.name)
    assert first_path


def test_applications_are_one_per_talent_and_cohort(talent_application):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(talent=talent_application.talent, cohort=talent_application.cohort)
