"""Programme managers review applications and follow compliance in the admin."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.models import Application
from talents.weeks import monday_of
from tests.factories import ApplicationFactory, DayLogFactory, SkillFactory, TalentProfileFactory, running_cohort

CHANGELIST = "admin:talents_application_changelist"


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def act(client, action, applications):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [application.pk for application in applications]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "status", "words"),
    [
        ("move_to_under_review", ApplicationStatus.UNDER_REVIEW, "started reviewing"),
        ("move_to_interview", ApplicationStatus.INTERVIEW, "would like to meet you"),
        ("move_to_accepted", ApplicationStatus.ACCEPTED, "delighted to offer you a place"),
        ("move_to_rejected", ApplicationStatus.REJECTED, "not able to offer you a place"),
    ],
)
def test_each_stage_action_moves_the_application_and_emails_the_talent(
    manager_client, manager, talent_application, *, action, status, words
):
    response = act(manager_client, action, [talent_application])
    assert response.status_code == 200
    talent_application.refresh_from_db()
    assert talent_application.status == status
    assert talent_application.events.last().by == manager
    email = OutboundEmail.objects.get(template=f"talents/application_{status}")
    assert email.to == "talent@example.org"
    assert words in email.body_text
    assert words in email.body_html


def test_a_move_that_breaks_the_pipeline_is_refused_with_a_message(manager_client, talent_application):
    act(manager_client, "move_to_rejected", [talent_application])
    response = act(manager_client, "move_to_accepted", [talent_application])
    assert "cannot be moved" in response.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.REJECTED
    assert not OutboundEmail.objects.filter(template="talents/application_accepted").exists()


def test_score_and_notes_are_saved_but_answers_and_stage_are_read_only(manager_client, talent_application):
    url = reverse("admin:talents_application_change", args=[talent_application.pk])
    page = manager_client.get(url)
    assert "Download CV" in page.text
    response = manager_client.post(
        url,
        {
            "manager_score": "4",
            "manager_notes": "Strong on MLOps.",
            "status": "accepted",
            "motivation": "Rewritten",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "cv_downloads-TOTAL_FORMS": "0",
            "cv_downloads-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    talent_application.refresh_from_db()
    assert (talent_application.manager_score, talent_application.manager_notes) == (4, "Strong on MLOps.")
    assert talent_application.status == ApplicationStatus.SUBMITTED
    assert talent_application.motivation != "Rewritten"


def test_a_score_out_of_range_is_refused(manager_client, talent_application):
    url = reverse("admin:talents_application_change", args=[talent_application.pk])
    response = manager_client.post(
        url,
        {
            "manager_score": "9",
            "manager_notes": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "cv_downloads-TOTAL_FORMS": "0",
            "cv_downloads-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    talent_application.refresh_from_db()
    assert talent_application.manager_score is None


def test_the_csv_export_holds_the_filtered_list(manager_client, talent_application):
    ApplicationFactory(cohort=talent_application.cohort, status=ApplicationStatus.REJECTED, manager_notes="=cmd()")
    response = manager_client.get(reverse("admin:talents_application_export"), {"status__exact": "rejected"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "cohort"
    assert len(rows) == 2
    assert rows[1][4] == "Not accepted"
    assert rows[1][-1] == "'=cmd()"  # a formula stays text in spreadsheets


def test_the_application_list_filters_by_skill_and_nationality(manager_client, call_cohort, media_root):
    skill = SkillFactory(name="Medical imaging")
    imaging = ApplicationFactory(cohort=call_cohort, talent=TalentProfileFactory(nationality="Ghanaian"))
    imaging.talent.skills.add(skill)
    ApplicationFactory(cohort=call_cohort)
    response = manager_client.get(reverse(CHANGELIST), {"talent__skills__id__exact": skill.pk})
    assert response.context["cl"].result_count == 1
    response = manager_client.get(
        reverse(CHANGELIST), {"talent__nationality": "Ghanaian", "q": imaging.talent.user.email}
    )
    assert list(response.context["cl"].result_list) == [imaging]


# session, user, the manager's permissions (2), cohorts and skills (filters), a page count, the page's
# rows, the first and last submission date and their years (date hierarchy), nationalities (filter)
APPLICATION_LIST_QUERIES = 11


@pytest.mark.parametrize("count", [2, 60])
def test_the_application_list_issues_a_fixed_number_of_queries(
    manager_client, call_cohort, count, django_assert_num_queries
):
    for _ in range(count):
        application = ApplicationFactory(cohort=call_cohort)
        application.talent.skills.add(SkillFactory())
    with django_assert_num_queries(APPLICATION_LIST_QUERIES):
        response = manager_client.get(reverse(CHANGELIST))
    assert response.context["cl"].result_count == count
    assert response.content.decode().count('class="action-select"') == min(count, 50)  # a page of 50


def test_the_list_leaves_the_answers_in_the_database_and_draws_django_s_own_checkbox(manager_client, call_cohort):
    from django.contrib import admin  # noqa: PLC0415 - the registered ModelAdmin, not a module import

    application = ApplicationFactory(cohort=call_cohort, motivation="A long motivation " * 50)
    response = manager_client.get(reverse(CHANGELIST))
    (listed,) = response.context["cl"].result_list
    assert {"motivation", "why_sweden", "availability_note"} <= listed.get_deferred_fields()
    model_admin = admin.site.get_model_admin(Application)
    assert model_admin.action_checkbox(application) == admin.ModelAdmin.action_checkbox(model_admin, application)
    assert model_admin.action_checkbox(application) in response.text


def test_the_compliance_report_counts_weeks_and_sorts(manager_client, media_root):
    cohort = running_cohort()
    today = timezone.localdate()
    keen, _lax = (
        ApplicationFactory(cohort=cohort, status=ApplicationStatus.ACCEPTED, talent__user__first_name=name)
        for name in ("Keen", "Lax")
    )
    for number in range(1, 11):
        DayLogFactory(talent=keen.talent, cohort=cohort, date=monday_of(today) - timedelta(weeks=number))
    url = reverse("admin:talents_daylog_compliance")
    response = manager_client.get(url, {"o": "-logged"})
    rows = response.context["rows"]
    assert [row.talent.split()[0] for row in rows] == ["Keen", "Lax"]
    assert rows[0].logged == 10
    assert rows[1].logged == 0 and rows[1].missing == rows[1].expected > 40
    assert rows[1].last_log is None
    assert manager_client.get(url, {"o": "-missing"}).context["rows"][0].talent.startswith("Lax")

    csv_response = manager_client.get(url, {"format": "csv", "cohort": cohort.slug})
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("cohort,talent,email,weeks expected")
    assert len(lines) == 3


def test_the_compliance_report_survives_a_bad_sort_key(manager_client):
    response = manager_client.get(reverse("admin:talents_daylog_compliance"), {"o": "__class__", "cohort": "nope"})
    assert response.status_code == 200


def test_applications_cannot_be_added_by_hand(manager_client):
    assert manager_client.get(reverse("admin:talents_application_add")).status_code == 403
    assert not Application.objects.exists()
