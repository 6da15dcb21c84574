"""/host/talents/ keeps its tables per organisation, language and day (rotations/host_talent_table.py,
eyeforai/kept_copies.py): a change anyone makes to what they show is on the next view, so is a new day,
and each reader's hiring forms carry their own CSRF token."""

import logging
import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hosts.models import Project
from rotations.choices import Side
from rotations.models import HiringInterest
from rotations.services.hiring import mark_hiring_interest
from rotations.services.placements import confirm_placements
from rotations.services.sharing import share_plan
from talents.services.profiles import save_profile
from tests.conftest_helpers import without_tokens
from tests.factories import HostMembershipFactory, UserFactory
from tests.rotations.fixtures import accepted_talent, place

pytestmark = pytest.mark.django_db

PAGE = reverse("rotations_host:talents")
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def member_client(client, host_member):
    client.force_login(host_member)
    return client


def page(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


# Built: session, user with membership, placements, evaluations, hiring interests, calendar feed.
# Kept: the session and the member's calendar feed (the person is kept too, portal/signed_in_user.py).
BUILT_QUERIES = 6
KEPT_QUERIES = 2


@pytest.mark.parametrize("size", [3, 30])
def test_the_kept_tables_cost_two_queries_at_any_size(
    member_client, hosts_with_projects, django_assert_num_queries, size
):
    project = hosts_with_projects[0]
    project.seats.update(seats=size)
    for number in range(size):
        place(accepted_talent(project.cohort, number), project, 1 + number % 3, status="confirmed")
    with django_assert_num_queries(BUILT_QUERIES):
        built = page(member_client)

    with django_assert_num_queries(KEPT_QUERIES):
        kept = page(member_client)

    assert kept.count(">CV of Talent") == size
    assert without_tokens(kept) == without_tokens(built)


def test_a_placement_a_manager_confirms_shows_on_the_next_view(
    member_client, manager, talent_placement, hosts_with_projects
):
    proposed = place(accepted_talent(talent_placement.cohort, 7), hosts_with_projects[0], 2)
    share_plan(talent_placement.cohort, by=manager)
    assert '<span class="badge">Proposed</span>' in page(member_client)

    confirm_placements([proposed], by=manager)

    assert '<span class="badge">Proposed</span>' not in page(member_client)


def test_a_talent_renaming_themselves_shows_on_the_next_view(member_client, talent, talent_placement):
    assert "Talent7 Tester" not in page(member_client)
    profile = talent_placement.talent

    save_profile(profile, data={"first_name": "Talent7", "last_name": "Tester"}, skills=[], by=talent)

    assert "Talent7 Tester" in page(member_client)


def test_a_project_renamed_by_a_queryset_update_shows_on_the_next_view(member_client, talent_placement):
    assert talent_placement.project.title in page(member_client)

    Project.objects.filter(pk=talent_placement.project_id).update(title="Triage with language models")  # no signal

    assert "Triage with language models" in page(member_client)


def test_the_talents_interest_shows_as_mutual_on_the_next_view(member_client, host_member, talent, talent_placement):
    arguments = {"talent": talent_placement.talent, "host": talent_placement.host, "cohort": talent_placement.cohort}
    mark_hiring_interest(**arguments, side=Side.HOST, by=host_member, today=timezone.localdate())
    assert "Withdraw interest in" in page(member_client)

    mark_hiring_interest(**arguments, side=Side.TALENT, by=talent, today=timezone.localdate())

    assert '<span class="badge badge-ok">Mutual</span>' in page(member_client)


def test_feedback_opens_on_its_day_without_a_write(client, host_member, talent_placement, time_machine):
    feedback = reverse("rotations_host:feedback", args=[talent_placement.uuid])
    opens = datetime.combine(talent_placement.ends_on - timedelta(days=14), time.min)
    time_machine.move_to(timezone.make_aware(opens - timedelta(minutes=1)), tick=False)
    client.force_login(host_member)
    assert feedback not in page(client)

    time_machine.move_to(timezone.make_aware(opens + timedelta(minutes=1)), tick=False)  # a new day, no write

    assert feedback in page(client)


def test_each_reader_of_the_kept_tables_gets_a_token_that_posts(host_member, host_organization, talent_placement):
    colleague = UserFactory(email="colleague@hospital.example.org")
    HostMembershipFactory(user=colleague, organization=host_organization)
    pages = []
    for member in (host_member, colleague):  # the colleague reads the copy the member's request left
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(member)
        pages.append(page(browser))

    hiring = reverse("rotations_host:hiring", args=[talent_placement.uuid])
    form = re.search(rf'<form method="post" action="{hiring}".*?value="([^"]+)"', pages[1])
    assert browser.post(hiring, {"csrfmiddlewaretoken": form.group(1), "interested": "yes"}).status_code == 302
    assert HiringInterest.objects.filter(talent=talent_placement.talent, host=host_organization).exists()


def test_the_page_is_built_from_the_database_when_the_cache_is_down(settings, member_client, talent_placement, caplog):
    settings.CACHES = CACHE_DOWN

    with caplog.at_level(logging.ERROR, logger="eyeforai.kept_copies"):
        html = page(member_client)

    assert talent_placement.talent.name in html
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]{20,}"', html)
    assert "Could not read host-talents:" in caplog.text
