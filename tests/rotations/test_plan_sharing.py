"""Proposed placements are the programme team's draft: hosts and talents see them only once confirmed, or
while a manager shares the proposed plan (recorded, and withdrawable)."""

from datetime import timedelta

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.programme.choices import CohortStatus
from rotations.services.calendars import build_calendar, feed_for_host, feed_for_talent
from rotations.services.sharing import share_plan, withdraw_plan_share
from tests.factories import CohortFactory
from tests.rotations.fixtures import accept, approved_project, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_cohort(db):
    """Being matched, its ranking window closed: a host sees a talent only through a placement."""
    return CohortFactory(
        name="Cohort 2028",
        slug="cohort-2028",
        status=CohortStatus.MATCHING,
        preference_deadline=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def proposed(talent, closed_cohort, host_organization):
    """`talent` proposed (not confirmed) at host_member's organisation in period 1."""
    project = approved_project(host_organization, closed_cohort, title="Sepsis early warning")
    return place(accept(talent, closed_cohort), project, 1)


def host_pages(client, placement):
    """What host_member's pages show of the placement: overview, talents page, talent page, CV."""
    talent = placement.talent
    return {
        "overview": talent.name in client.get(reverse("portal:host_dashboard")).content.decode(),
        "talents": talent.name in client.get(reverse("rotations_host:talents")).content.decode(),
        "talent_page": client.get(reverse("rotations_host:talent", args=[talent.uuid])).status_code,
        "feedback_page": client.get(reverse("rotations_host:feedback", args=[placement.uuid])).status_code,
    }


HIDDEN = {"overview": False, "talents": False, "talent_page": 404, "feedback_page": 404}
SHOWN = {"overview": True, "talents": True, "talent_page": 200, "feedback_page": 200}


def test_a_host_member_does_not_see_a_proposed_talent(client, host_member, proposed):
    client.force_login(host_member)
    assert host_pages(client, proposed) == HIDDEN


def test_a_host_member_sees_a_proposed_talent_once_the_plan_is_shared_and_not_after_it_is_withdrawn(
    client, host_member, manager, proposed
):
    client.force_login(host_member)
    share_plan(proposed.cohort, by=manager)
    assert host_pages(client, proposed) == SHOWN
    assert (
        "Matched: the programme team confirms the placement"
        in client.get(reverse("portal:host_dashboard")).content.decode()
    )

    withdraw_plan_share(proposed.cohort, by=manager)
    assert host_pages(client, proposed) == HIDDEN


def test_a_host_member_always_sees_a_confirmed_talent(client, host_member, proposed):
    proposed.status = "confirmed"
    proposed.save()
    client.force_login(host_member)
    assert host_pages(client, proposed) == SHOWN


def test_another_host_sees_none_of_it_even_when_shared(client, other_host_member, manager, proposed):
    share_plan(proposed.cohort, by=manager)
    client.force_login(other_host_member)
    assert host_pages(client, proposed) == HIDDEN


def test_the_talent_sees_a_proposed_placement_only_once_the_plan_is_shared(
    client, talent, manager, proposed, host_organization
):
    client.force_login(talent)
    assert "Sepsis early warning" not in client.get(reverse("portal:talent_dashboard")).content.decode()
    share_plan(proposed.cohort, by=manager)
    assert "Sepsis early warning" in client.get(reverse("portal:talent_dashboard")).content.decode()


def test_the_calendars_leave_out_a_proposed_placement_until_the_plan_is_shared(
    talent, host_member, host_organization, manager, proposed
):
    feeds = [feed_for_talent(talent), feed_for_host(host_organization, member=host_member)]

    def events(feed):
        return icalendar.Calendar.from_ical(build_calendar(feed)).walk("VEVENT")

    assert [len(events(feed)) for feed in feeds] == [0, 0]
    share_plan(proposed.cohort, by=manager)
    assert [str(events(feed)[0]["status"]) for feed in feeds] == ["TENTATIVE", "TENTATIVE"]


# --- The board's action -----------------------------------------------------------------------


def board_url(cohort):
    return reverse("admin:rotations_board", args=[cohort.slug])


def test_sharing_from_the_board_is_recorded_with_who_and_when_and_can_be_withdrawn(client, manager, proposed):
    cohort = proposed.cohort
    client.force_login(manager)
    page = client.get(board_url(cohort)).content.decode()
    assert "the 1 proposed placement stays hidden from them" in page

    response = client.post(reverse("admin:rotations_plan_share", args=[cohort.slug]), follow=True)

    cohort.refresh_from_db()
    assert cohort.plan_shared_at is not None
    entry = ActivityEntry.objects.for_object(cohort).get(action="cohort.plan_shared")
    assert entry.actor == manager and entry.note == "1 proposed placement"
    page = response.content.decode()
    assert "The proposed plan is shared with hosts and talents since" in page
    assert "Karin Lindqvist &lt;manager@ai.se&gt;" in page
    assert "Stop sharing the proposed plan" in page

    client.post(reverse("admin:rotations_plan_unshare", args=[cohort.slug]))
    cohort.refresh_from_db()
    assert cohort.plan_shared_at is None
    assert ActivityEntry.objects.for_object(cohort).filter(action="cohort.plan_share_withdrawn", actor=manager).exists()


def test_a_cohort_without_proposed_placements_has_no_plan_to_share(client, manager, closed_cohort):
    client.force_login(manager)
    response = client.post(reverse("admin:rotations_plan_share", args=[closed_cohort.slug]), follow=True)
    closed_cohort.refresh_from_db()
    assert closed_cohort.plan_shared_at is None
    assert "Cohort 2028 has no proposed placements to share." in [str(m) for m in get_messages(response.wsgi_request)]


def test_sharing_needs_the_confirm_placement_permission(client, manager, proposed):
    manager.groups.clear()
    client.force_login(manager)
    assert client.post(reverse("admin:rotations_plan_share", args=[proposed.cohort.slug])).status_code == 403
    proposed.cohort.refresh_from_db()
    assert proposed.cohort.plan_shared_at is None
