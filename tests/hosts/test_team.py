"""A host member's own name and the colleagues they invite: the same invitation as the programme team's."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from hosts.choices import ProjectStatus
from hosts.models import HostMembership, Invitation, Project
from hosts.services.invitations import accept_invitation, invite_member, withdraw_invitation
from hosts.services.members import set_member_name
from hosts.services.projects import approve_project
from tests.factories import HostMembershipFactory, InvitationFactory, TalentProfileFactory, UserFactory
from tests.mailbox import delivered_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, host_member):
    client.force_login(host_member)
    return client


def test_a_member_invites_a_colleague_with_one_single_use_expiring_email(member_client, host_organization, host_member):
    response = member_client.post(reverse("hosts_members:invite"), {"email": "Anna.Lund@Hospital.example.org"})

    assert response["Location"] == reverse("portal:host_dashboard")
    invitation = Invitation.objects.get()
    assert (invitation.organization, invitation.email, invitation.invited_by) == (
        host_organization,
        "anna.lund@hospital.example.org",
        host_member,
    )
    assert timedelta(days=13) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    email = OutboundEmail.objects.get(template="hosts/invitation")
    assert email.to == "anna.lund@hospital.example.org"
    assert ActivityEntry.objects.filter(action="invitation.sent", actor=host_member).exists()
    page = member_client.get(reverse("portal:host_dashboard")).content.decode()
    assert "anna.lund@hospital.example.org" in page and "Withdraw" in page


def test_an_invitation_works_once(host_organization, host_member):
    invitation = invite_member(host_organization, "anna@example.org", by=host_member)
    first, second = UserFactory(email="anna@example.org"), UserFactory(email="bo@example.org")
    accept_invitation(invitation, user=first)

    with pytest.raises(ValidationError, match="already been used"):
        accept_invitation(invitation, user=second)
    assert not HostMembership.objects.filter(user=second).exists()


def test_an_expired_invitation_is_refused(host_organization, host_member):
    invitation = invite_member(host_organization, "anna@example.org", by=host_member)
    user = UserFactory(email="anna@example.org")

    with time_machine.travel(timezone.now() + timedelta(days=15)), pytest.raises(ValidationError, match="expired"):
        accept_invitation(invitation, user=user)
    assert not HostMembership.objects.filter(user=user).exists()


def test_inviting_a_talent_is_refused_with_the_managers_message(member_client):
    TalentProfileFactory(user=UserFactory(email="amara@example.org"))

    response = member_client.post(reverse("hosts_members:invite"), {"email": "amara@example.org"})

    assert response.status_code == 200
    assert "takes part in the portal in another role (Talent)" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.filter(template="hosts/invitation").exists()


def test_inviting_a_member_of_another_host_is_refused(member_client, other_host_member):
    response = member_client.post(reverse("hosts_members:invite"), {"email": other_host_member.email})

    assert "already belongs to another host organisation" in response.content.decode()
    assert not Invitation.objects.exists()


@override_settings(HOST_INVITATION_RATE_LIMIT=2)
def test_invitations_past_the_limit_are_refused(member_client):
    for number in range(2):
        member_client.post(reverse("hosts_members:invite"), {"email": f"colleague{number}@example.org"})

    response = member_client.post(reverse("hosts_members:invite"), {"email": "one.more@example.org"})

    assert response.status_code == 429
    assert "many invitations" in response.content.decode()
    assert Invitation.objects.count() == 2


def test_a_member_withdraws_a_pending_invitation_and_its_link_stops_working(
    member_client, host_organization, host_member
):
    invitation = invite_member(host_organization, "anna@example.org", by=host_member)

    response = member_client.post(reverse("hosts_members:invitation_withdraw", args=[invitation.uuid]))

    assert response["Location"] == reverse("portal:host_dashboard")
    assert not Invitation.objects.exists()
    assert ActivityEntry.objects.filter(action="invitation.withdrawn", actor=host_member).exists()
    assert member_client.get(reverse("hosts_members:invitation", args=[invitation.token])).status_code == 404


def test_another_organisations_invitation_is_a_404_to_withdraw(member_client, other_host_organization):
    invitation = InvitationFactory(organization=other_host_organization)

    response = member_client.post(reverse("hosts_members:invitation_withdraw", args=[invitation.uuid]))

    assert response.status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_used_invitation_cannot_be_withdrawn(host_organization, host_member):
    invitation = invite_member(host_organization, "anna@example.org", by=host_member)
    accept_invitation(invitation, user=UserFactory(email="anna@example.org"))

    with pytest.raises(ValidationError, match="already joined"):
        withdraw_invitation(invitation, by=host_member)
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_member_sets_their_name_shown_in_the_member_list(member_client, host_member, host_organization):
    nameless = UserFactory(email="greta@hospital.example.org", first_name="", last_name="")
    HostMembershipFactory(user=nameless, organization=host_organization)
    member_client.force_login(nameless)
    assert "greta@hospital.example.org (greta@hospital.example.org)" not in member_client.get("/host/").content.decode()

    response = member_client.post(reverse("hosts_members:account"), {"first_name": " Greta ", "last_name": "Lindahl"})

    assert response["Location"] == reverse("portal:host_dashboard")
    nameless.refresh_from_db()
    assert (nameless.first_name, nameless.last_name) == ("Greta", "Lindahl")
    assert "Greta Lindahl (greta@hospital.example.org)" in member_client.get("/host/").content.decode()
    assert ActivityEntry.objects.filter(action="user.name_changed", actor=nameless).exists()


def test_the_name_form_shows_the_current_name_and_requires_a_first_name(member_client, host_member):
    assert 'value="Elin"' in member_client.get(reverse("hosts_members:account")).content.decode()

    response = member_client.post(reverse("hosts_members:account"), {"first_name": "", "last_name": "Berg"})

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    host_member.refresh_from_db()
    assert host_member.first_name == "Elin"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": "Elin\x07\x1b[31m", "last_name": "Berg"}, "first_name"),
        ({"first_name": "Elin", "last_name": "Berg\x7f"}, "last_name"),
        ({"first_name": "Elin\x00", "last_name": "Berg"}, "first_name"),
        ({"first_name": "E" * 1000, "last_name": "Berg"}, "first_name"),
        ({"first_name": "Elin", "last_name": "B" * 1000}, "last_name"),
    ],
)
def test_a_name_with_control_characters_or_too_long_is_refused_next_to_the_field(
    member_client, host_member, data, field
):
    response = member_client.post(reverse("hosts_members:account"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    host_member.refresh_from_db()
    assert (host_member.first_name, host_member.last_name) == ("Elin", "Berg")
    assert not ActivityEntry.objects.filter(action="user.name_changed").exists()


def test_the_new_name_is_used_in_emails_to_the_member(host_member, host_project, manager):
    set_member_name(host_member, first_name="Elina", last_name="Berg", by=host_member)
    Project.objects.filter(pk=host_project.pk).update(status=ProjectStatus.SUBMITTED)

    approve_project(host_project, by=manager)

    email = OutboundEmail.objects.get(template="hosts/project_approved", to=host_member.email)
    assert "Hello Elina," in delivered_text(email)


def test_the_invitation_email_link_lets_the_colleague_join(client, host_organization, host_member):
    invite_member(host_organization, "anna@example.org", by=host_member)
    text = delivered_text(OutboundEmail.objects.get(template="hosts/invitation"))
    path = re.search(r"https?://[^/\s]+(/host/invitations/[^/\s]+/)", text).group(1)
    colleague = UserFactory(email="anna@example.org")
    client.force_login(colleague)

    client.post(path)

    assert HostMembership.objects.get(user=colleague).organization == host_organization
