import threading
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from hosts.choices import ProjectStatus
from hosts.models import ProjectSeat
from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.services.placements import (
    advance_placements,
    assign_placement,
    cancel_placement,
    confirm_placement,
)
from tests.factories import HostMembershipFactory, TalentProfileFactory, UserFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project, place

pytestmark = pytest.mark.django_db


def period(cohort, number):
    return cohort.periods.get(number=number)


def refusal(**kwargs):
    with pytest.raises(ValidationError) as caught:
        assign_placement(**kwargs)
    return " ".join(caught.value.messages)


def test_an_accepted_talent_is_proposed_for_an_approved_project(talent, rotation_cohort, hosts_with_projects, manager):
    profile = accept(talent, rotation_cohort)
    placement = assign_placement(
        talent=profile, project=hosts_with_projects[0], period=period(rotation_cohort, 1), by=manager
    )
    assert placement.status == PlacementStatus.PROPOSED
    assert placement.host == hosts_with_projects[0].organization
    assert (placement.starts_on, placement.ends_on) == (placement.period.starts_on, placement.period.ends_on)


def test_a_talent_who_is_not_accepted_is_refused(rotation_cohort, hosts_with_projects, manager):
    profile = TalentProfileFactory()
    message = refusal(talent=profile, project=hosts_with_projects[0], period=period(rotation_cohort, 1), by=manager)
    assert "not an accepted talent" in message
    assert not Placement.objects.exists()


def test_a_project_that_is_not_approved_is_refused(talent, rotation_cohort, hosts_with_projects, manager):
    profile = accept(talent, rotation_cohort)
    project = hosts_with_projects[0]
    project.status = ProjectStatus.SUBMITTED
    project.save()
    assert "not approved" in refusal(talent=profile, project=project, period=period(rotation_cohort, 1), by=manager)


def test_a_project_without_seats_in_the_period_is_refused(talent, rotation_cohort, host_organization, manager):
    profile = accept(talent, rotation_cohort)
    project = approved_project(host_organization, rotation_cohort, seats=(0, 2, 2))
    message = refusal(talent=profile, project=project, period=period(rotation_cohort, 1), by=manager)
    assert "no seats in period 1" in message


def test_a_second_placement_in_the_same_period_is_refused(talent, rotation_cohort, hosts_with_projects, manager):
    profile = accept(talent, rotation_cohort)
    assign_placement(talent=profile, project=hosts_with_projects[0], period=period(rotation_cohort, 1), by=manager)
    message = refusal(talent=profile, project=hosts_with_projects[1], period=period(rotation_cohort, 1), by=manager)
    assert "already has a placement in period 1" in message


def test_the_same_host_twice_is_refused(talent, rotation_cohort, host_organization, manager):
    profile = accept(talent, rotation_cohort)
    first = approved_project(host_organization, rotation_cohort, title="Radiology triage")
    second = approved_project(host_organization, rotation_cohort, title="Sepsis prediction")
    assign_placement(talent=profile, project=first, period=period(rotation_cohort, 1), by=manager)
    message = refusal(talent=profile, project=second, period=period(rotation_cohort, 2), by=manager)
    assert "every period is at a different host" in message


def test_the_last_seat_cannot_be_taken_twice(rotation_cohort, hosts_with_projects, manager):
    first, second = accepted_talent(rotation_cohort, 1), accepted_talent(rotation_cohort, 2)
    project = hosts_with_projects[0]
    assign_placement(talent=first, project=project, period=period(rotation_cohort, 1), by=manager)
    assert "No seat left" in refusal(talent=second, project=project, period=period(rotation_cohort, 1), by=manager)


def test_cancelling_frees_the_seat_and_tells_both_sides(rotation_cohort, hosts_with_projects, manager):
    first, second = accepted_talent(rotation_cohort, 1), accepted_talent(rotation_cohort, 2)
    project = hosts_with_projects[0]
    member = HostMembershipFactory(organization=project.organization).user
    placement = confirm_placement(
        assign_placement(talent=first, project=project, period=period(rotation_cohort, 1), by=manager), by=manager
    )
    cancel_placement(placement, reason="The project's data access fell through.", by=manager)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CANCELLED
    cancelled = OutboundEmail.objects.filter(template__startswith="rotations/placement_cancelled")
    assert sorted(cancelled.values_list("to", flat=True)) == sorted([first.user.email, member.email])
    assert all("data access fell through" in email.body_text for email in cancelled)
    # The seat is free again.
    assign_placement(talent=second, project=project, period=period(rotation_cohort, 1), by=manager)


