import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from hosts.choices import InterestStatus, MemberRole, OrganizationStatus, ProjectStatus
from hosts.models import HostOrganization, Invitation
from tests.factories import (
    HostMembershipFactory,
    HostOrganizationFactory,
    ProjectFactory,
    SkillFactory,
    UserFactory,
)


@pytest.fixture
def admin_client_for_manager(client, manager):
    client.force_login(manager)
    return client


def run_action(client, model, action, objects, **extra):
    url = reverse(f"admin:hosts_{model}_changelist")
    return client.post(url, {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}, follow=True)


def test_converting_an_interest_creates_the_organisation_and_invites_the_contact(
    admin_client_for_manager, host_interest
):
    response = run_action(admin_client_for_manager, "hostinterest", "convert", [host_interest])

    assert response.status_code == 200
    organization = HostOrganization.objects.get(name="Bergslagen Robotics")
    assert organization.status == OrganizationStatus.PROSPECT
    invitation = Invitation.objects.get(organization=organization)
    assert invitation.email == host_interest.email
    assert invitation.role == MemberRole.CONTACT
    assert OutboundEmail.objects.get(template="hosts/invitation").to == host_interest.email
    host_interest.refresh_from_db()
    assert host_interest.status == InterestStatus.JOINED
    assert host_interest.organization == organization


def test_converting_when_the_organisation_exists_is_refused_with_a_message(admin_client_for_manager, host_interest):
    HostOrganizationFactory(name="bergslagen robotics", slug="bergslagen-robotics")

    response = run_action(admin_client_for_manager, "hostinterest", "convert", [host_interest])

    assert "already exists" in response.content.decode()
    host_interest.refresh_from_db()
    assert host_interest.status == InterestStatus.NEW
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_pipeline_moves_new_to_contacted_to_declined(admin_client_for_manager, host_interest):
    run_action(admin_client_for_manager, "hostinterest", "mark_contacted", [host_interest])
    host_interest.refresh_from_db()
    assert host_interest.status == InterestStatus.CONTACTED

    run_action(admin_client_for_manager, "hostinterest", "decline", [host_interest])
    host_interest.refresh_from_db()
    assert host_interest.status == InterestStatus.DECLINED

    response = run_action(admin_client_for_manager, "hostinterest", "convert", [host_interest])
    assert "cannot be converted" in response.content.decode()


def test_approving_activates_a_prospect_and_emails_every_member(
    admin_client_for_manager, prospect_organization, open_cohort
):
    members = [HostMembershipFactory(organization=prospect_organization).user for _ in range(2)]
    project = ProjectFactory(organization=prospect_organization, cohort=open_cohort, status=ProjectStatus.SUBMITTED)

    run_action(admin_client_for_manager, "project", "approve", [project])

    project.refresh_from_db()
    prospect_organization.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    assert prospect_organization.status == OrganizationStatus.ACTIVE
    approved = OutboundEmail.objects.filter(template="hosts/project_approved")
    assert sorted(approved.values_list("to", flat=True)) == sorted(member.email for member in members)


def test_approving_a_draft_is_refused_and_sends_nothing(admin_client_for_manager, host_project):
    response = run_action(admin_client_for_manager, "project", "approve", [host_project])

    assert "Only submitted projects can be approved" in response.content.decode()
    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.DRAFT
    assert not OutboundEmail.objects.exists()


def test_requesting_changes_asks_for_a_note_then_emails_it(admin_client_for_manager, host_member, host_project):
    host_project.status = ProjectStatus.SUBMITTED
    host_project.save()

    page = run_action(admin_client_for_manager, "project", "request_changes", [host_project])
    assert "What should the host change?" in page.content.decode()
    empty = run_action(admin_client_for_manager, "project", "request_changes", [host_project], apply="1", note=" ")
    assert "This field is required." in empty.content.decode()
    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.SUBMITTED

    run_action(
        admin_client_for_manager, "project", "request_changes", [host_project], apply="1", note="Name the data set."
    )

    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.CHANGES_REQUESTED
    assert host_project.manager_note == "Name the data set."
    email = OutboundEmail.objects.get(template="hosts/project_changes_requested")
    assert email.to == host_member.email
    assert "Name the data set." in email.body_text


