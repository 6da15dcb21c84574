"""The course's emails, in the participant's language: welcome, part 1 completed, and the one nudge
after seven quiet days (the daily beat task, with time_machine)."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from courses.choices import LeaderRole
from courses.models import Participant
from courses.services.nudges import nudge_quiet_participants
from courses.services.participants import join_course
from courses.services.progress import answer_check, open_lesson
from courses.tasks import nudge_quiet_participants as nudge_task
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.conftest_helpers import wait_until
from tests.courses.factories import LessonFactory, LessonProgressFactory, ParticipantFactory, PublicBodyFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 3, 2, 9, 45, tzinfo=STOCKHOLM)


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values if values else gettext(msgid)


def emails(template):
    return list(OutboundEmail.objects.filter(template=template).order_by("to"))


WORKSHOPS = (
    "Part 2 is a workshop where you meet leaders from other organisations to work on what AI means for leadership, "
    "organisation and decision-making. To book a place, choose a workshop on the course page, where upcoming "
    "workshops are announced:"
)


def lessons():
    return [
        LessonFactory(position=1, title_sv="Vad är AI?", title_en="What is AI?"),
        LessonFactory(position=2, title_sv="AI i offentlig sektor", title_en="AI in the public sector"),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_joining_sends_the_welcome_with_the_first_lesson_in_the_participants_language(language):
    first, _second = lessons()
    user = UserFactory(email="leader@kommun.example.se", language=language)

    join_course(
        user,
        first_name="Åsa",
        last_name="Öberg",
        title="Förvaltningschef",
        role=LeaderRole.MANAGER,
        public_body=PublicBodyFactory(name="Umeå kommun"),
        other_organisation="",
        by=user,
    )

    [email] = emails("courses/welcome")
    assert (email.to, email.language) == ("leader@kommun.example.se", language)
    assert in_language(language, "Welcome to AI for leaders in the public sector") in email.subject
    assert in_language(language, "Hello %(name)s,", name="Åsa") in email.body_text
    title = {"sv": "Vad är AI?", "en": "What is AI?"}[language]
    assert in_language(language, "Start with the first lesson, “%(lesson)s”:", lesson=title) in email.body_text
    assert settings.SITE_URL + reverse("courses:lesson", args=[first.uuid]) in email.body_text


def test_the_welcome_without_published_lessons_points_to_the_overview():
    user = UserFactory(language="en")
    join_course(
        user,
        first_name="Amara",
        last_name="Okafor",
        title="Director",
        role=LeaderRole.MANAGER,
        public_body=None,
        other_organisation="Statens AI-nämnd",
        by=user,
    )
    [email] = emails("courses/welcome")
    assert "The lessons are being prepared." in email.body_text
    assert settings.SITE_URL + reverse("courses:overview") in email.body_text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_completing_part_one_sends_congratulations_with_the_statement_and_the_workshops(language):
    lesson = LessonFactory(position=1)  # no questions: any answer passes
    participant = ParticipantFactory(user__first_name="Åsa", user__language=language)

    answer_check(participant, lesson, answers={}, by=participant.user)
    answer_check(participant, lesson, answers={}, by=participant.user)  # a retry sends nothing new

    [email] = emails("courses/part_one_completed")
    assert (email.to, email.language) == (participant.user.email, language)
    assert in_language(language, "You have completed part 1 of AI for leaders in the public sector") in email.subject
    assert in_language(language, "Download your statement of completion") in email.body_text
    assert settings.SITE_URL + reverse("courses:statement") in email.body_text
    # How to book a workshop: on the course page, until booking exists.
    assert in_language(language, WORKSHOPS) in email.body_text
    assert settings.SITE_URL + reverse("courses:course") in email.body_text


# --- The nudge --------------------------------------------------------------------------------------


def joined(days_ago, **kwargs):
    return ParticipantFactory(last_progress_at=MONDAY - timedelta(days=days_ago), **kwargs)


def test_the_nudge_goes_once_to_participants_quiet_for_seven_days():
    first, second = lessons()
    quiet = joined(7, user__email="quiet@kommun.example.se", user__first_name="Åsa")
    LessonProgressFactory(participant=quiet, lesson=first, passed_at=MONDAY - timedelta(days=8))
    never_started = joined(30, user__email="never@region.example.se")
    joined(6, user__email="recent@kommun.example.se")
    joined(20, user__email="done@kommun.example.se", part_one_completed_at=MONDAY - timedelta(days=20))
    joined(20, user__email="nudged@kommun.example.se", nudged_at=MONDAY - timedelta(days=13))

    with time_machine.travel(MONDAY, tick=False):
        assert nudge_quiet_participants() == 2
        assert nudge_quiet_participants() == 0  # beat fired twice
        nudge_task.apply()  # and once more through the task

    sent = emails("courses/nudge")
    assert [(email.to, email.key) for email in sent] == [
        ("never@region.example.se", f"course-nudge:{never_started.uuid}"),
        ("quiet@kommun.example.se", f"course-nudge:{quiet.uuid}"),
    ]
    # Each is sent on with the first lesson not passed yet.
    assert settings.SITE_URL + reverse("courses:lesson", args=[first.uuid]) in sent[0].body_text
    assert settings.SITE_URL + reverse("courses:lesson", args=[second.uuid]) in sent[1].body_text
    assert "“AI in the public sector”" in sent[1].body_text
    assert set(Participant.objects.filter(nudged_at=MONDAY).values_list("pk", flat=True)) == {
        quiet.pk,
        never_started.pk,
    }
    entries = ActivityEntry.objects.filter(action="participant.nudged")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted([str(quiet.pk), str(never_started.pk)])
    assert all(entry.actor is None for entry in entries)


def test_no_second_nudge_after_more_progress_and_another_quiet_week():
    lesson, _second = lessons()
    participant = joined(8)
    with time_machine.travel(MONDAY, tick=False):
        nudge_quiet_participants()
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        open_lesson(participant, lesson)
    with time_machine.travel(MONDAY + timedelta(days=30), tick=False):
        assert nudge_quiet_participants() == 0
    assert len(emails("courses/nudge")) == 1


def test_progress_resets_the_seven_days():
    lesson, _second = lessons()
    participant = joined(6)
    with time_machine.travel(MONDAY, tick=False):
        open_lesson(participant, lesson)
    with time_machine.travel(MONDAY + timedelta(days=6, hours=23), tick=False):
        assert nudge_quiet_participants() == 0
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert nudge_quiet_participants() == 1


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_nudge_is_in_the_participants_language(language):
    lessons()
    joined(9, user__first_name="Åsa", user__language=language)
    with time_machine.travel(MONDAY, tick=False):
        nudge_quiet_participants()
    [email] = emails("courses/nudge")
    assert email.language == language
    assert in_language(language, "Continue where you left off in AI for leaders in the public sector") in email.subject
    assert in_language(language, "Hello %(name)s,", name="Åsa") in email.body_text
    title = {"sv": "Vad är AI?", "en": "What is AI?"}[language]
    assert in_language(language, "Your next lesson is “%(lesson)s”:", lesson=title) in email.body_text
    assert in_language(language, "This is the only reminder we send about it.") in email.body_text


def test_a_nudge_with_every_lesson_passed_points_to_the_overview():
    """A participant who passed every lesson that was published, before a new one is: the overview."""
    participant = joined(9)
    with time_machine.travel(MONDAY, tick=False):
        nudge_quiet_participants()
    [email] = emails("courses/nudge")
    assert settings.SITE_URL + reverse("courses:overview") in email.body_text
    assert participant.user.email == email.to


def test_nudges_go_in_batches():
    for _ in range(5):
        joined(10)
    with time_machine.travel(MONDAY, tick=False):
        assert nudge_quiet_participants(batch_size=2) == 5
    assert len(emails("courses/nudge")) == 5
    assert not Participant.objects.filter(nudged_at__isnull=True).exists()


def test_the_nudge_is_scheduled_every_morning_stockholm_time():
    entry = settings.CELERY_BEAT_SCHEDULE["courses.nudge_quiet_participants"]
    assert entry["task"] == "courses.nudge_quiet_participants"
    schedule = entry["schedule"]
    assert schedule.hour == {9} and schedule.minute == {45} and schedule.day_of_week == set(range(7))
    assert settings.CELERY_TIMEZONE == "Europe/Stockholm"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_nudge_task(celery_worker):
    participant = ParticipantFactory(last_progress_at=datetime(2020, 1, 1, tzinfo=STOCKHOLM))
    nudge_task.delay()
    wait_until(lambda: OutboundEmail.objects.filter(key=f"course-nudge:{participant.uuid}").exists(), timeout=60)
    participant.refresh_from_db()
    assert participant.nudged_at is not None
