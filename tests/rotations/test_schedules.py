from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from rotations.services.calendars import feed_for_host, feed_for_talent
from rotations.services.placements import cancel_placement
from rotations.services.sharing import share_plan
from tests.factories import ApplicationFactory
from tests.rotations.fixtures import accepted_talent, place

pytestmark = pytest.mark.django_db


def test_host_sees_talents_placed_or_proposed_in_a_shared_plan_with_contact_and_cv(
    client, host_member, manager, talent_placement
):
    other = accepted_talent(talent_placement.cohort, 9)
    proposed = place(other, talent_placement.project, 2)
    share_plan(talent_placement.cohort, by=manager)  # proposed ones are hidden until shared (test_plan_sharing.py)
    client.force_login(host_member)
    page = client.get(reverse("rotations_host:talents")).content.decode()
    assert talent_placement.talent.name in page and talent_placement.talent.user.email in page
    assert other.name in page and "Proposed" in page
    assert reverse("rotations_host:cv", args=[proposed.uuid]) in page


def test_another_hosts_member_sees_none_of_them(client, other_host_member, talent_placement):
    client.force_login(other_host_member)
    page = client.get(reverse("rotations_host:talents")).content.decode()
    assert talent_placement.talent.name not in page
    assert client.get(reverse("rotations_host:cv", args=[talent_placement.uuid])).status_code == 404


def test_host_downloads_the_cv_of_a_placed_talent(client, host_member, talent_placement):
    client.force_login(host_member)
    response = client.get(reverse("rotations_host:cv", args=[talent_placement.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("size", [3, 30])
def test_host_talents_page_has_a_fixed_query_count(
    client, host_member, hosts_with_projects, django_assert_num_queries, size
):
    project = hosts_with_projects[0]
    rotation_cohort = project.cohort
    for period in rotation_cohort.periods.all():
        project.seats.filter(period=period).update(seats=size)
    for number in range(size):
        place(accepted_talent(rotation_cohort, number), project, 1 + number % 3, status="confirmed")
    client.force_login(host_member)
    with django_assert_num_queries(HOST_TALENTS_QUERIES):
        response = client.get(reverse("rotations_host:talents"))
    assert response.content.decode().count("Talent") >= size


def test_talent_calendar_has_an_all_day_event_per_placement(client, talent, talent_placement):
    feed = feed_for_talent(talent)
    response = client.get(reverse("rotations_talent:calendar"), {"token": feed.token})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event["summary"] == f"{talent_placement.host.name}: {talent_placement.project.title}"
    assert event.decoded("dtstart") == talent_placement.starts_on
    assert event.decoded("dtend") == talent_placement.ends_on + timedelta(days=1)


def test_a_changed_placement_changes_the_calendar(client, talent, talent_placement, manager):
    feed = feed_for_talent(talent)
    cancel_placement(talent_placement, reason="Moved to another host.", by=manager)
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("rotations_talent:calendar"), {"token": feed.token}).content
    )
    assert list(calendar.walk("VEVENT")) == []


def test_a_wrong_or_missing_token_is_not_found(client, talent_placement):
    assert client.get(reverse("rotations_talent:calendar")).status_code == 404
    assert client.get(reverse("rotations_talent:calendar"), {"token": "guess"}).status_code == 404


def test_regenerating_the_token_cuts_off_the_old_address(client, talent, talent_placement):
    old = feed_for_talent(talent).token
    client.force_login(talent)
    client.post(reverse("rotations_talent:calendar_regenerate"))
    new = feed_for_talent(talent).token
    assert new != old
    client.logout()
    assert client.get(reverse("rotations_talent:calendar"), {"token": old}).status_code == 404
    assert client.get(reverse("rotations_talent:calendar"), {"token": new}).status_code == 200


def test_host_calendar_lists_the_organisations_talents(client, talent_placement, host_organization, host_member):
    feed = feed_for_host(host_organization, member=host_member)
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("rotations_host:calendar"), {"token": feed.token}).content
    )
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        f"{talent_placement.talent.name}: {talent_placement.project.title}"
    ]


def test_a_talent_token_does_not_open_the_host_calendar(client, talent, talent_placement):
    token = feed_for_talent(talent).token
    assert client.get(reverse("rotations_host:calendar"), {"token": token}).status_code == 404


def test_cv_of_the_cohort_application_is_the_one_served(client, host_member, talent_placement):
    # An application to another cohort (with another CV) is never what the host gets.
    ApplicationFactory(talent=talent_placement.talent)
    client.force_login(host_member)
    response = client.get(reverse("rotations_host:cv", args=[talent_placement.uuid]))
    assert talent_placement.cohort.slug in response["Content-Disposition"]


# session, user with membership, placements (with their cohort's last period), the organisation's
# evaluations, its hiring interests, calendar feed
HOST_TALENTS_QUERIES = 6


def _talent_row(page, placement):
    """The host talents page's <tr> of `placement` (found by its CV link)."""
    start = page.index(reverse("rotations_host:cv", args=[placement.uuid]))
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def test_the_host_talents_row_follows_feedback_and_hiring_interest(
    client, talent, host_member, talent_placement, time_machine
):
    time_machine.move_to(talent_placement.ends_on - timedelta(days=5), tick=False)  # last period, feedback open
    name = talent_placement.talent.name
    client.force_login(host_member)
    row = _talent_row(client.get(reverse("rotations_host:talents")).content.decode(), talent_placement)
    assert reverse("rotations_host:feedback", args=[talent_placement.uuid]) in row
    assert f"We would like to hire {name}" in row

    feedback = {"project_rating": 5, "support_rating": 4, "growth_rating": 5, "comments": "A great colleague."}
    client.post(reverse("rotations_host:feedback", args=[talent_placement.uuid]), feedback)
    client.post(reverse("rotations_host:hiring", args=[talent_placement.uuid]), {"interested": "yes"})
    row = _talent_row(client.get(reverse("rotations_host:talents")).content.decode(), talent_placement)
    assert "Given" in row and reverse("rotations_host:feedback", args=[talent_placement.uuid]) not in row
    assert f"Withdraw interest in {name}" in row

    client.force_login(talent)
    client.post(reverse("rotations_talent:hiring"), {"host": talent_placement.host.slug, "interested": "yes"})
    client.force_login(host_member)
    row = _talent_row(client.get(reverse("rotations_host:talents")).content.decode(), talent_placement)
    assert "Mutual" in row and "<form" not in row


def test_hiring_interest_is_not_offered_before_the_last_period(client, host_member, talent_placement, time_machine):
    time_machine.move_to(talent_placement.starts_on - timedelta(days=30), tick=False)
    client.force_login(host_member)
    row = _talent_row(client.get(reverse("rotations_host:talents")).content.decode(), talent_placement)
    assert "<form" not in row
    assert reverse("rotations_host:feedback", args=[talent_placement.uuid]) not in row