def test_member_sees_the_note_and_can_resubmit(client, host_member, host_project, admin_client_for_manager):
    host_project.status = ProjectStatus.SUBMITTED
    host_project.save()
    run_action(admin_client_for_manager, "project", "request_changes", [host_project], apply="1", note="More detail.")
    client.force_login(host_member)

    assert (
        "More detail." in client.get(reverse("hosts_members:project_detail", args=[host_project.uuid])).content.decode()
    )
    client.post(reverse("hosts_members:project_submit", args=[host_project.uuid]))
    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.SUBMITTED


def test_inviting_from_the_organisation_page_sends_the_invitation(admin_client_for_manager, host_organization):
    url = reverse("admin:hosts_hostorganization_change", args=[host_organization.pk])
    data = {
        "name": host_organization.name,
        "slug": host_organization.slug,
        "sector": host_organization.sector,
        "city": host_organization.city,
        "website": "",
        "description": host_organization.description,
        "status": host_organization.status,
    }
    for prefix in ["memberships", "invitations", "invitations-2", "projects"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"invitations-2-TOTAL_FORMS": "1", "invitations-2-0-email": "Nurse.Lead@Hospital.example.org"}
    data |= {"invitations-2-0-role": MemberRole.MEMBER}

    response = admin_client_for_manager.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    invitation = Invitation.objects.get(organization=host_organization)
    assert invitation.email == "nurse.lead@hospital.example.org"
    assert OutboundEmail.objects.get(template="hosts/invitation").to == "nurse.lead@hospital.example.org"


def test_inviting_a_member_of_another_organisation_from_the_admin_shows_an_error(
    admin_client_for_manager, host_organization, other_host_member
):
    url = reverse("admin:hosts_hostorganization_change", args=[host_organization.pk])
    data = {
        "name": host_organization.name,
        "slug": host_organization.slug,
        "sector": host_organization.sector,
        "status": host_organization.status,
    }
    for prefix in ["memberships", "invitations", "invitations-2", "projects"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"invitations-2-TOTAL_FORMS": "1", "invitations-2-0-email": other_host_member.email}
    data |= {"invitations-2-0-role": MemberRole.MEMBER}

    response = admin_client_for_manager.post(url, data)

    assert response.status_code == 200
    assert "already belongs to another host organisation" in response.content.decode()
    assert not Invitation.objects.exists()


def _many_projects(count, cohort):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for number in range(count):
        organization = HostOrganizationFactory(name=f"Host {number}")
        HostMembershipFactory(organization=organization, user=UserFactory())
        ProjectFactory(organization=organization, cohort=cohort, skills=skills, status=ProjectStatus.SUBMITTED)


@pytest.mark.parametrize("size", [1, 25])
def test_project_admin_list_queries_do_not_grow_with_projects(
    admin_client_for_manager, open_cohort, size, django_assert_max_num_queries
):
    _many_projects(size, open_cohort)
    url = reverse("admin:hosts_project_changelist")
    with django_assert_max_num_queries(14):
        response = admin_client_for_manager.get(url, {"cohort__id__exact": open_cohort.pk})
    assert response.status_code == 200
    assert "P1: 1 / P2: 1 / P3: 1" in response.content.decode()


def test_project_admin_filters_by_status_and_sector(admin_client_for_manager, host_project, other_host_project):
    other_host_project.status = ProjectStatus.SUBMITTED
    other_host_project.save()
    url = reverse("admin:hosts_project_changelist")

    page = admin_client_for_manager.get(url, {"status__exact": "submitted"}).content.decode()
    assert "Compound solubility" in page
    assert "Triage notes with NLP" not in page
    page = admin_client_for_manager.get(url, {"organization__sector__exact": "hospital"}).content.decode()
    assert "Triage notes with NLP" in page
    assert "Compound solubility" not in page


@pytest.mark.parametrize(
    "name",
    ["admin:hosts_hostinterest_changelist", "admin:hosts_hostorganization_changelist", "admin:hosts_project_add"],
)
def test_admin_pages_open(admin_client_for_manager, host_interest, host_project, host_member, name):
    assert admin_client_for_manager.get(reverse(name)).status_code == 200


def test_admin_change_pages_open(admin_client_for_manager, host_interest, host_project, host_member, host_invitation):
    for url in [
        reverse("admin:hosts_hostinterest_change", args=[host_interest.pk]),
        reverse("admin:hosts_hostorganization_change", args=[host_project.organization.pk]),
        reverse("admin:hosts_project_change", args=[host_project.pk]),
    ]:
        assert admin_client_for_manager.get(url).status_code == 200, url
