"""One person, one role: a talent invited to a host organisation is refused, says why, and the
programme team sees it; PostgreSQL refuses the combination whatever the path (issue 12, item 4)."""

import importlib
import re
import threading
import time

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from eyeforai.accounts.choices import Role
from eyeforai.accounts.models import User
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from hosts.access import membership_for
from hosts.choices import InvitationRefusal
from hosts.models import HostMembership, Invitation
from hosts.services.invitations import accept_invitation, bind_invitations, invite_member
from rotations.models import Evaluation, HiringInterest
from talents.models import TalentProfile
from talents.services.profiles import create_profile
from tests.factories import PASSWORD, HostMembershipFactory, InvitationFactory, UserFactory
from tests.mailbox import delivered_text
from tests.rotations.fixtures import accepted_talent, place

REFUSAL = "You take part in Eye for AI as a talent"


def invitation_page(client, invitation):
    return client.get(reverse("hosts_members:invitation", args=[invitation.token]))


def organization_form(organization, **rows):
    """What the organisation's admin page posts: its fields, no inline rows but `rows`."""
    data = {"name": organization.name, "slug": organization.slug, "sector": organization.sector}
    data["status"] = organization.status
    for prefix in ["memberships", "invitations", "invitations-2", "projects"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | rows


def assert_refused(invitation, talent):
    invitation.refresh_from_db()
    assert invitation.refused_at is not None
    assert invitation.refused_user == talent
    assert invitation.refusal == InvitationRefusal.TALENT
    assert invitation.accepted_at is None
    assert not HostMembership.objects.filter(user=talent).exists()
    assert User.objects.get(pk=talent.pk).role == Role.TALENT
    assert ActivityEntry.objects.filter(action="invitation.refused", object_id=str(invitation.pk)).count() == 1


def test_a_talent_who_follows_an_invitation_and_signs_in_is_refused_with_the_reason(client, talent, host_organization):
    invitation = InvitationFactory(organization=host_organization, email=talent.email)

    page = invitation_page(client, invitation).content.decode()
    login_url = re.search(r'href="(/accounts/login/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.post(login_url, {"login": talent.email, "password": PASSWORD}, follow=True)

    assert response.status_code == 409
    page = response.content.decode()
    assert "You cannot join Västkust University Hospital" in page
    assert REFUSAL in page
    assert_refused(invitation, talent)
    # Signing in again binds nothing and records nothing more.
    client.logout()
    client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    assert_refused(invitation, talent)


def test_a_signed_in_talent_who_opens_the_invitation_is_refused_and_cannot_join_by_posting(
    client, talent, host_organization
):
    client.force_login(talent)
    invitation = InvitationFactory(organization=host_organization, email=talent.email)

    response = invitation_page(client, invitation)

    assert response.status_code == 409
    assert REFUSAL in response.content.decode()
    assert "Join Västkust" not in response.content.decode()
    assert_refused(invitation, talent)
    response = client.post(reverse("hosts_members:invitation", args=[invitation.token]))
    assert response.status_code == 409
    assert_refused(invitation, talent)


def test_someone_who_signs_up_as_a_talent_and_verifies_the_invited_address_is_refused(client, host_organization):
    invitation = InvitationFactory(organization=host_organization, email="new.colleague@hospital.example.org")
    password = "A long enough pass 42"
    # The ordinary "Apply" sign-up, not the invitation's: this person becomes a talent.
    client.post(reverse("account_signup"), {"email": invitation.email, "password1": password, "password2": password})
    confirmation = OutboundEmail.objects.get(to=invitation.email, template__startswith="account/")
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", delivered_text(confirmation))
    client.post(confirm_path.group(1))

    talent = User.objects.get(email=invitation.email)
    assert TalentProfile.objects.filter(user=talent).exists()
    assert_refused(invitation, talent)
    assert invitation_page(client, invitation).status_code == 409


def test_accepting_as_a_talent_is_refused_and_the_refusal_stays(talent, host_organization):
    invitation = InvitationFactory(organization=host_organization, email=talent.email)

    with pytest.raises(ValidationError, match=REFUSAL) as error:
        accept_invitation(invitation, user=talent)

    assert error.value.code == "other_role"
    assert_refused(invitation, talent)
    assert bind_invitations(talent, [talent.email]) == []


def test_the_manager_sees_the_refusal_in_the_invitation_admin(client, manager, talent, host_organization):
    refused = InvitationFactory(organization=host_organization, email=talent.email)
    bind_invitations(talent, [talent.email])
    InvitationFactory(organization=host_organization, email="open@hospital.example.org")
    client.force_login(manager)

    listing = client.get(reverse("admin:hosts_invitation_changelist"), {"state": "refused"}).content.decode()
    assert talent.email in listing
    assert "refused: The person is a talent" in listing
    assert "open@hospital.example.org" not in listing
    detail = client.get(reverse("admin:hosts_invitation_change", args=[refused.pk])).content.decode()
    assert "Amara Okafor" in detail  # the refused person
    organization_page = client.get(reverse("admin:hosts_hostorganization_change", args=[host_organization.pk]))
    assert "refused: The person is a talent" in organization_page.content.decode()


def test_inviting_a_talents_address_is_refused_up_front(client, manager, talent, host_organization):
    with pytest.raises(ValidationError, match="another role"):
        invite_member(host_organization, talent.email.upper(), by=manager)
    assert not Invitation.objects.exists()

    client.force_login(manager)
    url = reverse("admin:hosts_hostorganization_change", args=[host_organization.pk])
    rows = {"invitations-2-TOTAL_FORMS": "1", "invitations-2-0-email": talent.email, "invitations-2-0-role": "member"}
    response = client.post(url, organization_form(host_organization, **rows))
    assert response.status_code == 200
    assert "another role (Talent)" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.filter(template="hosts/invitation").exists()


def test_adding_a_talent_as_a_member_in_the_admin_is_a_form_error(client, manager, talent, host_organization):
    client.force_login(manager)
    url = reverse("admin:hosts_hostorganization_change", args=[host_organization.pk])
    rows = {"memberships-TOTAL_FORMS": "1", "memberships-0-user": talent.pk, "memberships-0-role": "member"}

    response = client.post(url, organization_form(host_organization, **rows))

    assert response.status_code == 200
    assert "as Talent; a person holds one role" in response.content.decode()
    assert not HostMembership.objects.exists()


def test_a_member_added_in_the_admin_takes_the_host_member_role(client, manager, host_organization):
    person = UserFactory(email="added@hospital.example.org")
    client.force_login(manager)
    url = reverse("admin:hosts_hostorganization_change", args=[host_organization.pk])
    rows = {"memberships-TOTAL_FORMS": "1", "memberships-0-user": person.pk, "memberships-0-role": "member"}

    response = client.post(url, organization_form(host_organization, **rows))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert HostMembership.objects.get(user=person).organization == host_organization
    assert User.objects.get(pk=person.pk).role == Role.HOST_MEMBER
    assert ActivityEntry.objects.filter(action="user.role_taken", object_id=str(person.pk), actor=manager).exists()


def test_an_invited_person_who_joins_takes_the_host_member_role(client, host_invitation):
    person = UserFactory(email=host_invitation.email)

    accept_invitation(host_invitation, user=person)

    assert User.objects.get(pk=person.pk).role == Role.HOST_MEMBER
    entry = ActivityEntry.objects.get(action="user.role_taken", object_id=str(person.pk))
    assert (entry.actor, entry.to_state) == (person, Role.HOST_MEMBER)


def test_a_host_member_cannot_get_a_talent_profile(client, host_invitation):
    """Signed up from the invitation: a host member, and no way to become a talent after."""
    page = invitation_page(client, host_invitation).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    password = "A long enough pass 42"
    client.post(signup_url, {"email": host_invitation.email, "password1": password, "password2": password})
    confirmation = OutboundEmail.objects.get(to=host_invitation.email, template__startswith="account/")
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", delivered_text(confirmation))
    client.post(confirm_path.group(1))
    member = User.objects.get(email=host_invitation.email)
    assert member.role == Role.HOST_MEMBER

    with pytest.raises(ValidationError, match="Host member"):
        create_profile(member)

    assert not TalentProfile.objects.filter(user=member).exists()
    assert client.get(reverse("portal:talent_dashboard")).status_code == 404
    assert client.get(reverse("talents:application")).status_code == 404


@pytest.mark.parametrize("second", ["membership", "profile"])
def test_the_database_refuses_a_second_role(talent, host_member, host_organization, second):
    """Straight to the table, past every service: PostgreSQL's trigger says no."""
    with pytest.raises(IntegrityError, match="holds another role"), transaction.atomic():
        if second == "membership":
            HostMembership.objects.create(user=talent, organization=host_organization)
        else:
            TalentProfile.objects.create(user=host_member)
    assert not HostMembership.objects.filter(user=talent).exists()
    assert not TalentProfile.objects.filter(user=host_member).exists()


def test_the_database_sets_the_role_of_a_row_made_past_the_services(host_organization):
    person = UserFactory()
    HostMembership.objects.create(user=person, organization=host_organization)
    assert User.objects.get(pk=person.pk).role == Role.HOST_MEMBER
    with pytest.raises(IntegrityError), transaction.atomic():
        TalentProfile.objects.create(user=person)


def test_the_three_abuse_cases_are_404_for_an_invited_talent(client, talent, talent_placement, host_organization):
    """The talent placed at host_organization is invited there: no hiring interest in herself, no
    host feedback on her own placement, no fellow talent's CV."""
    fellow = place(accepted_talent(talent_placement.cohort, 9), talent_placement.project, 2, status="completed")
    invitation = InvitationFactory(organization=host_organization, email=talent.email)
    client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    assert invitation_page(client, invitation).status_code == 409

    hiring = client.post(reverse("rotations_host:hiring", args=[talent_placement.uuid]), {"interested": "yes"})
    feedback = client.get(reverse("rotations_host:feedback", args=[talent_placement.uuid]))
    feedback_post = client.post(reverse("rotations_host:feedback", args=[talent_placement.uuid]), {})
    cv = client.get(reverse("rotations_host:cv", args=[fellow.uuid]))

    assert [hiring.status_code, feedback.status_code, feedback_post.status_code, cv.status_code] == [404] * 4
    assert not HiringInterest.objects.exists()
    assert not Evaluation.objects.exists()


def test_a_membership_left_from_before_the_rule_opens_nothing(client, talent, talent_placement, host_organization):
    """Production may hold a talent who took an invitation before this rule: the migration makes
    her a talent, and the membership no longer opens the host pages."""
    with connection.cursor() as cursor:  # triggers off for one insert, inside this test's transaction
        cursor.execute("SET LOCAL session_replication_role = replica")
        HostMembershipFactory(user=talent, organization=host_organization)
        cursor.execute("SET LOCAL session_replication_role = origin")
    User.objects.filter(pk=talent.pk).update(role="")
    migration = importlib.import_module("portal.migrations.0001_one_role_per_person")

    migration.set_roles(apps, None)

    talent.refresh_from_db()
    assert talent.role == Role.TALENT
    assert membership_for(talent) is None
    client.force_login(talent)
    assert client.get(reverse("portal:host_dashboard")).status_code == 404
    assert client.get(reverse("rotations_host:cv", args=[talent_placement.uuid])).status_code == 404
    assert client.get(reverse("portal:talent_dashboard")).status_code == 200


def test_the_migration_gives_host_members_their_role(host_member):
    User.objects.filter(pk=host_member.pk).update(role="")
    migration = importlib.import_module("portal.migrations.0001_one_role_per_person")

    migration.set_roles(apps, None)

    assert User.objects.get(pk=host_member.pk).role == Role.HOST_MEMBER


def test_a_talent_cannot_confirm_the_invited_address_into_a_membership_later(talent, host_organization):
    """An address added to a talent's account and verified later is refused too."""
    invitation = InvitationFactory(organization=host_organization, email="second@example.org")
    EmailAddress.objects.create(user=talent, email="second@example.org", verified=True)

    bind_invitations(talent, ["second@example.org"])

    assert_refused(invitation, talent)


def _join_by_service(invitation, user):
    accept_invitation(invitation, user=user)


def _join_by_insert(invitation, user):
    HostMembership.objects.create(user=user, organization=invitation.organization)


@pytest.mark.parametrize("join", [_join_by_service, _join_by_insert], ids=["service", "insert"])
def test_becoming_a_talent_and_joining_a_host_at_once_waits_on_the_user_row(transactional_db, join):
    """Two requests at the same moment: the second waits for the first's lock on the user's row, then
    sees the role it took and is refused, by the service or, past it, by PostgreSQL."""
    person = UserFactory(email="both@example.org")
    invitation = InvitationFactory(email=person.email)
    profile_made, finish = threading.Event(), threading.Event()
    outcome = {}

    def become_talent():
        try:
            with transaction.atomic():
                create_profile(User.objects.get(pk=person.pk))
                profile_made.set()
                finish.wait(30)
        finally:
            connection.close()

    def join_host():
        try:
            with transaction.atomic():
                join(invitation, User.objects.get(pk=person.pk))
        except (ValidationError, IntegrityError) as error:
            outcome["error"] = error
        finally:
            connection.close()

    first = threading.Thread(target=become_talent)
    first.start()
    assert profile_made.wait(30)
    second = threading.Thread(target=join_host)
    second.start()
    _wait_until_a_query_waits_on_a_lock()
    finish.set()
    first.join(30)
    second.join(30)

    assert isinstance(outcome["error"], ValidationError if join is _join_by_service else IntegrityError)
    assert TalentProfile.objects.filter(user=person).exists()
    assert not HostMembership.objects.filter(user=person).exists()
    assert User.objects.get(pk=person.pk).role == Role.TALENT


def _wait_until_a_query_waits_on_a_lock(seconds=30):
    """Polls PostgreSQL (not the clock) until another connection of this database waits on a row lock."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
    pytest.fail("the second request never waited on the user's row")