def test_cancelling_needs_a_reason(talent_placement, manager):
    with pytest.raises(ValidationError, match="Say why"):
        cancel_placement(talent_placement, reason="  ", by=manager)
    talent_placement.refresh_from_db()
    assert talent_placement.status == PlacementStatus.ACTIVE


def test_confirming_emails_the_talent_and_every_host_member(rotation_cohort, hosts_with_projects, manager):
    profile = accepted_talent(rotation_cohort, 1)
    project = hosts_with_projects[0]
    members = [HostMembershipFactory(organization=project.organization).user for _ in range(2)]
    placement = assign_placement(talent=profile, project=project, period=period(rotation_cohort, 2), by=manager)
    assert not OutboundEmail.objects.exists()  # proposing tells nobody
    confirm_placement(placement, by=manager)
    emails = OutboundEmail.objects.filter(key__startswith=f"placement-confirmed:{placement.uuid}")
    assert sorted(emails.values_list("to", flat=True)) == sorted([profile.user.email, *(m.email for m in members)])
    talent_email = emails.get(to=profile.user.email)
    assert project.organization.name in talent_email.body_text
    assert project.supervisor_email in talent_email.body_text
    assert placement.period.starts_on.strftime("%Y") in talent_email.body_text
    with pytest.raises(ValidationError, match="Only a proposed placement"):
        confirm_placement(placement, by=manager)
    assert emails.count() == 3


