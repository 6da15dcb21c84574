"""A course participant's "Your data": the page, the export of their course rows (and nobody else's), in
a fixed number of queries, and the erasure of their participation once a programme manager confirms.
A facilitator's: the page, and the export of their facilitator row and sessions (never the participants')."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import FacilitatorInvitation, LessonProgress, Participant
from courses.services import bookings
from courses.services.attendance import mark_attendance
from courses.services.progress import answer_check, open_lesson
from eyeforai.accounts.models import User
from portal import erasure
from tests.conftest_helpers import person_loaded_afresh
from tests.courses.factories import (
    CheckedLessonFactory,
    CompletedPartOneParticipantFactory,
    InPersonSessionFactory,
    SessionFactory,
    right_answers,
    wrong_answers,
)
from tests.factories import OutboundEmailFactory
from tests.portal.erasure_helpers import rows_mentioning

pytestmark = pytest.mark.django_db

PARTICIPANT_EMAIL = "leader@sundsvall.example.se"  # the `participant` fixture's


def download(client):
    response = client.get(reverse("portal:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["data.json"]
    return json.loads(archive.read("data.json"))


def take_lessons(user, lessons):
    """`user` opens every lesson of `lessons` and passes each check, the first at the second attempt."""
    record = user.course_participant
    for number, lesson in enumerate(lessons):
        open_lesson(record, lesson)
        if number == 0:
            answer_check(record, lesson, answers=wrong_answers(lesson), by=user)
        answer_check(record, lesson, answers=right_answers(lesson), by=user)


def test_the_page_says_what_the_course_holds_and_the_nav_links_to_it(client, participant):
    client.force_login(participant)

    page = client.get(reverse("portal:your_data")).content.decode()

    assert "As a participant in the leaders" in page
    assert "As a talent" not in page and "As a host member" not in page
    assert "Deleted: your course participation" in page and "Deleted: your CVs" not in page
    assert f'href="{reverse("portal:your_data")}" aria-current="page"' in page
    overview = client.get(reverse("courses:overview")).content.decode()
    assert f'href="{reverse("portal:your_data")}"' in overview


def test_a_participant_downloads_their_course_rows_and_nothing_of_another_participants(
    client, participant, other_participant, course_lesson
):
    second = CheckedLessonFactory(title_en="Leading with AI", questions=1)
    take_lessons(participant, [course_lesson, second])
    take_lessons(other_participant, [course_lesson])
    Participant.objects.filter(user=participant).update(part_one_completed_at=timezone.now())
    OutboundEmailFactory(to=other_participant.email, subject="Not yours")
    client.force_login(participant)

    data = download(client)

    record = Participant.objects.get(user=participant)
    course = data["course"]
    assert course["participant"]["title"] == "Head of unit"
    assert course["participant"]["role"] == "manager"
    assert course["participant"]["organisation"] == course["participant"]["public_body"] == "Sundsvall"
    assert course["participant"]["certificate_code"] == str(record.certificate_code)
    assert course["participant"]["part_one_completed_at"] is not None
    assert [row["lesson"] for row in course["lessons"]] == ["What AI is", "Leading with AI"]
    first = course["lessons"][0]
    assert (first["attempts"], first["correct"]) == (2, 2)
    assert first["opened_at"] and first["passed_at"]
    # The latest answers, as the texts chosen: the first question's one right answer, the second's two.
    questions = list(course_lesson.questions.prefetch_related("choices"))
    assert first["latest_answers"] == [
        {
            "question": question.text_en,
            "answers": [choice.text_en for choice in question.choices.all() if choice.correct],
        }
        for question in questions
    ]
    assert data["account"]["role"] == "course_participant" and "host" not in data
    assert "lesson.answered" in {row["action"] for row in data["activity"]}
    text = json.dumps(data)
    assert other_participant.email not in text and "Lund" not in text and "Director" not in text
    assert "Not yours" not in text and '"id":' not in text


def test_a_participants_export_and_page_read_the_same_number_of_queries_whatever_their_progress(
    client, participant, course_lesson, django_assert_num_queries
):
    client.force_login(participant)
    take_lessons(participant, [course_lesson])

    def count(url_name):
        person_loaded_afresh()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(url_name))
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(captured)

    small = {name: count(name) for name in ("portal:your_data", "portal:download_data")}
    take_lessons(participant, [CheckedLessonFactory(questions=3) for _ in range(4)])
    assert {name: count(name) for name in small} == small
    # Session, the user with the rows of their roles, the open erasure request; the "Your data" link
    # reads user.role: no query.
    person_loaded_afresh()
    with django_assert_num_queries(3):
        client.get(reverse("portal:your_data"))


def test_erasure_removes_the_participant_their_progress_and_their_account(
    participant, other_participant, course_lesson, manager, client
):
    take_lessons(participant, [course_lesson])
    take_lessons(other_participant, [course_lesson])
    OutboundEmailFactory(to=PARTICIPANT_EMAIL, subject="Välkommen, Maria Ek")
    record = Participant.objects.get(user=participant)

    request = erasure.request_erasure(participant, by=participant)
    erasure.confirm_erasure(request, by=manager)
    erasure.erase_account(request)

    assert not Participant.objects.filter(pk=record.pk).exists()
    assert not LessonProgress.objects.filter(participant_id=record.pk).exists()
    user = User.objects.get(pk=participant.pk)
    assert not user.is_active and user.email.endswith("@erased.invalid")
    assert rows_mentioning(PARTICIPANT_EMAIL) == {}
    assert rows_mentioning("Maria Ek") == {}  # the log's entries about the participant and their lessons
    assert client.get(reverse("courses:verify", args=[record.certificate_code])).status_code == 404
    # The other participant keeps everything.
    assert LessonProgress.objects.filter(participant__user=other_participant).count() == 1


def test_programme_managers_confirm_a_participants_erasure_course_managers_do_not_see_it(
    client, course_manager, manager, participant
):
    request = erasure.request_erasure(participant, by=participant)
    pages = [
        reverse("admin:accounts_erasurerequest_changelist"),
        reverse("admin:accounts_erasurerequest_change", args=[request.pk]),
    ]
    client.force_login(course_manager)
    assert [client.get(page).status_code for page in pages] == [403, 403]
    client.force_login(manager)
    assert [client.get(page).status_code for page in pages] == [200, 200]


# --- Workshops: a participant's bookings and waiting places, a facilitator's own rows -----------------


def stamp(moment):
    """A date and time as the export writes it."""
    return DjangoJSONEncoder().default(moment)


def ready(user):
    Participant.objects.filter(user=user).update(part_one_completed_at=timezone.now() - timedelta(days=1))
    user.course_participant.refresh_from_db()
    return user.course_participant


def test_a_participants_export_lists_their_bookings_and_waiting_places_and_nobody_elses(
    client, participant, other_participant, facilitator
):
    in_person = InPersonSessionFactory(capacity=5)
    digital = SessionFactory(capacity=1, starts_at=in_person.starts_at + timedelta(days=7))
    full = SessionFactory(capacity=1, starts_at=in_person.starts_at + timedelta(days=1))
    bookings.book(ready(other_participant), full, by=other_participant)
    record = ready(participant)
    moved = bookings.book(record, in_person, by=participant)
    current = bookings.book(record, digital, by=participant)  # moves the booking
    bookings.book(record, full, by=participant)  # full: the waiting list
    with time_machine.travel(digital.starts_at + timedelta(hours=1)):
        mark_attendance(current, attended=True, by=facilitator)
    client.force_login(participant)

    course = download(client)["course"]

    first, second = course["workshop_bookings"]
    assert first["session"]["format"] == "In person" and first["session"]["place"] == "Göteborg"
    assert first["session"]["venue"] == "Lindholmen Science Park"
    assert first["ended_at"] and first["end_reason"] == "Moved to another session" and first["attended_at"] is None
    assert first["booked_at"] == stamp(moved.booked_at)
    assert second["session"]["format"] == "Digital" and second["session"]["place"] == "Digital"
    assert second["ended_at"] is None and second["end_reason"] == "" and second["attended_at"]
    assert second["session"]["starts_at"] == stamp(digital.starts_at)
    (waiting,) = course["workshop_waiting_list"]
    assert waiting["session"]["starts_at"] == stamp(full.starts_at)
    # Attending a workshop gave up the place in line (mark_attendance).
    assert waiting["joined_at"] and waiting["offered_at"] is None and waiting["outcome"] == "Left the waiting list"
    text = json.dumps(course)
    assert "meet.example.se" not in text  # where a session is, not its link
    assert other_participant.email not in text and "Lund" not in text
    assert "Strand" not in text  # the facilitator who took attendance


def test_a_participants_export_reads_the_same_number_of_queries_whatever_their_bookings(client, participant):
    client.force_login(participant)
    record = ready(participant)
    bookings.book(record, SessionFactory(), by=participant)

    def count():
        person_loaded_afresh()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("portal:download_data"))
            b"".join(response.streaming_content)
        return len(captured)

    small = count()
    for _ in range(4):
        bookings.book(record, SessionFactory(), by=participant)  # each moves the booking: ended rows pile up
    full = SessionFactory(capacity=1)
    bookings.book(CompletedPartOneParticipantFactory(), full, by=None)
    bookings.book(record, full, by=participant)
    assert count() == small


def test_a_facilitator_sees_their_data_page(client, facilitator, django_assert_num_queries):
    client.force_login(facilitator)

    # Session, the user with the rows of their roles, the open erasure request.
    with django_assert_num_queries(3):
        page = client.get(reverse("portal:your_data")).content.decode()

    assert "As a workshop facilitator" in page and "Deleted: your place as a workshop facilitator" in page
    assert "As a participant in the leaders" not in page and "As a host member" not in page
    assert "Deleted: your CVs" not in page


def test_a_facilitator_downloads_their_row_and_their_sessions_but_not_the_participants_on_them(
    client, facilitator, other_facilitator, facilitated_session, other_facilitated_session, participant
):
    bookings.book(ready(participant), facilitated_session, by=participant)
    FacilitatorInvitation.objects.create(
        email="facilitator@skr.example.se",
        organisation="skr",
        token_digest="a" * 64,
        expires_at=timezone.now() + timedelta(days=7),
        accepted_at=timezone.now(),
        accepted_by=facilitator,
    )
    FacilitatorInvitation.objects.create(
        email="facilitator@governo.example.se", organisation="governo", token_digest="b" * 64, expires_at=timezone.now()
    )
    client.force_login(facilitator)

    data = download(client)

    assert data["account"]["role"] == "facilitator"
    assert "course" not in data and "host" not in data
    theirs = data["facilitator"]
    assert theirs["facilitator"]["organisation"] == "skr"
    assert theirs["facilitator"]["uuid"] == str(facilitator.course_facilitator.uuid)
    assert [row["email"] for row in theirs["invitations"]] == ["facilitator@skr.example.se"]
    (session,) = theirs["sessions"]
    assert session["starts_at"] == stamp(facilitated_session.starts_at)
    assert session["organisation"] == "SKR" and session["format"] == "Digital"
    text = json.dumps(data)
    assert participant.email not in text and "Maria" not in text and "Sundsvall" not in text
    assert other_facilitator.email not in text and "governo" not in text.lower()


def test_a_facilitators_export_reads_the_same_number_of_queries_whatever_their_sessions(client, facilitator):
    client.force_login(facilitator)

    def count():
        person_loaded_afresh()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("portal:download_data"))
            b"".join(response.streaming_content)
        return len(captured)

    facilitator.course_facilitator.sessions.add(SessionFactory())
    small = count()
    facilitator.course_facilitator.sessions.add(*[InPersonSessionFactory() for _ in range(4)])
    assert count() == small
