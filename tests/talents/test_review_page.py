"""A programme manager reviews an application on one page: profile, answers, the CV framed inline,
a button per allowed stage with a confirmation that previews the email (and a personal note), and
"Next application" through the list as filtered."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.models import Application, CVDownload
from talents.services.applications import NOTE_MAX_LENGTH, move_application
from tests.conftest_helpers import person_loaded_afresh
from tests.factories import ApplicationFactory, CohortFactory, ManagerFactory, SkillFactory, UserFactory

FILTERS = "_changelist_filters"


def change_url(application, filters=""):
    url = reverse("admin:talents_application_change", args=[application.pk])
    return f"{url}?{urlencode({FILTERS: filters})}" if filters else url


def stage_url(application, status):
    return reverse("admin:talents_application_stage", args=[application.pk, status])


def cv_url(application):
    return reverse("admin:talents_application_cv_inline", args=[application.pk])


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def staff_without_permissions(db):
    """Staff with a second factor, in no group: the admin lets them in, but nothing of talents."""
    user = ManagerFactory(email="staff@ai.se")
    user.groups.clear()
    return user


# --- The page ------------------------------------------------------------------------------------


def test_the_page_shows_the_profile_answers_cv_frame_and_one_button_per_allowed_stage(
    manager_client, talent_application
):
    talent = talent_application.talent
    talent.linkedin_url = "https://www.linkedin.com/in/amara-okafor"
    talent.save()
    talent.skills.add(SkillFactory(name="Medical imaging"), SkillFactory(name="MLOps"))

    page = manager_client.get(change_url(talent_application))

    assert page.status_code == 200
    text = page.text
    for shown in [
        "Amara Okafor",
        "Master&#x27;s degree, Computer science",
        "University of Lagos (2024)",
        "MLOps, Medical imaging",  # by name
        "https://www.linkedin.com/in/amara-okafor",
        "Applied machine learning for health.",
        "I want to build AI that helps hospitals.",
        "Open data and a strong public sector.",
        "Download CV",
    ]:
        assert shown in text, shown
    assert f'<iframe class="review-cv-frame" src="{cv_url(talent_application)}"' in text
    assert [stage["status"] for stage in page.context["stages"]] == [
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
    ]
    for label in ["Move to under review", "Invite to interview", "Accept", "Reject"]:
        assert f">{label}</a>" in text
    assert "frame-src 'self'" in page["Content-Security-Policy"]
    # Score and notes stay editable in the same page.
    assert 'name="manager_score"' in text
    assert 'name="manager_notes"' in text


def test_a_decided_application_offers_no_stage_button(manager_client, talent_application):
    move_application(talent_application, to=ApplicationStatus.ACCEPTED, by=None)
    page = manager_client.get(change_url(talent_application))
    assert page.context["stages"] == []
    assert "Invite to interview" not in page.text
    assert "No stage change is open from here." in page.text


def test_under_review_offers_interview_accept_and_reject_only(manager_client, talent_application):
    move_application(talent_application, to=ApplicationStatus.UNDER_REVIEW, by=None)
    page = manager_client.get(change_url(talent_application))
    assert [stage["status"] for stage in page.context["stages"]] == [
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
    ]


# --- The CV, inline ------------------------------------------------------------------------------


def test_the_cv_is_served_inline_and_may_be_framed_by_the_portal_only(manager_client, manager, talent_application):
    response = manager_client.get(cv_url(talent_application))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert 'filename="cv-amara-okafor-cohort-2027.pdf"' in response["Content-Disposition"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "'none'" not in response["Content-Security-Policy"].split("frame-ancestors")[1].split(";")[0]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # The talent's "who opened my CV" list counts it, as the programme team.
    (download,) = CVDownload.objects.all()
    assert (download.application, download.by, download.reader) == (talent_application, manager, "programme")


def test_the_talent_sees_one_inline_view_per_manager_per_day_and_every_download(
    client, manager_client, manager, talent_application
):
    """The page frames the CV on every visit; the talent's "who opened my CV" list is not a page-view log."""
    with time_machine.travel(timezone.now().replace(hour=9), tick=False):
        for _ in range(3):
            assert manager_client.get(change_url(talent_application)).status_code == 200
            assert manager_client.get(cv_url(talent_application)).status_code == 200
        assert CVDownload.objects.count() == 1
        # A deliberate download (the page's "Download CV" link) is always listed.
        download = manager_client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
        assert download["Content-Disposition"].startswith("attachment;")
        assert CVDownload.objects.count() == 2
        # A colleague's view is their own.
        colleague = ManagerFactory(email="johan@ai.se")
        client.force_login(colleague)
        client.get(cv_url(talent_application))
        client.get(cv_url(talent_application))
        assert list(CVDownload.objects.filter(by=colleague).values_list("reader", flat=True)) == ["programme"]
    with time_machine.travel(timezone.now().replace(hour=9) + timedelta(days=1), tick=False):
        manager_client.force_login(manager)  # a new day's session (the second factor is recent)
        assert manager_client.get(cv_url(talent_application)).status_code == 200
    assert CVDownload.objects.filter(by=manager).count() == 3


