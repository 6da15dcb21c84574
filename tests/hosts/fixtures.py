"""Objects the hosts tests and the access matrix build: two organisations, an open cohort, projects."""

import pytest

from eyeforai.programme.choices import CohortStatus
from hosts.choices import OrganizationStatus, ProjectStatus, Sector
from tests.factories import (
    CohortFactory,
    HostInterestFactory,
    HostOrganizationFactory,
    InvitationFactory,
    ProjectFactory,
)


@pytest.fixture
def host_organization(db):
    return HostOrganizationFactory(
        name="Västkust University Hospital", slug="vastkust-university-hospital", sector=Sector.HOSPITAL
    )


@pytest.fixture
def other_host_organization(db):
    return HostOrganizationFactory(name="Nordljus Pharma", slug="nordljus-pharma", sector=Sector.PHARMA)


@pytest.fixture
def prospect_organization(db):
    return HostOrganizationFactory(
        name="Skärgård University", slug="skargard-university", status=OrganizationStatus.PROSPECT
    )


@pytest.fixture
def open_cohort(db):
    return CohortFactory(name="Cohort 2031", slug="cohort-2031", status=CohortStatus.RECRUITING)


@pytest.fixture
def host_project(host_organization, open_cohort):
    return ProjectFactory(organization=host_organization, cohort=open_cohort, title="Triage notes with NLP")


@pytest.fixture
def public_host_project(host_organization, open_cohort):
    """An approved project: what the public host and project pages show."""
    return ProjectFactory(
        organization=host_organization,
        cohort=open_cohort,
        title="Sepsis early warning",
        summary="Warn the ward hours before sepsis.",
        status=ProjectStatus.APPROVED,
    )


@pytest.fixture
def other_host_project(other_host_organization, open_cohort):
    return ProjectFactory(organization=other_host_organization, cohort=open_cohort, title="Compound solubility")


@pytest.fixture
def host_invitation(host_organization):
    return InvitationFactory(organization=host_organization, email="new.colleague@hospital.example.org")


@pytest.fixture
def host_interest(open_cohort):
    return HostInterestFactory(organization_name="Bergslagen Robotics", cohort=open_cohort)
