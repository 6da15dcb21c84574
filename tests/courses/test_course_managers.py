"""Course managers run the course and nothing else; programme managers run the programme and not the course."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from courses.access import COURSE_MANAGERS_GROUP, is_course_manager
from eyeforai.accounts.permissions import COURSE_MODEL_ACTIONS, COURSE_NAMED
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP, is_programme_manager
from tests.courses.factories import CourseManagerFactory, LessonFactory, ParticipantFactory

FORBIDDEN = 403

COURSE_PAGES = [
    "admin:courses_lesson_changelist",
    "admin:courses_lesson_add",
    "admin:courses_question_changelist",
    "admin:courses_lessonimage_changelist",
    "admin:courses_participant_changelist",
    "admin:courses_participant_export",
    "admin:courses_publicbody_changelist",
]
PROGRAMME_PAGES = [
    "admin:programme_cohort_changelist",
    "admin:talents_application_changelist",
    "admin:talents_application_export",
    "admin:hosts_hostorganization_changelist",
    "admin:rotations_board_index",
    "admin:mail_outboundemail_changelist",
    "admin:accounts_user_changelist",
    "portal:capacity",
]


@pytest.fixture
def course_manager(db):
    return CourseManagerFactory(email="course.manager@ai.se", first_name="Sara", last_name="Holm")


def granted(group_name):
    pairs = Group.objects.get(name=group_name).permissions.values_list("content_type__app_label", "codename")
    return set(pairs)


def test_the_course_managers_group_holds_the_course_grants_after_migrate(db):
    expected = {
        ("courses", f"{action}_{model}")
        for model, actions in COURSE_MODEL_ACTIONS["courses"].items()
        for action in actions
    } | {("courses", codename) for codename in COURSE_NAMED["courses"]}
    assert granted(COURSE_MANAGERS_GROUP) == expected
    assert ("courses", "change_publicbody") not in expected
    assert ("courses", "add_participant") not in expected
    assert ("courses", "change_lessonprogress") not in expected


def test_the_two_manager_groups_share_no_grant(db):
    assert {app for app, _codename in granted(COURSE_MANAGERS_GROUP)} == {"courses"}
    assert not {app for app, _codename in granted(PROGRAMME_MANAGERS_GROUP)} & {"courses"}


def test_each_manager_is_only_their_own_kind(course_manager, manager):
    assert is_course_manager(course_manager) and not is_programme_manager(course_manager)
    assert is_programme_manager(manager) and not is_course_manager(manager)


def test_the_admin_index_shows_each_manager_only_their_own_apps(client, course_manager, manager):
    client.force_login(course_manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert [app["app_label"] for app in response.context["app_list"]] == ["courses"]
    # The programme at a glance and the programme's tools are the programme managers'.
    assert "glance" not in response.context
    assert b'id="programme-tools"' not in response.content

    client.force_login(manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    labels = {app["app_label"] for app in response.context["app_list"]}
    assert "courses" not in labels and {"programme", "talents"} <= labels


@pytest.mark.parametrize("name", PROGRAMME_PAGES)
def test_a_course_manager_is_refused_the_programmes_pages(client, course_manager, name):
    client.force_login(course_manager)
    assert client.get(reverse(name)).status_code == FORBIDDEN


@pytest.mark.parametrize("name", COURSE_PAGES)
def test_a_programme_manager_is_refused_the_courses_pages(client, manager, course_manager, name):
    client.force_login(manager)
    assert client.get(reverse(name)).status_code == FORBIDDEN
    client.force_login(course_manager)
    assert client.get(reverse(name)).status_code == 200


def test_a_programme_manager_is_refused_a_participant_and_a_lesson(client, manager):
    participant = ParticipantFactory()
    lesson = LessonFactory()
    client.force_login(manager)
    assert client.get(reverse("admin:courses_participant_change", args=[participant.pk])).status_code == FORBIDDEN
    assert client.get(reverse("admin:courses_lesson_change", args=[lesson.pk])).status_code == FORBIDDEN


def test_a_course_manager_without_a_second_factor_is_sent_to_set_one_up(db):
    course_manager = CourseManagerFactory(totp=False)
    client = Client()
    client.force_login(course_manager)
    response = client.get(reverse("admin:courses_participant_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not is_programme_manager(course_manager)


def test_a_password_only_session_of_a_course_manager_is_asked_for_the_second_factor(db):
    client = Client()  # Django's own client: force_login records no second-factor step
    client.force_login(CourseManagerFactory())
    response = client.get(reverse("admin:courses_lesson_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
