import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eyeforai.mail.models import OutboundEmail
from hosts.choices import MemberRole
from hosts.models import HostMembership, Invitation
from hosts.services.invitations import accept_invitation, invite_member
from talents.models import TalentProfile
from tests.factories import PASSWORD, HostMembershipFactory, InvitationFactory, UserFactory
from tests.mailbox import delivered_text


def link_in(email):
    return re.search(r"https?://[^/\s]+(/host/invitations/[^/\s]+/)", delivered_text(email)).group(1)


def test_inviting_emails_a_single_use_link(host_organization, manager):
    invitation = invite_member(host_organization, "New.Colleague@Hospital.example.org", by=manager)

    email = OutboundEmail.objects.get(template="hosts/invitation")
    assert email.to == "new.colleague@hospital.example.org"
    assert "Västkust University Hospital" in email.subject
    assert link_in(email) == reverse("hosts_members:invitation", args=[invitation.token])
    assert invitation.expires_at - timezone.now() > timedelta(days=13)
    # Only a digest of the token is stored.
    assert invitation.token not in Invitation.objects.values_list("token_digest", flat=True).get()


def test_inviting_again_renews_the_open_invitation_and_kills_the_old_link(client, host_organization, manager):
    first = invite_member(host_organization, "colleague@example.org", by=manager)
    second = invite_member(host_organization, "colleague@example.org", by=manager)

    assert Invitation.objects.count() == 1
    assert OutboundEmail.objects.filter(template="hosts/invitation").count() == 2
    assert client.get(reverse("hosts_members:invitation", args=[first.token])).status_code == 404
    assert client.get(reverse("hosts_members:invitation", args=[second.token])).status_code == 200


def test_inviting_someone_who_already_belongs_to_another_host_is_refused(host_organization, other_host_member):
    with pytest.raises(ValidationError, match="another host organisation"):
        invite_member(host_organization, other_host_member.email, by=None)
    assert not Invitation.objects.exists()


def test_signing_up_with_the_invited_address_and_verifying_it_makes_a_member(client, host_invitation):
    page = client.get(reverse("hosts_members:invitation", args=[host_invitation.token])).content.decode()
    assert "Join Västkust University Hospital" in page
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")

    client.post(
        signup_url,
        {"email": host_invitation.email, "password1": "A long enough pass 42", "password2": "A long enough pass 42"},
    )
    assert not HostMembership.objects.exists(), "not before the address is verified"
    confirmation = OutboundEmail.objects.get(to=host_invitation.email, template__startswith="account/")
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", delivered_text(confirmation)).group(
        1
    )
    client.post(confirm_path)

    membership = HostMembership.objects.select_related("user").get()
    assert membership.user.email == host_invitation.email
    assert membership.organization == host_invitation.organization
    host_invitation.refresh_from_db()
    assert host_invitation.accepted_by == membership.user
    assert client.get(reverse("portal:host_dashboard")).status_code == 200
    # Signed up from an invitation: a host member, not a talent applying.
    assert not TalentProfile.objects.filter(user=membership.user).exists()
    assert client.get(reverse("portal:talent_dashboard")).status_code == 404


def test_an_ordinary_sign_up_makes_a_talent(client, db):
    form = {"email": "amara@example.org", "password1": "A long enough pass 42", "password2": "A long enough pass 42"}
    client.post(reverse("account_signup"), form)
    assert TalentProfile.objects.filter(user__email="amara@example.org").exists()


def test_an_existing_user_who_follows_the_link_and_signs_in_becomes_a_member(client, host_organization):
    user = UserFactory(email="existing@hospital.example.org")
    invitation = InvitationFactory(organization=host_organization, email=user.email)

    page = client.get(reverse("hosts_members:invitation", args=[invitation.token])).content.decode()
    login_url = re.search(r'href="(/accounts/login/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.post(login_url, {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert HostMembership.objects.filter(user=user, organization=host_organization).exists()
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:host_dashboard")
    assert "You are a member of Västkust University Hospital." in response.content.decode()


def test_a_signed_in_user_with_the_invited_address_can_accept_on_the_page(client, host_organization):
    user = UserFactory(email="existing@hospital.example.org")
    client.force_login(user)
    HostMembership.objects.all().delete()  # force_login binds it already; accept by hand instead
    invitation = InvitationFactory(organization=host_organization, email=user.email, role=MemberRole.CONTACT)

    response = client.post(reverse("hosts_members:invitation", args=[invitation.token]))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:host_dashboard")
    assert HostMembership.objects.get(user=user).role == MemberRole.CONTACT


def test_a_reused_invitation_link_gets_a_clear_page_and_no_second_membership(client, host_invitation):
    first = UserFactory(email=host_invitation.email)
    accept_invitation(host_invitation, user=first)
    stranger = UserFactory(email="stranger@example.org")
    EmailAddress.objects.create(user=stranger, email=host_invitation.email.upper(), verified=False)
    client.force_login(stranger)

    response = client.post(reverse("hosts_members:invitation", args=[host_invitation.token]))

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert HostMembership.objects.count() == 1
    with pytest.raises(ValidationError, match="already been used"):
        accept_invitation(host_invitation, user=stranger)


def test_an_expired_invitation_link_gets_a_clear_page_and_binds_nothing(client, host_invitation):
    user = UserFactory(email=host_invitation.email)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(reverse("hosts_members:invitation", args=[host_invitation.token]))
        client.force_login(user)  # signing in with the address no longer binds it either

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not HostMembership.objects.exists()


def test_an_unknown_invitation_link_is_a_404_page_that_explains(client, db):
    response = client.get(reverse("hosts_members:invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_a_user_signed_in_with_another_address_is_told_to_switch(client, host_invitation, talent):
    client.force_login(talent)
    response = client.post(reverse("hosts_members:invitation", args=[host_invitation.token]))

    assert "signed in with another address" in response.content.decode()
    assert not HostMembership.objects.filter(user=talent).exists()


def test_a_member_of_another_organisation_cannot_join_a_second_one(client, other_host_member, host_organization):
    invitation = InvitationFactory(organization=host_organization, email=other_host_member.email)
    client.force_login(other_host_member)

    page = client.get(reverse("hosts_members:invitation", args=[invitation.token])).content.decode()

    assert "You already belong to Nordljus Pharma" in page
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert HostMembership.objects.get(user=other_host_member).organization.name == "Nordljus Pharma"


def test_members_see_who_else_belongs_and_who_is_invited(client, host_member, host_organization):
    HostMembershipFactory(organization=host_organization, user=UserFactory(email="colleague@hospital.example.org"))
    InvitationFactory(organization=host_organization, email="pending@hospital.example.org")
    client.force_login(host_member)

    page = client.get(reverse("portal:host_dashboard")).content.decode()

    assert "colleague@hospital.example.org" in page
    assert "pending@hospital.example.org" in page
