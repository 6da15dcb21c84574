"""The talent's overview (/talent/) says what to do now and by when in every state of the year:
applied, accepted to an upcoming cohort, ranking open and closed, matched, running, feedback due,
last period, finished. The clock is moved with time_machine; the cohort starts on 1 September 2027."""

import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from portal import erasure
from rotations.models import Evaluation
from rotations.services.placements import advance_placements
from rotations.services.preferences import save_talent_ranking
from talents.choices import ApplicationStatus
from tests.factories import ApplicationFactory, CohortFactory, DayLogFactory, HostOrganizationFactory, ProjectFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project, place

STARTS_ON = date(2027, 9, 1)
OVERVIEW = "/talent/"
PREFERENCES = "/talent/preferences/"


def at(day, hour=12):
    """A moment on `day` in the portal's time zone, for time_machine."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def day_text(day):
    return formats.date_format(day)


def moment_text(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@pytest.fixture
def clock():
    """Before the call closes: 1 March 2027."""
    with time_machine.travel(at(date(2027, 3, 1)), tick=False) as traveller:
        yield traveller


@pytest.fixture
def cohort(clock, db):
    return CohortFactory(
        name="Cohort 2027",
        slug="cohort-2027",
        starts_on=STARTS_ON,
        status=CohortStatus.RECRUITING,
        preference_deadline=at(date(2027, 6, 30), hour=23),
    )


@pytest.fixture
def projects(cohort):
    """Twelve approved projects at four hosts, plus a draft and a withdrawn one that are not offered."""
    hosts = [HostOrganizationFactory(name=f"Host {n}", slug=f"host-{n}") for n in range(4)]
    approved = [approved_project(hosts[n % 4], cohort, seats=(3, 3, 3), title=f"Project {n:02d}") for n in range(12)]
    ProjectFactory(organization=hosts[0], cohort=cohort, status=ProjectStatus.DRAFT, title="Draft project")
    ProjectFactory(organization=hosts[1], cohort=cohort, status=ProjectStatus.WITHDRAWN, title="Withdrawn one")
    return approved


@pytest.fixture
def accepted(talent, cohort):
    """The `talent` fixture, accepted to Cohort 2027."""
    return accept(talent, cohort)


@pytest.fixture
def talent_client(client, talent, settings):
    settings.SESSION_COOKIE_AGE = 5 * 365 * 24 * 3600  # the session outlives the clock's moves
    client.force_login(talent)
    return client


def overview(talent_client):
    response = talent_client.get(OVERVIEW)
    assert response.status_code == 200
    return response.text


def placed(profile, projects, *, status):
    """Three placements at three different hosts, one per period."""
    return [place(profile, projects[number - 1], number, status=status) for number in (1, 2, 3)]


def placed_in(cohort, cohort_status, profile, projects, *, status):
    """The cohort moved on to `cohort_status`, and the talent's three placements (`placed`)."""
    cohort.status = cohort_status
    cohort.save()
    return placed(profile, projects, status=status)


def test_an_applicant_sees_the_stage_and_what_happens_next(talent, cohort, talent_client):
    ApplicationFactory(talent=talent.talent_profile, cohort=cohort, status=ApplicationStatus.SUBMITTED)
    text = overview(talent_client)
    assert "Submitted" in text
    assert "We email you when your application moves on" in text
    assert "What to do now" not in text and "Rank projects" not in text


def test_an_applicant_invited_to_an_interview_is_told_so(talent, cohort, talent_client):
    ApplicationFactory(talent=talent.talent_profile, cohort=cohort, status=ApplicationStatus.INTERVIEW)
    assert "we have emailed you about the interview" in overview(talent_client)


def test_an_accepted_talent_of_an_upcoming_cohort_sees_its_start_and_periods(accepted, cohort, talent_client):
    text = overview(talent_client)
    assert "Your schedule in Cohort 2027" in text
    assert f"You are accepted to Cohort 2027, which starts on {day_text(STARTS_ON)}" in text
    for period in cohort.periods.all():
        assert day_text(period.starts_on) in text and day_text(period.ends_on) in text
    assert 'class="table table-stack"' in text


def test_before_ranking_opens_the_overview_says_when_it_will(accepted, cohort, talent_client):
    cohort.preference_deadline = None
    cohort.save()
    text = overview(talent_client)
    assert "Ranking of the host projects opens once the programme team has approved them and set a deadline" in text
    assert "Rank the host projects by" not in text


