"""The road to 800: the course managers' dashboard (/admin/road-to-800/), its CSV and the public page's reach."""

import csv
import io
import random
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.admin.road_to_800 import chart
from courses.choices import BodyKind, LeaderRole
from courses.models import Participant, PublicBody
from courses.progress_to_goal import GOAL, GOAL_DATE, goal_progress
from courses.road_to_800 import dashboard, goal_line, public_reach
from tests.conftest_helpers import person_loaded_afresh
from tests.courses.factories import CourseManagerFactory, ParticipantFactory, PublicBodyFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=STOCKHOLM)  # a Monday
START = NOW - timedelta(weeks=30)


def body(kind, name):
    return PublicBody.objects.get(kind=kind, name=name)


def leader(public_body, *, role=LeaderRole.MANAGER, joined=START, part_one=None, part_two=None, other=""):
    """A participant; completed (both parts) when both dates are given: the later of the two, as the services do."""
    completed = max(part_one, part_two) if part_one and part_two else None
    return ParticipantFactory(
        public_body=public_body,
        other_organisation=other,
        role=role,
        joined_at=joined,
        part_one_completed_at=part_one,
        part_two_completed_at=part_two,
        completed_at=completed,
    )


def random_leaders(count, seed):
    """`count` leaders spread over a few counties' municipalities and regions, some agencies and roles."""
    rng = random.Random(seed)
    bodies = list(
        PublicBody.objects.filter(kind=BodyKind.MUNICIPALITY, county_code__in=["01", "22", "25"]).order_by("code")[:12]
    )
    bodies += list(PublicBody.objects.filter(kind=BodyKind.REGION, county_code__in=["01", "22", "14"]))
    bodies += list(PublicBody.objects.filter(kind=BodyKind.AGENCY).order_by("name")[:3])
    for _number in range(count):
        joined = START + timedelta(days=rng.randrange(0, 200), hours=rng.randrange(0, 24))
        part_one = joined + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.7 else None
        part_two = joined + timedelta(days=rng.randrange(5, 30)) if rng.random() < 0.5 else None
        part_two = part_two if part_two is None or part_two < NOW else None
        part_one = part_one if part_one is None or part_one < NOW else None
        leader(
            rng.choice(bodies), role=rng.choice(LeaderRole.values), joined=joined, part_one=part_one, part_two=part_two
        )
    leader(None, other="Kommunalförbundet Väst", joined=START, part_one=START, part_two=START + timedelta(days=2))


@pytest.mark.django_db
def test_the_dashboard_equals_direct_counts_of_the_database():
    random_leaders(40, seed=18)
    figures = dashboard(NOW)
    completed = Participant.objects.filter(completed_at__isnull=False)

    assert figures.totals.joined == Participant.objects.count() == 41
    assert figures.totals.part_one == Participant.objects.filter(part_one_completed_at__isnull=False).count()
    assert figures.totals.part_two == Participant.objects.filter(part_two_completed_at__isnull=False).count()
    assert figures.totals.completed == completed.count() > 0
    assert figures.municipalities == 290 and figures.regions == 21
    reached = PublicBody.objects.filter(participants__completed_at__isnull=False).distinct()
    assert figures.municipalities_reached == reached.filter(kind=BodyKind.MUNICIPALITY).count()
    assert figures.regions_reached == reached.filter(kind=BodyKind.REGION).count()
    assert sorted(figures.agencies_reached) == sorted(
        reached.filter(kind=BodyKind.AGENCY).values_list("name", flat=True)
    )
    for row in figures.roles:
        assert row.joined == Participant.objects.filter(role=row.role).count()
        assert row.completed == completed.filter(role=row.role).count()
    assert (figures.unmapped.joined, figures.unmapped.completed) == (1, 1)
    # Each county's leaders are its municipalities' and its region's.
    for county in figures.counties:
        in_county = Participant.objects.filter(public_body__county_code=county.county_code).exclude(
            public_body__kind=BodyKind.AGENCY
        )
        assert (county.joined, county.completed) == (
            in_county.count(),
            in_county.filter(completed_at__isnull=False).count(),
        )
    assert sum(county.municipalities for county in figures.counties) == 290
    # The chart's last point is everyone completed so far; the weeks' completions add up to it.
    assert figures.timeline[-1].completed == completed.count()
    assert figures.first_signup == Participant.objects.earliest("joined_at").joined_at.astimezone(STOCKHOLM).date()