def test_status_follows_the_calendar_and_running_twice_changes_nothing(rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    past = place(profile, hosts_with_projects[0], 1, status="confirmed")
    now = place(profile, hosts_with_projects[1], 3, status="confirmed")
    today = now.starts_on + timedelta(days=3)
    assert advance_placements(today) == (1, 1)
    assert advance_placements(today) == (0, 0)
    past.refresh_from_db()
    now.refresh_from_db()
    assert (past.status, now.status) == (PlacementStatus.COMPLETED, PlacementStatus.ACTIVE)


# --- The database's own guards, tried around the service ------------------------------------


def test_the_database_refuses_overlapping_dates_for_a_talent(rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    first = place(profile, hosts_with_projects[0], 1)
    second_period = period(rotation_cohort, 2)
    with pytest.raises(IntegrityError, match="rotations_placement_no_overlap"), transaction.atomic():
        Placement.objects.create(
            cohort=rotation_cohort,
            period=second_period,
            talent=profile,
            project=hosts_with_projects[1],
            host=hosts_with_projects[1].organization,
            starts_on=first.ends_on - timedelta(days=10),  # reaches back into period 1
            ends_on=second_period.ends_on,
        )


def test_the_database_refuses_the_same_host_twice_in_plain_sql(rotation_cohort, host_organization):
    profile = accepted_talent(rotation_cohort, 1)
    first = approved_project(host_organization, rotation_cohort, title="One")
    second = approved_project(host_organization, rotation_cohort, title="Two")
    place(profile, first, 1)
    target = period(rotation_cohort, 2)
    with (
        pytest.raises(IntegrityError, match="rotations_placement_host_once"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
                """INSERT INTO rotations_placement (uuid, cohort_id, period_id, talent_id, project_id, host_id,
                   starts_on, ends_on, status, cancel_reason, created_at)
                   VALUES (gen_random_uuid(), %s, %s, %s, %s, %s, %s, %s, 'proposed', '', now())""",
                [rotation_cohort.pk, target.pk, profile.pk, second.pk, host_organization.pk, target.starts_on,
                 target.ends_on],
            )  # fmt: skip


def test_the_database_refuses_a_second_placement_in_a_period(rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    place(profile, hosts_with_projects[0], 1)
    with pytest.raises(IntegrityError, match="rotations_placement_one_per_period"), transaction.atomic():
        place(profile, hosts_with_projects[1], 1)


def test_the_database_refuses_more_placements_than_seats(rotation_cohort, hosts_with_projects):
    project = hosts_with_projects[0]
    place(accepted_talent(rotation_cohort, 1), project, 1)
    with pytest.raises(IntegrityError, match="rotations_placement_within_seats"), transaction.atomic():
        place(accepted_talent(rotation_cohort, 2), project, 1)


def test_a_cancelled_placement_holds_nothing_in_the_database(rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    place(profile, hosts_with_projects[0], 1, status="cancelled")
    place(profile, hosts_with_projects[0], 1)  # same period, same host, same seat: all free again
    assert Placement.objects.filter(talent=profile).count() == 2


# --- Twenty managers at once ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_assignments_fill_exactly_three_seats(rotation_cohort, host_organization, manager):
    project = approved_project(host_organization, rotation_cohort, seats=(3, 3, 3))
    talents = [accepted_talent(rotation_cohort, number) for number in range(20)]
    target = period(rotation_cohort, 1)
    barrier = threading.Barrier(20)
    outcomes = []

    def attempt(profile):
        try:
            barrier.wait()
            assign_placement(talent=profile, project=project, period=target, by=manager)
            outcomes.append("placed")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(profile,)) for profile in talents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("placed") == 3
    refusals = [outcome for outcome in outcomes if outcome != "placed"]
    assert len(refusals) == 17
    assert all("No seat left" in outcome for outcome in refusals), refusals
    assert Placement.objects.filter(project=project, period=target).count() == 3
    assert ProjectSeat.objects.get(project=project, period=target).seats == 3


def test_seats_are_counted_per_project_and_period(rotation_cohort, hosts_with_projects, manager):
    other = UserFactory()
    profile = accept(other, rotation_cohort)
    project = hosts_with_projects[2]
    assign_placement(talent=profile, project=project, period=period(rotation_cohort, 1), by=manager)
    second = accepted_talent(rotation_cohort, 7)
    assign_placement(talent=second, project=project, period=period(rotation_cohort, 2), by=manager)
    assert Placement.objects.filter(project=project).count() == 2


def confirm_in_the_admin(client, manager, placements):
    client.force_login(manager)
    return client.post(
        reverse("admin:rotations_placement_changelist"),
        {"action": "confirm_selected", ACTION_CHECKBOX_NAME: [placement.pk for placement in placements]},
        follow=True,
    )


def test_confirming_three_placements_together_sends_the_talent_one_email_listing_them(
    client, rotation_cohort, hosts_with_projects, manager, host_member
):
    profile = accepted_talent(rotation_cohort, 1)
    placements = [place(profile, project, number) for number, project in enumerate(hosts_with_projects, start=1)]
    response = confirm_in_the_admin(client, manager, placements)
    assert "3 placements confirmed." in response.content.decode()
    assert set(Placement.objects.values_list("status", flat=True)) == {PlacementStatus.CONFIRMED}
    to_talent = OutboundEmail.objects.filter(to=profile.user.email)
    assert to_talent.count() == 1
    email = to_talent.get()
    assert email.template == "rotations/placements_confirmed_talent"
    assert "3 placements" in email.subject
    for placement in placements:
        assert placement.host.name in email.body_text
        assert placement.project.supervisor_email in email.body_text
    # Each host has one of them: its members get the single 'placement confirmed' email, as before.
    assert OutboundEmail.objects.get(to=host_member.email).template == "rotations/placement_confirmed_host"
    confirm_in_the_admin(client, manager, placements)  # again: all refused, nothing new sent
    assert to_talent.count() == 1


def test_confirming_two_talents_at_one_host_sends_each_member_one_email(
    client, rotation_cohort, hosts_with_projects, manager
):
    project = hosts_with_projects[0]
    project.seats.update(seats=2)
    members = [HostMembershipFactory(organization=project.organization).user for _ in range(2)]
    profiles = [accepted_talent(rotation_cohort, number) for number in range(2)]
    placements = [place(profile, project, 1) for profile in profiles]
    confirm_in_the_admin(client, manager, placements)
    for member in members:
        email = OutboundEmail.objects.get(to=member.email)
        assert email.template == "rotations/placements_confirmed_host"
        assert all(profile.name in email.body_text for profile in profiles)
    # Each talent has one placement in the batch: the single email, as confirm_placement sends it.
    for profile in profiles:
        assert OutboundEmail.objects.get(to=profile.user.email).template == "rotations/placement_confirmed_talent"


def test_a_refused_placement_in_a_batch_leaves_the_others_confirmed_and_listed(
    client, rotation_cohort, hosts_with_projects, manager
):
    profile = accepted_talent(rotation_cohort, 1)
    placements = [place(profile, project, number) for number, project in enumerate(hosts_with_projects, start=1)]
    Placement.objects.filter(pk=placements[2].pk).update(status=PlacementStatus.CANCELLED)
    response = confirm_in_the_admin(client, manager, placements)
    page = response.content.decode()
    assert "2 placements confirmed." in page and "Only a proposed placement can be confirmed" in page
    email = OutboundEmail.objects.get(to=profile.user.email)
    assert placements[0].host.name in email.body_text and placements[1].host.name in email.body_text
    assert placements[2].host.name not in email.body_text