def test_a_cohort_still_being_planned_says_ranking_opens_with_matching(accepted, cohort, talent_client):
    cohort.status = CohortStatus.PLANNING
    cohort.save()
    text = overview(talent_client)
    assert "Ranking of the host projects opens when the programme team starts matching your cohort" in text
    assert PREFERENCES not in text


def test_with_the_window_open_the_overview_prompts_to_rank_with_deadline_and_progress(
    accepted, cohort, projects, other_talent, talent_client
):
    save_talent_ranking(accepted, cohort, projects[:6], by=None)
    # Another talent's ranking counts for nobody else.
    save_talent_ranking(accept(other_talent, cohort), cohort, projects[:9], by=None)
    text = overview(talent_client)
    assert f"Rank the host projects by {moment_text(cohort.preference_deadline)} (Swedish time)" in text
    assert "6 of 12 projects ranked" in text
    assert f'href="{PREFERENCES}"' in text
    assert "Rank projects" in text  # the subnavigation's link


def test_a_talent_who_ranked_nothing_yet_is_asked_to_start(accepted, cohort, projects, talent_client):
    text = overview(talent_client)
    assert "0 of 12 projects ranked" in text
    assert "Rank the projects" in text


def test_a_ranked_project_withdrawn_since_no_longer_counts(accepted, cohort, projects, talent_client):
    save_talent_ranking(accepted, cohort, projects[:3], by=None)
    projects[0].status = ProjectStatus.WITHDRAWN
    projects[0].save()
    assert "2 of 11 projects ranked" in overview(talent_client)


def test_with_no_project_approved_yet_the_overview_gives_the_deadline(accepted, cohort, talent_client):
    text = overview(talent_client)
    assert "The host projects are still being approved" in text
    assert moment_text(cohort.preference_deadline) in text


def test_after_the_deadline_the_overview_says_ranking_closed_and_matching_follows(
    accepted, cohort, projects, clock, talent_client
):
    save_talent_ranking(accepted, cohort, projects[:5], by=None)
    cohort.status = CohortStatus.MATCHING
    cohort.save()
    clock.move_to(at(date(2027, 7, 15)))
    text = overview(talent_client)
    assert f"Ranking closed on {moment_text(cohort.preference_deadline)}: you ranked 5 of 12 projects" in text
    assert "See your ranking" in text


def test_a_matched_talent_sees_the_first_placement_and_the_three_hosts(
    accepted, cohort, projects, clock, talent_client
):
    placements = placed_in(cohort, CohortStatus.MATCHING, accepted, projects, status="confirmed")
    clock.move_to(at(date(2027, 8, 1)))
    text = overview(talent_client)
    assert f"your first placement, at Host 0, starts on {day_text(placements[0].starts_on)}" in text
    for placement in placements:
        assert placement.project.title in text
    assert "Rank the host projects by" not in text and "Ranking closed" not in text


def test_a_running_talent_sees_the_placement_of_today_with_the_supervisor_and_this_weeks_day(
    accepted, cohort, projects, clock, talent_client
):
    placements = placed_in(cohort, CohortStatus.RUNNING, accepted, projects, status="active")
    clock.move_to(at(date(2027, 10, 12)))
    text = overview(talent_client)
    assert f"Now: period 1 at Host 0, “Project 00”, until {day_text(placements[0].ends_on)}." in text
    assert "Your supervisor: Dr. Karin Ström" in text
    assert "Log this week's AI Sweden day" in text
    assert "Progress so far" in text
    assert "Rank projects" not in text
    assert reverse("rotations_talent:hiring") not in text  # not before the last period


def test_two_weeks_before_a_placement_ends_its_feedback_is_due_with_the_date(
    accepted, cohort, projects, clock, talent_client
):
    first = placed_in(cohort, CohortStatus.RUNNING, accepted, projects, status="active")[0]
    clock.move_to(at(first.ends_on - timedelta(days=5)))
    text = overview(talent_client)
    assert f"Give feedback on your placement at Host 0 by {day_text(first.ends_on)}" in text
    assert reverse("rotations_talent:feedback", args=[first.uuid]) in text

    Evaluation.objects.create(
        placement=first, side="talent", author=accepted.user, project_rating=4, support_rating=4, growth_rating=4
    )
    assert "Give feedback on your placement at Host 0" not in overview(talent_client)


