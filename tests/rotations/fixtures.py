"""A running cohort with accepted talents and approved projects at several hosts, for rotations tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.dates import add_months
from hosts.choices import ProjectStatus
from rotations.models import Placement
from rotations.services.matching import execute_run, start_run
from rotations.services.preferences import save_host_ranking, save_talent_ranking
from talents.choices import ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    HostOrganizationFactory,
    ProjectFactory,
    TalentProfileFactory,
    UserFactory,
    running_cohort,
)


def accept(user, cohort):
    """Make `user` an accepted talent of `cohort`; returns the TalentProfile."""
    profile = TalentProfileFactory(user=user)
    ApplicationFactory(talent=profile, cohort=cohort, status=ApplicationStatus.ACCEPTED)
    return profile


def accepted_talent(cohort, number):
    user = UserFactory(email=f"accepted{number}@example.org", first_name=f"Talent{number}", last_name="Tester")
    return accept(user, cohort)


def approved_project(organization, cohort, *, seats=(1, 1, 1), title=None):
    return ProjectFactory(
        organization=organization,
        cohort=cohort,
        status=ProjectStatus.APPROVED,
        seats=seats,
        **({"title": title} if title else {}),
    )


def place(talent, project, number, *, status="proposed"):
    """A placement written straight to the database (as an already-made one); the service is tested apart."""
    period = project.cohort.periods.get(number=number)
    placement = Placement.of(talent=talent, project=project, period=period, status=status)
    placement.save()
    return placement


@pytest.fixture
def rotation_cohort(db):
    """Started 13 months ago: periods 1 and 2 are over, period 3 (the last) began a month ago."""
    return running_cohort(name="Cohort 2025", slug="cohort-2025", starts_on=add_months(timezone.localdate(), -13))


@pytest.fixture
def hosts_with_projects(rotation_cohort, host_organization, other_host_organization):
    """Three hosts (host_member's first), each with one approved project of one seat per period."""
    third = HostOrganizationFactory(name="Volvo Software Lab", slug="volvo-software-lab")
    return [
        approved_project(organization, rotation_cohort, title=f"Project at {organization.name}")
        for organization in [host_organization, other_host_organization, third]
    ]


@pytest.fixture
def talent_placement(talent, rotation_cohort, hosts_with_projects):
    """The `talent` accepted into the cohort and confirmed at host_member's organisation in period 3."""
    profile = accept(talent, rotation_cohort)
    return place(profile, hosts_with_projects[0], 3, status="active")


@pytest.fixture
def matching_cohort(db):
    """A recruiting cohort whose preference window is open (deadline in a month)."""
    return CohortFactory(
        name="Cohort 2027",
        slug="cohort-2027",
        status=CohortStatus.MATCHING,
        preference_deadline=timezone.now() + timedelta(days=30),
    )


@pytest.fixture
def matching_projects(matching_cohort, host_organization, other_host_organization):
    """Six approved projects at four hosts (host_member's organisation first), two seats per period."""
    extra = [HostOrganizationFactory(name=f"Matching host {n}", slug=f"matching-host-{n}") for n in range(2)]
    organizations = [host_organization, host_organization, other_host_organization, other_host_organization, *extra]
    return [
        approved_project(organization, matching_cohort, seats=(2, 2, 2), title=f"Matching project {number}")
        for number, organization in enumerate(organizations)
    ]


@pytest.fixture
def ranked_cohort(matching_cohort, matching_projects):
    """Four accepted talents who ranked all six projects (the minimum) each, and hosts who ranked them back."""
    talents = [accepted_talent(matching_cohort, number) for number in range(4)]
    for number, talent in enumerate(talents):
        order = matching_projects[number % 6 :] + matching_projects[: number % 6]
        save_talent_ranking(talent, matching_cohort, order, by=None)
    for project in matching_projects:
        save_host_ranking(project, {talent: rank for rank, talent in enumerate(talents, start=1)}, by=None)
    return talents


@pytest.fixture
def matching_run(ranked_cohort, matching_cohort, manager):
    """A finished run of the engine on the ranked cohort."""
    return execute_run(start_run(matching_cohort, by=manager))
