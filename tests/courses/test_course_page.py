"""/course/: the public page of the course, its figures and its one "Sign up" action."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.progress_to_goal import GOAL, GoalProgress, duration_text, goal_progress, part_one_length
from tests.courses.factories import LessonFactory, ParticipantFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/course/"


def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_says_what_the_course_is_for_whom_and_by_whom(client):
    html = page(client)
    words = text(html)
    assert '<h1 id="course-title">AI for leaders in the public sector</h1>' in html
    for expected in [
        "elected politicians, managers and leaders in Swedish municipalities, regions and government agencies",
        "Part 1: self-study",
        "What AI is and how AI solutions work",
        "Possible uses of AI in the public sector",
        "How digitalisation relates to AI",
        "Accessible data",
        "Necessary technical choices",
        "Ethical and legal questions",
        "Part 2: workshop",
        "leadership, organisation and decision-making",
        "in person around Sweden",
        "Upcoming workshops",
        "New workshop dates are announced here.",
        "AI Sweden",
        "SKR",
        "Governo",
    ]:
        assert expected in words, expected
    assert f'href="{reverse("courses:join")}"' in html
    assert "Sign up for the course" in html


def test_the_goal_is_800_leaders():
    assert GOAL == 800
    assert goal_progress().goal == 800


def test_progress_counts_participants_at_every_stage(client):
    now = timezone.now()
    ParticipantFactory.create_batch(3)  # joined, nothing completed
    ParticipantFactory.create_batch(2, part_one_completed_at=now)  # self-study done
    progress = goal_progress()
    assert (progress.participants, progress.part_one_completed) == (5, 2)
    # Completed = both parts; the workshop does not exist yet, so nobody has: the honest figure.
    assert progress.completed == 0
    words = text(page(client))
    assert "0 of 800 leaders have completed the course" in words
    assert "2 leaders have completed the self-study part." in words
    assert "5 leaders have joined so far." in words


def test_one_leader_is_counted_in_the_singular(client):
    ParticipantFactory(part_one_completed_at=timezone.now())
    words = text(page(client))
    assert "1 leader has completed the self-study part." in words
    assert "1 leader has joined so far." in words


def test_the_progress_bar_is_a_named_progress_element(client):
    html = page(client)
    bar = re.search(r"<progress[^>]*>", html).group(0)
    assert 'max="800"' in bar and 'value="0"' in bar
    assert 'aria-labelledby="goal-figure"' in bar
    assert re.search(r'id="goal-figure"[^>]*>\s*<strong>0 of 800 leaders have completed the course', html)


def test_the_bar_never_passes_the_goal():
    beyond = GoalProgress(participants=900, part_one_completed=900, completed=850)
    assert (beyond.bar_value, beyond.percent) == (800, 100)
    assert GoalProgress(participants=10, part_one_completed=10, completed=312).percent == 39


def test_part_one_takes_the_published_lessons_minutes(client):
    LessonFactory(minutes=40)
    LessonFactory(minutes=30)
    LessonFactory(minutes=45, published=False)
    length = part_one_length()
    assert (length.lessons, length.minutes) == (2, 70)
    assert "2 lessons, estimated at 1 hour and 10 minutes of reading" in text(page(client))


def test_without_lessons_the_page_still_says_about_one_day(client):
    assert "About one day in all. The lessons are published soon." in text(page(client))


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0, "0 minutes"),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (120, "2 hours"),
        (245, "4 hours and 5 minutes"),
    ],
)
def test_durations_read_as_words(minutes, expected):
    with translation.override("en"):
        assert duration_text(minutes) == expected


def test_a_participant_is_offered_to_continue(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    html = page(client)
    assert f'<a class="button" href="{reverse("courses:overview")}">Continue the course</a>' in html
    assert "Sign up for the course" not in html
    # The menu leads a participant to their course.
    assert f'href="{reverse("courses:overview")}"' in html and "My course" in html


@pytest.mark.parametrize("role", ["talent", "host_member"])
def test_a_talent_or_host_member_reads_why_they_need_another_address(client, request, role):
    client.force_login(request.getfixturevalue(role))
    words = text(page(client))
    assert "one account holds one role in the portal" in words
    assert "sign up with another email address" in words
    assert "Sign up for the course" not in words
    assert "My course" not in words


def test_someone_signed_in_without_a_role_is_sent_to_finish_joining(client):
    client.force_login(UserFactory())
    html = page(client)
    assert f'<a class="button" href="{reverse("courses:join")}">Complete your sign-up</a>' in html


def test_everyone_finds_the_course_in_the_menu(client, talent):
    for user in (None, talent):
        if user:
            client.force_login(user)
        html = client.get(reverse("portal:home")).content.decode()
        assert f'<a href="{URL}">Leaders\N{RIGHT SINGLE QUOTATION MARK} course</a>' in html


def test_the_page_reads_in_swedish_first_language_switch_works(client):
    client.cookies["django_language"] = "sv"
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_costs_the_same_queries_however_many_participants_and_lessons(
    client, django_assert_num_queries, signed_in
):
    if signed_in:
        client.force_login(ParticipantFactory().user)
    # Signed in: the session, and the user with the rows of their roles (the menu's);
    # then the two counts, the reach by municipality and region, and the upcoming workshops.
    expected = 6 if signed_in else 4
    with django_assert_num_queries(expected):
        page(client)
    now = timezone.now()
    ParticipantFactory.create_batch(20)
    ParticipantFactory.create_batch(10, part_one_completed_at=now)
    LessonFactory.create_batch(7)
    with django_assert_num_queries(expected):
        page(client)