def test_in_the_last_period_the_overview_asks_about_hiring_by_the_cohorts_end(
    accepted, cohort, projects, clock, talent_client
):
    last = placed_in(cohort, CohortStatus.RUNNING, accepted, projects, status="active")[2]
    clock.move_to(at(last.starts_on + timedelta(days=20)))
    text = overview(talent_client)
    assert f"Your last period has begun. Tell us by {day_text(last.ends_on)}" in text
    assert reverse("rotations_talent:hiring") in text
    assert "Now: period 3 at Host 2" in text


def test_a_finished_talent_is_thanked_and_still_finds_feedback_and_hiring(
    accepted, cohort, projects, clock, talent_client
):
    last = placed_in(cohort, CohortStatus.COMPLETED, accepted, projects, status="completed")[2]
    clock.move_to(at(last.ends_on + timedelta(days=3)))
    text = overview(talent_client)
    assert f"Your programme in Cohort 2027 ended on {day_text(last.ends_on)}" in text
    assert "Eye for AI alumni" in text
    # Feedback stays open after the end: the overview names the end, not a deadline already past.
    assert f"Give feedback on your placement at Host 2, which ended on {day_text(last.ends_on)}" in text
    assert f"Host 2 by {day_text(last.ends_on)}" not in text
    assert reverse("rotations_talent:feedback", args=[last.uuid]) in text
    assert reverse("rotations_talent:hiring") in text


def test_the_subnavigation_links_to_ranking_on_every_talent_page_while_the_cohort_is_matched(
    accepted, cohort, projects, talent_client
):
    for path in [reverse("talents:profile"), reverse("talents:application"), PREFERENCES]:
        assert f'href="{PREFERENCES}"' in talent_client.get(path).text, path
    cohort.status = CohortStatus.RUNNING
    cohort.save()
    assert f'href="{PREFERENCES}"' not in talent_client.get(reverse("talents:profile")).text


def test_the_application_page_links_an_accepted_talent_to_the_overview(accepted, talent_client):
    text = talent_client.get(reverse("talents:application")).text
    assert f'are on <a href="{OVERVIEW}">your overview page</a>' in text


# --- The kept copy (portal/dashboard_cache.py) ------------------------------------------------------


def test_a_day_logged_after_a_view_shows_on_the_next(accepted, cohort, projects, clock, talent_client):
    placed_in(cohort, CohortStatus.RUNNING, accepted, projects, status="active")
    clock.move_to(at(date(2027, 10, 12)))
    assert "Log this week's AI Sweden day" in overview(talent_client)

    DayLogFactory(talent=accepted, cohort=cohort, date=date(2027, 10, 11))

    text = overview(talent_client)
    assert "This week's AI Sweden day is logged." in text
    assert "Log this week's AI Sweden day" not in text


def test_placements_moved_on_in_bulk_show_on_the_next_view(accepted, cohort, projects, clock, talent_client):
    # advance_placements (the nightly task) writes with QuerySet.update, which sends no model signal.
    placed_in(cohort, CohortStatus.RUNNING, accepted, projects, status="confirmed")
    clock.move_to(at(date(2027, 10, 12)))
    assert '<span class="badge">Active</span>' not in overview(talent_client)

    advance_placements(today=date(2027, 10, 12))

    assert '<span class="badge">Active</span>' in overview(talent_client)


def test_a_call_closing_later_the_same_day_closes_on_the_overview_without_a_write(talent, clock, talent_client):
    CohortFactory(
        name="Cohort 2027",
        status=CohortStatus.RECRUITING,
        applications_open_at=at(date(2027, 2, 1)),
        application_deadline=at(date(2027, 3, 1), hour=15),
    )
    assert "Applications for Cohort 2027 are open until" in overview(talent_client)

    clock.move_to(at(date(2027, 3, 1), hour=16))

    text = overview(talent_client)
    assert "No call for applications is open right now." in text
    assert "Applications for Cohort 2027 are open until" not in text


def test_the_overview_is_kept_per_language(accepted, talent_client):
    assert "Your schedule in Cohort 2027" in overview(talent_client)
    swedish = talent_client.get(OVERVIEW, headers={"accept-language": "sv"}).text
    assert "Your schedule in Cohort 2027" not in swedish
    assert "Din översikt" in swedish
    assert "Your schedule in Cohort 2027" in overview(talent_client)


