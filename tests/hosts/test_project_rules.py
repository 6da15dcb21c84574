"""What the projects pages hide by status is refused by the services too; one definition of "approved"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hosts.choices import OrganizationStatus, Place, ProjectStatus
from hosts.models import Project
from hosts.services.projects import save_project
from tests.factories import CohortFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, host_member):
    client.force_login(host_member)
    return client


def test_a_former_host_cannot_add_a_project_by_a_direct_post(member_client, host_organization, open_cohort):
    host_organization.status = OrganizationStatus.FORMER
    host_organization.save(update_fields=["status"])
    projects_page = member_client.get(reverse("hosts_members:projects")).content.decode()
    assert reverse("hosts_members:project_create") not in projects_page

    response = member_client.post(
        reverse("hosts_members:project_create"),
        {"title": "Late idea", "summary": "s", "description": "d", "cohort": open_cohort.slug},
        follow=True,
    )

    assert "no longer hosts talents" in response.content.decode()
    assert not Project.objects.exists()


def test_save_project_refuses_a_new_project_of_a_former_host(host_organization, open_cohort, host_member):
    host_organization.status = OrganizationStatus.FORMER
    host_organization.save(update_fields=["status"])
    project = Project(
        organization=host_organization,
        cohort=open_cohort,
        title="Late idea",
        summary="s",
        description="d",
        supervisor_name="S",
        supervisor_email="s@example.org",
        place=Place.ON_SITE,
    )
    with pytest.raises(ValidationError, match="no longer hosts talents"):
        save_project(project, skills=[], seats={1: 1}, by=host_member)
    assert not Project.objects.exists()


def test_an_approved_project_cannot_be_withdrawn_by_a_direct_post(member_client, host_organization, open_cohort):
    project = ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED)
    detail = member_client.get(reverse("hosts_members:project_detail", args=[project.uuid])).content.decode()
    assert reverse("hosts_members:project_withdraw", args=[project.uuid]) not in detail

    response = member_client.post(reverse("hosts_members:project_withdraw", args=[project.uuid]), follow=True)

    assert "cannot be withdrawn" in response.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED


def test_a_submitted_project_offers_withdraw_but_not_edit(member_client, host_organization, open_cohort):
    project = ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.SUBMITTED)
    detail = member_client.get(reverse("hosts_members:project_detail", args=[project.uuid])).content.decode()
    assert reverse("hosts_members:project_withdraw", args=[project.uuid]) in detail
    assert reverse("hosts_members:project_edit", args=[project.uuid]) not in detail


def test_approved_in_lists_only_the_cohorts_approved_projects(host_organization, open_cohort):
    approved = ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED)
    for status in [ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, ProjectStatus.WITHDRAWN]:
        ProjectFactory(organization=host_organization, cohort=open_cohort, status=status)
    ProjectFactory(organization=host_organization, cohort=CohortFactory(), status=ProjectStatus.APPROVED)

    assert list(Project.objects.approved_in(open_cohort)) == [approved]