@pytest.mark.django_db
def test_municipalities_and_regions_with_no_completed_leader_are_listed_per_county():
    done = START + timedelta(days=10)
    leader(body(BodyKind.MUNICIPALITY, "Sundsvall"), part_one=done, part_two=done)
    leader(body(BodyKind.MUNICIPALITY, "Timrå"), part_one=done)  # only the self-study part: not reached
    leader(body(BodyKind.REGION, "Region Uppsala"), part_one=done, part_two=done)

    figures = dashboard(NOW)

    vasternorrland = next(county for county in figures.counties if county.county_code == "22")
    assert vasternorrland.name == "Region Västernorrland"
    assert "Timrå" in vasternorrland.unreached and "Härnösand" in vasternorrland.unreached
    assert "Sundsvall" not in vasternorrland.unreached
    assert (vasternorrland.municipalities_reached, vasternorrland.joined, vasternorrland.completed) == (1, 2, 1)
    assert "Region Västernorrland" in figures.unreached_regions
    assert "Region Uppsala" not in figures.unreached_regions
    assert (figures.municipalities_reached, figures.regions_reached) == (1, 1)


@pytest.mark.django_db
def test_the_dashboard_takes_four_queries_whatever_the_number_of_participants(django_assert_num_queries):
    with django_assert_num_queries(4):
        assert dashboard(NOW).timeline == []  # nobody yet: the same queries run
    random_leaders(5, seed=1)
    with django_assert_num_queries(4):
        dashboard(NOW)
    random_leaders(30, seed=2)
    with django_assert_num_queries(4):
        dashboard(NOW)


@pytest.mark.django_db
def test_weeks_are_stockholm_weeks_newest_first_and_the_chart_is_cumulative():
    sunday_night = datetime(2026, 11, 29, 23, 30, tzinfo=STOCKHOLM)  # 22:30 UTC: still last week in Stockholm
    leader(None, other="Förbundet", joined=datetime(2026, 11, 2, 9, 0, tzinfo=STOCKHOLM))
    leader(None, other="Förbundet", joined=sunday_night, part_one=sunday_night, part_two=sunday_night)
    leader(None, other="Förbundet", joined=NOW, part_one=NOW, part_two=NOW)

    figures = dashboard(NOW)

    assert [week.starts_on for week in figures.recent_weeks] == [
        date(2026, 11, 30),
        date(2026, 11, 23),
        date(2026, 11, 16),
        date(2026, 11, 9),
        date(2026, 11, 2),
    ]
    assert [(week.signups, week.completions) for week in figures.recent_weeks] == [
        (1, 1),
        (1, 1),
        (0, 0),
        (0, 0),
        (1, 0),
    ]
    assert [point.completed for point in figures.timeline] == [0, 0, 0, 1, 2]
    assert figures.timeline[-1].ends_on == date(2026, 12, 6)


@pytest.mark.django_db
def test_the_weekly_table_shows_only_the_last_twelve_weeks():
    leader(None, other="Förbundet", joined=NOW - timedelta(weeks=40))
    leader(None, other="Förbundet", joined=NOW - timedelta(weeks=2))
    figures = dashboard(NOW)
    assert len(figures.recent_weeks) == 12
    assert sum(week.signups for week in figures.recent_weeks) == 1
    assert len(figures.timeline) == 41


def test_the_goal_line_runs_from_zero_at_the_first_sign_up_to_800_on_the_goal_date():
    start = date(2026, 1, 2)  # 728 days before the goal date: halfway is a whole day
    assert goal_line(start, start) == 0
    assert goal_line(start, GOAL_DATE) == GOAL
    assert goal_line(start, GOAL_DATE + timedelta(days=100)) == GOAL
    halfway = start + (GOAL_DATE - start) / 2
    assert goal_line(start, halfway) == GOAL // 2


@pytest.mark.django_db
def test_the_public_reach_counts_completed_leaders_and_the_bodies_they_work_for(django_assert_max_num_queries):
    done = START + timedelta(days=3)
    leader(body(BodyKind.MUNICIPALITY, "Sundsvall"), part_one=done, part_two=done)
    leader(body(BodyKind.MUNICIPALITY, "Sundsvall"), part_one=done, part_two=done)
    leader(body(BodyKind.MUNICIPALITY, "Umeå"), part_one=done)
    leader(body(BodyKind.REGION, "Region Stockholm"), part_one=done, part_two=done)

    with django_assert_max_num_queries(1):
        reach = public_reach()

    assert (reach.municipalities_reached, reach.municipalities) == (1, 290)
    assert (reach.regions_reached, reach.regions) == (1, 21)
    text = " ".join(render_to_string("courses/includes/reach.html", {"reach": reach}).split())
    assert "Leaders from 1 of 290 municipalities and 1 of 21 regions have completed the course." in text
    assert goal_progress().completed == 3