def test_a_form_on_a_kept_overview_carries_the_token_of_each_session(accepted, cohort, projects, talent):
    placed_in(cohort, CohortStatus.MATCHING, accepted, projects, status="confirmed")
    regenerate = reverse("rotations_talent:calendar_regenerate")
    for _session in range(2):  # the second session reads the copy the first one left
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(talent)
        page = browser.get(OVERVIEW).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        assert browser.post(regenerate, {"csrfmiddlewaretoken": token}).status_code == 302


def test_an_erased_talents_overviews_leave_the_cache(
    accepted, talent, manager, talent_client, django_capture_on_commit_callbacks
):
    overview(talent_client)
    talent_client.get(OVERVIEW, headers={"accept-language": "sv"})
    keys = [f"overviews:v2:talent:{talent.pk}:{language}" for language in ("en", "sv")]
    assert all(cache.get(key) is not None for key in keys)

    request = erasure.request_erasure(talent, by=talent)
    erasure.confirm_erasure(request, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase_account(request)

    assert cache.get_many(keys) == {}


def test_a_copy_kept_while_the_erasure_commits_is_deleted_after_commit(
    talent, manager, django_capture_on_commit_callbacks
):
    key = f"overviews:v2:talent:{talent.pk}:en"
    request = erasure.request_erasure(talent, by=talent)
    erasure.confirm_erasure(request, by=manager)
    with django_capture_on_commit_callbacks() as after_commit:
        erasure.erase_account(request)
    cache.set(key, "kept by a request that read the rows before the erasure committed")

    for callback in after_commit:
        callback()

    assert cache.get(key) is None


# --- Query counts ------------------------------------------------------------------------------
# session, user, applications (with events and periods: 3), the open call, and when the cohorts' next
# deadline comes (how long the kept copy may serve). An accepted talent's rotations part adds placements
# and the calendar feed, and each state what it shows: the ranking's one count; a running cohort's logs
# and absences; the talent's feedback already given, once a form is open. Seen again, the page is the
# kept copy, and so is the person (portal/signed_in_user.py): the session only.
BASE_QUERIES = 7
KEPT_QUERIES = 1
STATE_QUERIES = {"applied": 0, "ranking": 3, "matched": 3, "running": 4, "feedback": 5, "finished": 3}


def _grow(cohort, projects, size):
    """More of everything the page must not count row by row: talents, rankings, projects."""
    extra_host = HostOrganizationFactory(name=f"Extra host {size}", slug=f"extra-host-{size}")
    for number in range(size):
        approved_project(extra_host, cohort, title=f"Extra {number}")
        save_talent_ranking(accepted_talent(cohort, 100 + number), cohort, projects[: 1 + number % 5], by=None)


def _into_state(state, *, talent, cohort, projects, clock):
    if state == "applied":
        talent.applications.update(status=ApplicationStatus.SUBMITTED)
        return
    save_talent_ranking(talent, cohort, projects[:4], by=None)
    if state == "ranking":
        return
    status = {"matched": "confirmed", "running": "active", "feedback": "active", "finished": "completed"}[state]
    cohort_status = {"matched": CohortStatus.MATCHING, "finished": CohortStatus.COMPLETED}.get(
        state, CohortStatus.RUNNING
    )
    placements = placed_in(cohort, cohort_status, talent, projects, status=status)
    clock.move_to(
        at(
            {
                "matched": date(2027, 8, 1),
                "running": date(2027, 10, 12),
                "feedback": placements[0].ends_on - timedelta(days=3),
                "finished": placements[2].ends_on + timedelta(days=3),
            }[state]
        )
    )


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize("state", list(STATE_QUERIES))
def test_the_overview_issues_a_fixed_number_of_queries_in_every_state(
    state, size, accepted, cohort, projects, clock, talent_client, django_assert_num_queries
):
    _grow(cohort, projects, size)
    _into_state(state, talent=accepted, cohort=cohort, projects=projects, clock=clock)
    with django_assert_num_queries(BASE_QUERIES + STATE_QUERIES[state]):
        assert talent_client.get(OVERVIEW).status_code == 200
    with django_assert_num_queries(KEPT_QUERIES):
        assert talent_client.get(OVERVIEW).status_code == 200
