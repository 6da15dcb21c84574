"""A participant's pages: /course/me/, a lesson with its knowledge check, and lesson images."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from courses.access import COURSE_MANAGERS_GROUP
from courses.checkforms import field_name
from courses.models import Lesson, LessonImage, LessonProgress, Participant, Question
from courses.services.progress import answer_check
from tests.conftest_helpers import person_loaded_afresh
from tests.courses.factories import (
    CheckedLessonFactory,
    LessonFactory,
    ParticipantFactory,
    right_answers,
    wrong_answers,
)
from tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/course/me/"


def lesson_url(lesson):
    return reverse("courses:lesson", args=[lesson.uuid])


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def participant():
    return ParticipantFactory(user__first_name="Maja", user__email="maja@kommun.example.se")


@pytest.fixture
def other_participant():
    return ParticipantFactory(user__email="nils@region.example.se")


@pytest.fixture
def as_participant(client, participant):
    client.force_login(participant.user)
    return client


@pytest.fixture
def lessons():
    return [
        CheckedLessonFactory(minutes=minutes, title_en=f"Lesson {number}", title_sv=f"Lektion {number}")
        for number, minutes in enumerate((10, 20, 30), start=1)
    ]


def form_data(lesson, answers):
    questions = {str(question.uuid): question for question in lesson.questions.all()}
    return {field_name(questions[question]): sorted(choices) for question, choices in answers.items()}


def answer(client, lesson, answers):
    return client.post(lesson_url(lesson), form_data(lesson, answers))


# --- Who may see the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("url_of", [lambda lesson: OVERVIEW, lesson_url])
def test_anonymous_visitors_are_asked_to_sign_in(client, lessons, url_of):
    response = client.get(url_of(lessons[0]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["talent", "manager"])
@pytest.mark.parametrize("url_of", [lambda lesson: OVERVIEW, lesson_url])
def test_people_who_do_not_take_the_course_get_not_found(client_for, lessons, who, url_of):
    assert client_for(who).get(url_of(lessons[0])).status_code == 404


def test_an_unpublished_lesson_is_not_found(as_participant):
    draft = CheckedLessonFactory(published=False)
    assert as_participant.get(lesson_url(draft)).status_code == 404
    assert as_participant.post(lesson_url(draft), form_data(draft, right_answers(draft))).status_code == 404
    assert not LessonProgress.objects.exists()


def test_an_unknown_lesson_is_not_found(as_participant):
    assert as_participant.get("/course/lessons/00000000-0000-0000-0000-000000000000/").status_code == 404


# --- The overview ---------------------------------------------------------------------------------


def test_a_new_participant_is_shown_the_way_to_the_first_lesson(as_participant, lessons):
    response = as_participant.get(OVERVIEW)
    assert response.status_code == 200
    words = text(response)
    assert "Lesson 1 of 3, about 60 minutes left." in words
    assert "Start the first lesson" in words
    assert words.count("Not started") == 3
    assert f'href="{lesson_url(lessons[0])}" aria-current="step"' in response.content.decode()
    assert reverse("courses:statement") not in response.content.decode()


def test_the_overview_continues_where_the_participant_left_off(as_participant, participant, lessons):
    answer_check(participant, lessons[0], answers=right_answers(lessons[0]), by=participant.user)
    as_participant.get(lesson_url(lessons[1]))  # read, not passed
    response = as_participant.get(OVERVIEW)
    html, words = response.content.decode(), text(response)
    assert "Lesson 2 of 3, about 50 minutes left." in words
    assert "Continue" in words
    assert f'href="{lesson_url(lessons[1])}" aria-current="step"' in html
    assert re.search(r"Lesson 1</a>\s*<span class=\"badge badge-ok\">Passed", html)
    assert re.search(r"Lesson 2</a>\s*<span class=\"badge badge-warn\">Read", html)
    assert re.search(r"Lesson 3</a>\s*<span class=\"badge\">Not started", html)


def test_the_overview_shows_another_participants_progress_to_no_one(client, other_participant, lessons):
    answer_check(other_participant, lessons[0], answers=right_answers(lessons[0]), by=other_participant.user)
    me = ParticipantFactory()
    client.force_login(me.user)
    assert "Lesson 1 of 3, about 60 minutes left." in text(client.get(OVERVIEW))


def test_once_part_one_is_complete_the_statement_can_be_downloaded(as_participant, participant, lessons):
    for lesson in lessons:
        answer_check(participant, lesson, answers=right_answers(lesson), by=participant.user)
    response = as_participant.get(OVERVIEW)
    words = text(response)
    assert "You have passed all 3 lessons of the self-study part." in words
    assert "Part 1 completed" in words
    assert "You completed the self-study part on" in words
    assert f'href="{reverse("courses:statement")}"' in response.content.decode()
    assert "Continue" not in words


def test_the_overview_before_any_lesson_is_published(as_participant):
    LessonFactory(published=False)
    assert "The lessons are not published yet." in text(as_participant.get(OVERVIEW))


@pytest.mark.parametrize("lesson_count", [2, 8])
def test_the_overview_issues_a_fixed_number_of_queries(
    as_participant, participant, lesson_count, django_assert_num_queries
):
    made = [LessonFactory(minutes=5) for _ in range(lesson_count)]
    for lesson in made[: lesson_count // 2]:
        answer_check(participant, lesson, answers={}, by=participant.user)
    # session, the user with their participant row, the lessons' outline (kept in the cache from here on),
    # progress; part 2: the active booking and the open waiting-list place, in one query (none here)
    with django_assert_num_queries(5):
        assert as_participant.get(OVERVIEW).status_code == 200


# --- A lesson -------------------------------------------------------------------------------------


def test_a_lesson_shows_its_text_place_and_check(as_participant, participant, lessons):
    lesson = lessons[1]
    lesson.body_en = "# Why it matters\n\nAI is **useful**.\n\n<script>alert(1)</script>"
    lesson.save()
    response = as_participant.get(lesson_url(lesson))
    html, words = response.content.decode(), text(response)
    assert response.status_code == 200
    assert "<h1>Lesson 2</h1>" in html
    assert "<h2>Why it matters</h2>" in html
    assert "<strong>useful</strong>" in html
    assert "<script>alert(1)" not in html
    assert "Lesson 2 of 3 · about 20 minutes" in words
    assert f'href="{lesson_url(lessons[0])}">← Previous lesson' in html
    assert f'href="{lesson_url(lessons[2])}">Next lesson' in html
    assert "choose every right answer" in words
    assert html.count("<fieldset") == 2 and html.count("<legend>") == 2
    assert html.count('type="checkbox"') == 6
    assert "Feedback:" not in html  # nothing answered yet
    progress = LessonProgress.objects.get(participant=participant, lesson=lesson)
    assert progress.attempts == 0  # reached, remembered for "Continue"


def test_a_lesson_is_shown_in_swedish_to_a_swedish_reader(as_participant, participant, lessons):
    participant.user.language = "sv"
    participant.user.save(update_fields=["language"])
    response = as_participant.get(lesson_url(lessons[0]))
    assert "<h1>Lektion 1</h1>" in response.content.decode()
    assert "Fråga" in response.content.decode()


def test_wrong_answers_redirect_to_the_result_with_feedback_and_a_retry(as_participant, participant, lessons):
    lesson = lessons[0]
    response = answer(as_participant, lesson, wrong_answers(lesson))
    assert response.status_code == 302
    assert response.url == lesson_url(lesson) + "#result"

    page = as_participant.get(response.url)
    html, words = page.content.decode(), text(page)
    assert "You answered 0 of 2 questions right." in words
    assert "Not passed yet" in words
    assert "You need 67% right to pass." in words
    assert words.count("Not right") == 2
    wrong = [choice for question in lesson.questions.all() for choice in question.choices.all() if not choice.correct]
    for choice in wrong:
        assert f"Feedback: {choice.text_en}" in words
        assert re.search(rf'value="{choice.uuid}"[^>]*checked', html)  # the latest answers, pre-filled
    assert "Check my answers again" in words
    progress = LessonProgress.objects.get(participant=participant, lesson=lesson)
    assert (progress.attempts, progress.passed_at) == (1, None)


def test_a_retry_with_the_right_answers_passes_and_offers_the_next_lesson(as_participant, participant, lessons):
    lesson = lessons[0]
    answer(as_participant, lesson, wrong_answers(lesson))
    response = answer(as_participant, lesson, right_answers(lesson))
    page = as_participant.get(response.url)
    html, words = page.content.decode(), text(page)
    assert "You answered 2 of 2 questions right." in words
    assert "Well done: you have passed this lesson." in words
    assert words.count("Right") >= 2
    assert f'<a class="button" href="{lesson_url(lessons[1])}">Next lesson' in html
    progress = LessonProgress.objects.get(participant=participant, lesson=lesson)
    assert progress.attempts == 2
    assert progress.passed_at is not None


def test_passing_the_last_lesson_points_back_to_the_course(as_participant, lessons):
    lesson = lessons[-1]
    page = as_participant.get(answer(as_participant, lesson, right_answers(lesson)).url)
    assert f'<a class="button" href="{OVERVIEW}">Back to your course' in page.content.decode()


def test_a_lesson_without_questions_is_marked_done(as_participant, participant):
    lesson = LessonFactory()
    assert "Mark as done" in text(as_participant.get(lesson_url(lesson)))
    assert as_participant.post(lesson_url(lesson), {}).status_code == 302
    assert LessonProgress.objects.get(participant=participant, lesson=lesson).passed_at is not None


def test_an_answer_from_another_question_is_refused_next_to_the_question(as_participant, participant, lessons):
    lesson = lessons[0]
    first, second = lesson.questions.all()
    data = form_data(lesson, right_answers(lesson))
    data[field_name(first)] = [str(second.choices.first().uuid)]
    response = as_participant.post(lesson_url(lesson), data)
    assert response.status_code == 200
    html = response.content.decode()
    error = f'id="id_{field_name(first)}_error"'
    assert error in html
    assert "That answer is not one of this question&#x27;s answers; choose again." in html
    assert f'aria-describedby="id_{field_name(first)}_helptext id_{field_name(first)}_error"' in html
    assert not LessonProgress.objects.filter(participant=participant, attempts__gt=0).exists()


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", ""])
def test_an_unknown_answer_is_refused_never_a_server_error(as_participant, participant, lessons, value):
    lesson = lessons[0]
    data = form_data(lesson, right_answers(lesson))
    data[field_name(lesson.questions.first())] = [value]
    response = as_participant.post(lesson_url(lesson), data)
    assert response.status_code == 200
    assert "Please correct the errors below." in text(response)
    assert not LessonProgress.objects.filter(participant=participant, attempts__gt=0).exists()


def test_an_unanswered_question_asks_for_an_answer(as_participant, lessons):
    response = as_participant.post(lesson_url(lessons[0]), {})
    assert text(response).count("Choose at least one answer.") == 2


# --- The lessons kept in the cache (courses/lesson_cache.py) ------------------------------------------


def test_a_lesson_edited_after_it_was_read_shows_the_edit(as_participant, lessons):
    lesson = lessons[0]
    as_participant.get(lesson_url(lesson))  # kept
    lesson.title_en = "Lesson one, revised"
    lesson.save()
    question = lesson.questions.first()
    question.text_en = "A sharper question"
    question.save()
    choice = question.choices.first()
    choice.text_en = "A clearer answer"
    choice.save()
    words = text(as_participant.get(lesson_url(lesson)))
    assert "Lesson one, revised" in words
    assert "A sharper question" in words
    assert "A clearer answer" in words
    assert "Lesson one, revised" in text(as_participant.get(lesson_url(lessons[1])))  # the other lessons' outline


def test_a_lesson_edited_by_a_queryset_update_shows_on_the_next_request(as_participant, lessons):
    lesson = lessons[0]
    as_participant.get(lesson_url(lesson))  # kept
    # Writes that send no signal: only their SQL says the lessons changed.
    Lesson.objects.filter(pk=lesson.pk).update(title_en="Lesson one, revised")
    Question.objects.filter(lesson=lesson).update(text_en="A sharper question")

    words = text(as_participant.get(lesson_url(lesson)))
    assert "Lesson one, revised" in words
    assert "A sharper question" in words
    assert "Lesson one, revised" in text(as_participant.get(lesson_url(lessons[1])))  # the other lessons' outline


def test_an_answer_made_right_after_the_lesson_was_read_is_graded_right(as_participant, participant, lessons):
    lesson = lessons[0]
    as_participant.get(lesson_url(lesson))  # kept
    wrong = wrong_answers(lesson)
    for question in lesson.questions.all():
        for choice in question.choices.all():
            choice.correct = str(choice.uuid) in wrong[str(question.uuid)]
            choice.save()
    answer(as_participant, lesson, wrong)
    assert LessonProgress.objects.get(participant=participant, lesson=lesson).passed_at is not None


def test_a_lesson_unpublished_or_deleted_after_it_was_read_is_not_found(as_participant, lessons):
    first, second = lessons[0], lessons[1]
    as_participant.get(lesson_url(first))
    as_participant.get(lesson_url(second))
    first.published = False
    first.save()
    second_url = lesson_url(second)
    second.delete()
    assert as_participant.get(lesson_url(first)).status_code == 404
    assert as_participant.get(second_url).status_code == 404
    assert "Lesson 1 of 1" in text(as_participant.get(lesson_url(lessons[2])))


def test_a_lesson_published_after_the_overview_was_read_is_on_it(as_participant, lessons):
    assert "Lesson 1 of 3" in text(as_participant.get(OVERVIEW))  # kept
    LessonFactory(title_en="Lesson 4")
    words = text(as_participant.get(OVERVIEW))
    assert "Lesson 1 of 4" in words
    assert "Lesson 4" in words


def test_another_participant_never_sees_my_answers(client, participant, other_participant, lessons):
    lesson = lessons[0]
    answer_check(participant, lesson, answers=wrong_answers(lesson), by=participant.user)
    client.force_login(other_participant.user)
    html = client.get(lesson_url(lesson)).content.decode()
    assert "checked" not in html
    assert "You answered" not in html


@pytest.mark.parametrize("question_count", [1, 5])
def test_a_lesson_page_issues_a_fixed_number_of_queries(
    as_participant, participant, question_count, django_assert_num_queries
):
    lesson = CheckedLessonFactory(questions=question_count)
    CheckedLessonFactory(questions=question_count)
    # session, the user with their participant row; the lesson, its questions, their choices and the
    # lessons for "N of M", then kept in the cache; open_lesson: get, savepoint, insert, release (their
    # last progress is under an hour old: no update)
    with django_assert_num_queries(10):
        assert as_participant.get(lesson_url(lesson)).status_code == 200
    answer_check(participant, lesson, answers=wrong_answers(lesson), by=participant.user)
    # session (the person still kept: the answer set only their last progress, a busy column that starts
    # no new generation); the lesson from the cache, the progress row found at once
    with django_assert_num_queries(2):
        assert as_participant.get(lesson_url(lesson)).status_code == 200


@pytest.mark.parametrize("question_count", [1, 5])
def test_answering_a_check_issues_a_fixed_number_of_queries(
    as_participant, participant, question_count, django_assert_num_queries
):
    lesson = CheckedLessonFactory(questions=question_count)
    CheckedLessonFactory(questions=question_count)  # so passing this one does not complete part 1
    as_participant.get(lesson_url(lesson))
    ContentType.objects.get_for_models(LessonProgress, Participant)  # cached once per process: not counted
    right, wrong = form_data(lesson, right_answers(lesson)), form_data(lesson, wrong_answers(lesson))
    # session, the user with their participant row; the lesson and its check from the cache (the GET kept
    # them); answer_check: savepoint, the progress row locked, update progress, update participant,
    # activity entry; passing: lock participant, lessons left; release
    person_loaded_afresh()
    with django_assert_num_queries(10):
        response = as_participant.post(lesson_url(lesson), right)
    assert response.status_code == 302
    person_loaded_afresh()
    with django_assert_num_queries(8):  # a retry: no pass to record
        response = as_participant.post(lesson_url(lesson), wrong)
    assert response.status_code == 302


# --- Lesson images -------------------------------------------------------------------------------


@pytest.fixture
def lesson_image():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (11, 79, 108)).save(buffer, format="PNG")
    return LessonImage.objects.create(
        image=ContentFile(buffer.getvalue(), name="diagram.png"), content_type="image/png", description="Ett diagram"
    )


@pytest.fixture
def course_manager(db):
    user = ManagerFactory(email="kurs@ai.se")
    user.groups.set([Group.objects.get_or_create(name=COURSE_MANAGERS_GROUP)[0]])
    return user


def image_url(lesson_image):
    return reverse("courses:image", args=[lesson_image.uuid])


def assert_is_the_image(response, lesson_image):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == lesson_image.image.open("rb").read()


def test_a_participant_gets_a_lesson_image(as_participant, lesson_image):
    assert_is_the_image(as_participant.get(image_url(lesson_image)), lesson_image)


def test_a_course_manager_gets_a_lesson_image(client, course_manager, lesson_image):
    client.force_login(course_manager)
    assert_is_the_image(client.get(image_url(lesson_image)), lesson_image)


def test_a_course_manager_without_the_second_factor_does_not(client, course_manager, lesson_image):
    course_manager.authenticator_set.all().delete()  # the session then records no second factor
    client.force_login(course_manager)
    assert client.get(image_url(lesson_image)).status_code == 404


@pytest.mark.parametrize("who", ["talent", "host_member", "manager"])
def test_no_one_else_gets_a_lesson_image(client_for, lesson_image, who):
    assert client_for(who).get(image_url(lesson_image)).status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in_for_an_image(client, lesson_image):
    response = client.get(image_url(lesson_image))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_unknown_or_missing_image_is_not_found(as_participant, lesson_image):
    assert as_participant.get("/course/images/00000000-0000-0000-0000-000000000000/").status_code == 404
    lesson_image.image.storage.delete(lesson_image.image.name)
    assert as_participant.get(image_url(lesson_image)).status_code == 404
