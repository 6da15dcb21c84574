"""A talent invited to a host organisation, in a real browser at 1280 px and at 390 px: a manager's
invitation went to the talent's address; the signed-in talent follows the emailed link, reads why a
talent cannot join, and finds their way back to their overview. Nothing was bound."""

import re

import pytest
from playwright.sync_api import expect

from eyeforai.accounts.choices import Role
from eyeforai.accounts.models import User
from eyeforai.mail.models import OutboundEmail
from hosts.choices import InvitationRefusal
from hosts.models import HostMembership, Invitation
from hosts.services.invitations import invite_member
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.factories import ManagerFactory, TalentProfileFactory, UserFactory
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def invitation_path(to):
    email = OutboundEmail.objects.filter(template="hosts/invitation", to=to).latest("created_at")
    return re.search(r"https?://[^/\s]+(/host/invitations/[^/\s]+/)", delivered_text(email)).group(1)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_talent_follows_a_host_invitation_and_is_told_why_they_cannot_join(
    live_server, page, assert_accessible, host_organization, width
):
    manager = ManagerFactory(email="karin@ai.se")
    # The manager invites the address before its owner signs up as a talent (afterwards invite_member
    # itself refuses it): the invitation is still open when the talent follows the link.
    invite_member(host_organization, "amara@example.org", by=manager)
    talent = TalentProfileFactory(
        user=UserFactory(email="amara@example.org", first_name="Amara", last_name="Okafor")
    ).user
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "amara@example.org")

    page.goto(live_server.url + "/talent/")
    expect(page.get_by_role("heading", name="Welcome, Amara", level=1)).to_be_visible()
    assert_accessible(page)
    assert fits(page)

    page.goto(live_server.url + invitation_path("amara@example.org"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot join Västkust University Hospital")
    expect(page.get_by_role("alert")).to_contain_text(
        "You take part in Eye for AI as a talent, and a person holds one role in the portal"
    )
    expect(page.get_by_text("Host members see, rank and give feedback on the talents placed with them")).to_be_visible()
    expect(page.get_by_role("button", name="Join Västkust University Hospital")).to_have_count(0)
    assert_accessible(page)
    assert fits(page)

    # Nothing was bound: still a talent, no membership; the invitation is refused for the managers' list.
    assert User.objects.get(pk=talent.pk).role == Role.TALENT
    assert not HostMembership.objects.filter(user=talent).exists()
    invitation = Invitation.objects.get(email="amara@example.org")
    assert invitation.accepted_at is None
    assert (invitation.refused_user, invitation.refusal) == (talent, InvitationRefusal.TALENT)

    # Not a dead end: the main navigation leads back to the talent's own pages.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My programme").click()
    expect(page.get_by_role("heading", name="Welcome, Amara", level=1)).to_be_visible()
    assert not HostMembership.objects.filter(user=talent).exists()