def test_other_pages_still_refuse_to_be_framed(manager_client, talent_application):
    page = manager_client.get(change_url(talent_application))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_an_application_without_a_cv_shows_no_frame_and_its_cv_is_404(manager_client, call_cohort):
    application = ApplicationFactory(cohort=call_cohort, cv=None)
    page = manager_client.get(change_url(application))
    assert "<iframe" not in page.text
    assert "No CV uploaded." in page.text
    assert manager_client.get(cv_url(application)).status_code == 404


@pytest.mark.parametrize("role", ["talent", "other_talent", "host_member"])
def test_people_who_are_not_staff_get_neither_the_page_nor_the_cv(client_for, role, talent_application):
    client = client_for(role)
    for url in [change_url(talent_application), cv_url(talent_application), stage_url(talent_application, "interview")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    assert not CVDownload.objects.exists()


def test_staff_without_the_permissions_get_403_for_the_page_and_404_for_the_cv(
    client, staff_without_permissions, talent_application
):
    client.force_login(staff_without_permissions)
    assert client.get(change_url(talent_application)).status_code == 403
    assert client.get(cv_url(talent_application)).status_code == 404
    assert client.get(stage_url(talent_application, "interview")).status_code == 403
    response = client.post(stage_url(talent_application, "interview"), {"seen": "submitted", "_confirm": "1"})
    assert response.status_code == 403
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED
    assert not CVDownload.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_staff_with_model_permissions_only_see_the_page_but_no_stage_button(client, talent_application):
    user = ManagerFactory(email="viewer@ai.se")
    user.groups.clear()
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_application", "change_application"]))
    client.force_login(user)
    page = client.get(change_url(talent_application))
    assert page.status_code == 200
    assert page.context["stages"] == []
    assert client.get(stage_url(talent_application, "interview")).status_code == 403
    # CVs are for programme managers only, as their download link (talents/access.py) rules.
    assert "<iframe" not in page.text
    assert "Only programme managers see CVs." in page.text
    assert client.get(cv_url(talent_application)).status_code == 404
    assert not CVDownload.objects.exists()


def test_an_unknown_application_or_stage_is_404(manager_client, talent_application):
    assert manager_client.get(stage_url(talent_application, "draft")).status_code == 404
    assert manager_client.get(stage_url(talent_application, "hired")).status_code == 404
    assert (
        manager_client.get(reverse("admin:talents_application_stage", args=["999999", "interview"])).status_code == 404
    )
    assert manager_client.get(reverse("admin:talents_application_stage", args=["abc", "interview"])).status_code == 404
    assert manager_client.get(reverse("admin:talents_application_cv_inline", args=["999999"])).status_code == 404


# --- Confirming a stage change -------------------------------------------------------------------


def test_the_preview_is_the_email_that_is_sent_with_the_note(manager_client, manager, talent_application):
    note = "Loved your <b>thesis</b> on X-ray triage & AT&T's data.\nSee you soon!"
    url = stage_url(talent_application, "interview")
    page = manager_client.get(url)
    assert page.status_code == 200
    assert page.context_data["recipient"] == "talent@example.org"
    assert "would like to meet you" in page.context_data["body_text"]
    assert "personal note" not in page.context_data["body_text"]

    preview = manager_client.post(url, {"seen": "submitted", "note": note, "_preview": "1"})
    assert preview.status_code == 200
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED  # a preview changes nothing
    assert not OutboundEmail.objects.exists()
    assert "A personal note from the programme team:\n" + note in preview.context_data["body_text"]
    assert "Loved your &lt;b&gt;thesis&lt;/b&gt;" in preview.text  # shown escaped, as typed

    done = manager_client.post(url, {"seen": "submitted", "note": note, "_confirm": "1"})

    assert done.status_code == 302
    assert done["Location"] == change_url(talent_application) + "?moved=interview"
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.INTERVIEW
    email = OutboundEmail.objects.get()
    assert (email.to, email.template) == ("talent@example.org", "talents/application_interview")
    assert email.subject == preview.context_data["subject"]
    assert email.body_text == preview.context_data["body_text"]
    assert "Loved your &lt;b&gt;thesis&lt;/b&gt; on X-ray triage &amp; AT&amp;T&#x27;s data.<br>See you soon!" in (
        email.body_html
    )
    assert "<b>thesis</b>" not in email.body_html
    entry = ActivityEntry.objects.filter(object_id=str(talent_application.pk), action="application.moved").get()
    assert (entry.actor, entry.from_state, entry.to_state, entry.note) == (manager, "submitted", "interview", note)


def test_without_a_note_the_email_has_no_note_paragraph(manager_client, talent_application):
    manager_client.post(stage_url(talent_application, "accepted"), {"seen": "submitted", "note": "", "_confirm": "1"})
    email = OutboundEmail.objects.get(template="talents/application_accepted")
    assert "personal note" not in email.body_text
    assert "personal note" not in email.body_html


def test_a_note_too_long_gets_a_message_next_to_the_field_and_nothing_changes(manager_client, talent_application):
    response = manager_client.post(
        stage_url(talent_application, "rejected"),
        {"seen": "submitted", "note": "x" * (NOTE_MAX_LENGTH + 1), "_confirm": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert 'id="id_note_error"' in response.text
    assert 'aria-invalid="true"' in response.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED
    assert not OutboundEmail.objects.exists()


def test_a_note_of_the_full_length_with_line_breaks_from_a_browser_is_accepted(manager_client, talent_application):
    note = "a" * 499 + "\r\n" + "b" * 500  # a textarea posts CRLF; the email has one line break
    manager_client.post(
        stage_url(talent_application, "interview"), {"seen": "submitted", "note": note, "_confirm": "1"}
    )
    email = OutboundEmail.objects.get()
    assert "a" * 499 + "\n" + "b" * 500 in email.body_text


def test_a_stale_confirmation_is_refused_with_a_message_and_sends_nothing(
    manager_client, talent_application, media_root
):
    colleague = ManagerFactory(email="johan@ai.se")
    url = stage_url(talent_application, "interview")
    assert manager_client.get(url).context["form"]["seen"].value() == "submitted"
    move_application(talent_application, to=ApplicationStatus.UNDER_REVIEW, by=colleague)  # meanwhile

    response = manager_client.post(url, {"seen": "submitted", "note": "Welcome!", "_confirm": "1"})

    assert response.status_code == 200
    assert "Someone moved this application to “Under review” while you were looking at it." in response.text
    assert "no email was sent" in response.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.UNDER_REVIEW
    assert list(OutboundEmail.objects.values_list("template", flat=True)) == ["talents/application_under_review"]
    # The page now stands on the new stage, with the note kept: confirming again acts on it.
    assert response.context["form"]["seen"].value() == ApplicationStatus.UNDER_REVIEW
    assert "Welcome!" in response.text


def test_confirming_twice_moves_once_and_sends_one_email(manager_client, talent_application):
    url = stage_url(talent_application, "interview")
    for _ in range(2):
        manager_client.post(url, {"seen": "submitted", "note": "Hi", "_confirm": "1"})
    assert OutboundEmail.objects.filter(template="talents/application_interview").count() == 1
    assert ActivityEntry.objects.filter(action="application.moved").count() == 1


def test_filters_too_long_to_be_a_list_are_dropped_so_a_move_ends_on_the_page_not_in_a_400(
    manager_client, talent_application
):
    # Carried into the redirect, 32,000 characters of "filters" made it fail after the move was made.
    url = stage_url(talent_application, "interview")
    posted = {"seen": "submitted", "_confirm": "1", "_changelist_filters": "Å" * 32041}
    response = manager_client.post(url, posted)
    assert response.status_code == 302
    assert "_changelist_filters" not in response["Location"]
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.INTERVIEW
    assert OutboundEmail.objects.filter(template="talents/application_interview").count() == 1


def test_a_move_the_pipeline_does_not_allow_is_refused(manager_client, talent_application):
    move_application(talent_application, to=ApplicationStatus.REJECTED, by=None)
    url = stage_url(talent_application, "accepted")
    page = manager_client.get(url)
    assert page.status_code == 200
    assert "cannot be moved to “Accepted”" in page.text
    assert 'name="_confirm"' not in page.text
    response = manager_client.post(url, {"seen": "rejected", "_confirm": "1"})
    assert response.status_code == 200
    assert "cannot be moved" in response.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.REJECTED
    assert not OutboundEmail.objects.filter(template="talents/application_accepted").exists()


def test_tampered_input_gets_no_500(manager_client, talent_application):
    url = stage_url(talent_application, "interview")
    for data in [{"seen": "nonsense", "_confirm": "1"}, {"_confirm": "1"}, {"seen": "submitted", "note": "a\x00b"}]:
        response = manager_client.post(url, data)
        assert response.status_code == 200
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED


# --- Next application ----------------------------------------------------------------------------


@pytest.fixture
def cohort_list(call_cohort, media_root):
    """Three submitted applications to call_cohort, oldest first, and others the filter leaves out."""
    now = timezone.now()
    first, second, third = (
        ApplicationFactory(cohort=call_cohort, created_at=now - timedelta(hours=hours)) for hours in (3, 2, 1)
    )
    ApplicationFactory(cohort=call_cohort, status=ApplicationStatus.ACCEPTED, created_at=now - timedelta(minutes=90))
    ApplicationFactory(cohort=CohortFactory(name="Cohort 2031"), created_at=now - timedelta(minutes=150))
    return first, second, third


def test_next_application_follows_the_filter_and_the_lists_order(manager_client, call_cohort, cohort_list):
    first, second, third = cohort_list
    filters = urlencode({"cohort__id__exact": call_cohort.pk, "status__exact": "submitted"})
    # The list's default order is newest first: third, second, first.
    page = manager_client.get(change_url(third, filters))
    assert (page.context["position"], page.context["total"]) == (1, 3)
    assert page.context["previous_url"] is None
    assert page.context["next_url"] == change_url(second, filters)
    page = manager_client.get(change_url(second, filters))
    assert page.context["previous_url"] == change_url(third, filters)
    assert page.context["next_url"] == change_url(first, filters)
    page = manager_client.get(change_url(first, filters))
    assert (page.context["position"], page.context["next_url"]) == (3, None)
    assert "This is the last one in this list." in page.text

    # Sorted by talent instead (the list's own ?o=), the order follows.
    by_name = sorted(cohort_list, key=lambda application: application.talent.user.last_name)
    sorted_filters = filters + "&o=1"
    page = manager_client.get(change_url(by_name[0], sorted_filters))
    assert page.context["next_url"] == change_url(by_name[1], sorted_filters)


def test_after_a_stage_change_next_application_goes_on_from_where_the_manager_was(
    manager_client, call_cohort, cohort_list
):
    _first, second, third = cohort_list
    filters = urlencode({"cohort__id__exact": call_cohort.pk, "status__exact": "submitted"})
    response = manager_client.post(
        stage_url(third, "interview"), {"seen": "submitted", "note": "", "_confirm": "1", FILTERS: filters}
    )
    assert response["Location"] == change_url(third, filters) + "&moved=interview"

    page = manager_client.get(response["Location"])

    # No longer "submitted", so out of the list; the next one is still the one after it.
    assert page.context["position"] is None
    assert page.context["total"] == 2
    assert page.context["next_url"] == change_url(second, filters)
    assert "The talent is emailed. Go on with the next application in this list:" in page.text


def test_a_manager_reviews_ten_applications_by_following_next_with_a_note_in_each_email(
    manager_client, call_cohort, media_root
):
    """The issue's check, without a browser: ten from one filtered list, each with its own note."""
    now = timezone.now()
    applications = [
        ApplicationFactory(cohort=call_cohort, created_at=now - timedelta(minutes=minutes)) for minutes in range(1, 13)
    ]
    ApplicationFactory(cohort=call_cohort, status=ApplicationStatus.ACCEPTED, created_at=now)
    filters = urlencode({"cohort__id__exact": call_cohort.pk, "status__exact": "submitted"})
    url = change_url(applications[0], filters)  # newest first: the top of the list

    for number, application in enumerate(applications[:10], start=1):
        page = manager_client.get(url)
        assert page.context["application"] == application
        assert (page.context["position"], page.context["total"]) == (1, 13 - number)
        to = "rejected" if number % 3 == 0 else "interview"
        note = f"Note {number} for {application.talent.name} <em>only</em>"
        response = manager_client.post(
            page.context["stages"][[stage["status"] for stage in page.context["stages"]].index(to)]["url"],
            {"seen": "submitted", "note": note, "_confirm": "1", FILTERS: filters},
        )
        moved = manager_client.get(response["Location"])
        assert moved.context["position"] is None  # out of the "submitted" list
        url = moved.context["next_url"]
        assert url == change_url(applications[number], filters)

    for number, application in enumerate(applications[:10], start=1):
        application.refresh_from_db()
        to = "rejected" if number % 3 == 0 else "interview"
        assert application.status == to
        email = OutboundEmail.objects.get(to=application.talent.user.email)
        assert email.template == f"talents/application_{to}"
        assert f"Note {number} for {application.talent.name} <em>only</em>" in email.body_text
        assert "&lt;em&gt;only&lt;/em&gt;" in email.body_html
    page = manager_client.get(url)
    assert (page.context["position"], page.context["total"], page.context["previous_url"]) == (1, 2, None)
    assert OutboundEmail.objects.count() == 10


def test_previous_and_next_walk_a_list_of_twelve_both_ways(manager_client, call_cohort, media_root):
    now = timezone.now()
    applications = [
        ApplicationFactory(cohort=call_cohort, created_at=now - timedelta(minutes=minutes)) for minutes in range(1, 13)
    ]
    ApplicationFactory(cohort=CohortFactory(name="Cohort 2031"), created_at=now - timedelta(seconds=90))
    filters = urlencode({"cohort__id__exact": call_cohort.pk})
    url, seen = change_url(applications[0], filters), []
    while url:
        page = manager_client.get(url)
        seen.append(page.context["application"])
        assert (page.context["position"], page.context["total"]) == (len(seen), 12)
        url = page.context["next_url"]
    assert seen == applications
    url, back = change_url(applications[-1], filters), []
    while url:
        page = manager_client.get(url)
        back.append(page.context["application"])
        url = page.context["previous_url"]
    assert back == applications[::-1]


def _review_form(page, **fields):
    """What the page's form posts: score, notes and the read-only inlines' management forms."""
    data = {"manager_score": "", "manager_notes": "", **fields}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    return data


def test_save_and_next_application_keeps_the_score_and_notes_and_goes_on(manager_client, call_cohort, cohort_list):
    first, second, third = cohort_list
    filters = urlencode({"cohort__id__exact": call_cohort.pk, "status__exact": "submitted"})
    page = manager_client.get(change_url(second, filters))
    assert 'name="_savenext"' in page.text

    response = manager_client.post(
        change_url(second, filters), _review_form(page, manager_score="4", manager_notes="Strong thesis", _savenext="1")
    )

    assert response.status_code == 302
    assert response["Location"] == change_url(first, filters)
    second.refresh_from_db()
    assert (second.manager_score, second.manager_notes) == (4, "Strong thesis")
    # The last one in the list has no next: the button is not offered, and "Save" goes to the list as ever.
    page = manager_client.get(change_url(first, filters))
    assert 'name="_savenext"' not in page.text
    response = manager_client.post(change_url(first, filters), _review_form(page, manager_score="2", _save="1"))
    assert response["Location"].startswith(reverse("admin:talents_application_changelist"))
    # A score out of range: the form says so, nothing is saved, no 500.
    page = manager_client.get(change_url(third, filters))
    response = manager_client.post(change_url(third, filters), _review_form(page, manager_score="9", _savenext="1"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["manager_score"]
    third.refresh_from_db()
    assert third.manager_score is None


@pytest.mark.parametrize(
    "filters", ["cohort__id__exact=abc&nope=1", "status__exact=%00", "q=a%00b", "talent__skills__id__exact=x"]
)
def test_a_broken_filter_leaves_the_page_working_without_next(manager_client, talent_application, filters):
    page = manager_client.get(change_url(talent_application, filters))
    assert page.status_code == 200
    assert page.context["next_url"] is None


# --- Queries -------------------------------------------------------------------------------------


# Session, user, groups' permissions, the application (with talent, user, cohort), its skills, the
# list's cohort, skill and nationality filters, the neighbours' ids, the manager group (the CV's rule),
# the two read-only inlines.
REVIEW_PAGE_QUERIES = 12


def test_the_page_issues_a_fixed_number_of_queries(
    manager_client, manager, call_cohort, media_root, django_assert_num_queries
):
    filters = urlencode({"cohort__id__exact": call_cohort.pk})
    small = ApplicationFactory(cohort=call_cohort)
    small.talent.skills.add(SkillFactory())
    ContentType.objects.get_for_model(Application)  # cached once per process: not counted
    person_loaded_afresh()
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        assert manager_client.get(change_url(small, filters)).status_code == 200

    big = ApplicationFactory(cohort=call_cohort)
    big.talent.skills.add(*[SkillFactory() for _ in range(8)])
    for status in (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.INTERVIEW):
        move_application(big, to=status, by=ManagerFactory())
    for _ in range(20):
        ApplicationFactory(cohort=call_cohort, talent__user=UserFactory())
    manager_client.get(cv_url(big))
    manager_client.get(cv_url(big))
    person_loaded_afresh()
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        page = manager_client.get(change_url(big, filters))
    assert page.context["total"] == 22
    assert page.context["stages"]
