"""A calendar feed ends with its owner's access: a deactivated account, a membership that ended."""

import icalendar
import pytest
from django.urls import reverse

from hosts.models import HostMembership
from rotations.models import CalendarFeed
from rotations.services.calendars import feed_for_host, feed_for_talent
from rotations.services.placements import assign_placement, confirm_placement
from tests.factories import HostMembershipFactory
from tests.rotations.fixtures import accepted_talent

pytestmark = pytest.mark.django_db


def talent_feed(client, token):
    return client.get(reverse("rotations_talent:calendar"), {"token": token})


def host_feed(client, token):
    return client.get(reverse("rotations_host:calendar"), {"token": token})


def test_a_deactivated_talents_feed_is_not_found(client, talent, talent_placement):
    token = feed_for_talent(talent).token
    assert talent_feed(client, token).status_code == 200
    talent.is_active = False
    talent.save(update_fields=["is_active"])
    assert talent_feed(client, token).status_code == 404


def test_a_host_members_feed_ends_when_they_leave_the_organisation(
    client, host_member, host_organization, talent_placement
):
    colleague = HostMembershipFactory(organization=host_organization).user
    leaving, staying = (
        feed_for_host(host_organization, member=host_member),
        feed_for_host(host_organization, member=colleague),
    )
    assert leaving.token != staying.token  # each member has an address of their own
    assert host_feed(client, leaving.token).status_code == 200

    HostMembership.objects.filter(user=host_member).delete()

    assert host_feed(client, leaving.token).status_code == 404
    calendar = icalendar.Calendar.from_ical(host_feed(client, staying.token).content)
    assert len(list(calendar.walk("VEVENT"))) == 1  # the colleague who stayed still sees the placement


def test_a_deactivated_host_members_feed_is_not_found(client, host_member, host_organization, talent_placement):
    token = feed_for_host(host_organization, member=host_member).token
    host_member.is_active = False
    host_member.save(update_fields=["is_active"])
    assert host_feed(client, token).status_code == 404


def test_a_member_who_moved_to_another_organisation_does_not_see_the_first_ones_placements(
    client, host_member, host_organization, other_host_organization, talent_placement
):
    old = feed_for_host(host_organization, member=host_member).token
    HostMembership.objects.filter(user=host_member).update(organization=other_host_organization)
    assert host_feed(client, old).status_code == 404
    new = feed_for_host(other_host_organization, member=host_member).token
    assert new != old
    assert host_feed(client, old).status_code == 404
    calendar = icalendar.Calendar.from_ical(host_feed(client, new).content)
    assert list(calendar.walk("VEVENT")) == []  # the talent is placed with the first organisation


def test_the_host_page_shows_the_members_own_address(client, host_member, host_organization, talent_placement):
    colleague_feed = feed_for_host(host_organization, member=HostMembershipFactory(organization=host_organization).user)
    client.force_login(host_member)
    page = client.get(reverse("rotations_host:talents")).content.decode()
    assert colleague_feed.token not in page
    client.post(reverse("rotations_host:calendar_regenerate"))
    own = CalendarFeed.objects.get(user=host_member)
    assert own.organization == host_organization
    assert own.token in client.get(reverse("rotations_host:talents")).content.decode()


def test_confirming_a_placement_gives_every_member_of_the_host_an_address(
    rotation_cohort, hosts_with_projects, manager
):
    project = hosts_with_projects[0]
    members = [HostMembershipFactory(organization=project.organization).user for _ in range(2)]
    profile = accepted_talent(rotation_cohort, 1)
    period = rotation_cohort.periods.get(number=2)
    confirm_placement(assign_placement(talent=profile, project=project, period=period, by=manager), by=manager)
    feeds = CalendarFeed.objects.filter(user__in=members)
    assert sorted(feed.user_id for feed in feeds) == sorted(member.pk for member in members)
    assert {feed.organization_id for feed in feeds} == {project.organization_id}
    assert CalendarFeed.objects.filter(user=profile.user, organization=None).exists()
