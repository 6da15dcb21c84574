from datetime import timedelta

import pytest

from eyeforai.mail.models import OutboundEmail
from rotations.services.placements import advance_placements
from rotations.services.reminders import send_placement_reminders
from tests.factories import HostMembershipFactory
from tests.rotations.fixtures import accepted_talent, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    member = HostMembershipFactory(organization=hosts_with_projects[1].organization).user
    ending = place(profile, hosts_with_projects[0], 2, status="active")
    starting = place(profile, hosts_with_projects[1], 3, status="confirmed")
    return profile, member, ending, starting


def test_starting_and_ending_reminders_reach_both_sides_once(schedule, time_machine):
    profile, member, ending, starting = schedule
    time_machine.move_to(starting.starts_on - timedelta(days=14), tick=False)
    send_placement_reminders()
    send_placement_reminders()  # a second beat the same day

    starting_emails = OutboundEmail.objects.filter(key__startswith=f"placement-starting:{starting.uuid}")
    assert sorted(starting_emails.values_list("to", flat=True)) == sorted([profile.user.email, member.email])
    ending_emails = OutboundEmail.objects.filter(key__startswith=f"placement-ending:{ending.uuid}")
    assert profile.user.email in ending_emails.values_list("to", flat=True)
    assert "feedback" in ending_emails.get(to=profile.user.email).body_text
    assert OutboundEmail.objects.count() == starting_emails.count() + ending_emails.count()


def test_no_reminder_far_from_the_dates(schedule, time_machine):
    _profile, _member, ending, _starting = schedule
    time_machine.move_to(ending.ends_on - timedelta(days=40), tick=False)
    send_placement_reminders()
    assert not OutboundEmail.objects.exists()


def test_the_daily_beat_run_twice_sends_nothing_new(schedule, time_machine):
    _profile, _member, _ending, starting = schedule
    time_machine.move_to(starting.starts_on - timedelta(days=10), tick=False)
    advance_placements()
    send_placement_reminders()
    count = OutboundEmail.objects.count()
    advance_placements()
    send_placement_reminders()
    assert OutboundEmail.objects.count() == count > 0