# --- The admin page ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_course_manager_reads_the_dashboard_with_its_chart(client, course_manager):
    done = START + timedelta(days=10)
    leader(body(BodyKind.MUNICIPALITY, "Sundsvall"), part_one=done, part_two=done)
    leader(body(BodyKind.AGENCY, PublicBody.objects.filter(kind=BodyKind.AGENCY).first().name), part_one=done)
    client.force_login(course_manager)

    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("portal:road_to_800"))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="road-chart-title road-chart-desc"', html)
    assert '<title id="road-chart-title">Leaders who completed the course, against the goal line</title>' in html
    assert "<polyline" in html and " style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    text = " ".join(html.split())
    assert "1 of 800 leaders have completed the course." in text
    assert "1 of 290 municipalities have a leader who completed the course." in text
    assert "Härnösand" in text  # not reached, listed for outreach
    assert reverse("portal:road_to_800_export") in html


@pytest.mark.django_db
def test_the_chart_spans_the_first_sign_up_to_the_goal_date():
    leader(None, other="Förbundet", joined=START, part_one=START, part_two=START + timedelta(days=1))
    drawing = chart(dashboard(NOW))
    assert drawing.x_ticks[0].value == START.date() and drawing.x_ticks[-1].value == GOAL_DATE
    assert [tick.value for tick in drawing.y_ticks] == [0, 200, 400, 600, 800]
    assert drawing.goal_points.split()[-1] == f"{drawing.right:g},{drawing.top:g}"  # 800 on the goal date


@pytest.mark.django_db
def test_there_is_no_chart_before_anyone_joined():
    assert chart(dashboard(NOW)) is None


@pytest.mark.django_db
def test_the_page_takes_the_same_number_of_queries_at_two_sizes(client, course_manager):
    client.force_login(course_manager)
    random_leaders(3, seed=3)
    client.get(reverse("portal:road_to_800"))  # warm the content types and permission caches
    person_loaded_afresh()
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("portal:road_to_800")).status_code == 200
    random_leaders(30, seed=4)
    person_loaded_afresh()
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("portal:road_to_800")).status_code == 200
    assert len(small) == len(large)


@pytest.mark.django_db
def test_the_csv_has_a_row_per_public_body_and_keeps_formulas_as_text(client, course_manager):
    done = START + timedelta(days=10)
    sundsvall = body(BodyKind.MUNICIPALITY, "Sundsvall")
    leader(sundsvall, part_one=done, part_two=done)
    leader(sundsvall, part_one=done)
    hostile = PublicBodyFactory(kind=BodyKind.AGENCY, name='=HYPERLINK("http://evil.example")', code="", county_code="")
    leader(hostile)
    leader(None, other="Förbundet")
    client.force_login(course_manager)

    response = client.get(reverse("portal:road_to_800_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "kind",
        "name",
        "code",
        "county",
        "joined",
        "self-study completed",
        "workshop attended",
        "course completed",
    ]
    assert ["Municipality", "Sundsvall", "2281", "Region Västernorrland", "2", "2", "1", "1"] in rows
    assert ["Municipality", "Härnösand", "2280", "Region Västernorrland", "0", "0", "0", "0"] in rows
    assert ["Government agency", '\'=HYPERLINK("http://evil.example")', "", "", "1", "0", "0", "0"] in rows
    assert rows[-1] == ["Other public organisation (not mapped)", "", "", "", "1", "0", "0", "0"]
    assert len(rows) == 1 + PublicBody.objects.count() + 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["portal:road_to_800", "portal:road_to_800_export"])
def test_only_a_course_manager_with_a_second_factor_gets_the_figures(client, participant, manager, name):
    url = reverse(name)

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("admin:login"))

    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))

    client.force_login(manager)  # a programme manager, with a second factor, but not of the course
    assert client.get(url).status_code == 403

    password_only = Client()  # Django's own client records no second-factor step
    password_only.force_login(CourseManagerFactory())
    response = password_only.get(url)
    assert response.status_code == 302 and reverse("admin:index") not in response["Location"].split("?")[0]


@pytest.mark.django_db
def test_the_admin_index_lists_the_road_to_800_for_course_managers_only(client, course_manager, manager):
    client.force_login(course_manager)
    response = client.get(reverse("admin:index"))
    courses = next(app for app in response.context["app_list"] if app["app_label"] == "courses")
    assert courses["models"][0]["admin_url"] == reverse("portal:road_to_800")
    assert f'href="{reverse("portal:road_to_800")}"' in response.content.decode()

    client.force_login(manager)
    response = client.get(reverse("admin:index"))
    assert reverse("portal:road_to_800") not in response.content.decode()
