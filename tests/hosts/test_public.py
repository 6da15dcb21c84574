import pytest
from django.urls import reverse

from eyeforai.programme.choices import CohortStatus
from hosts.choices import OrganizationStatus, ProjectStatus
from tests.factories import CohortFactory, HostOrganizationFactory, ProjectFactory, SkillFactory


def test_hosts_page_lists_active_hosts_with_approved_projects_of_the_open_cohort(
    client, host_organization, prospect_organization, open_cohort
):
    nlp = SkillFactory(name="Natural language processing")
    ProjectFactory(
        organization=host_organization,
        cohort=open_cohort,
        title="Triage notes with NLP",
        status=ProjectStatus.APPROVED,
        skills=[nlp],
    )
    ProjectFactory(organization=host_organization, cohort=open_cohort, title="Secret draft")
    ProjectFactory(
        organization=prospect_organization, cohort=open_cohort, title="Prospect's idea", status=ProjectStatus.APPROVED
    )
    HostOrganizationFactory(name="Gone Former Host", status=OrganizationStatus.FORMER)

    page = client.get(reverse("portal:host_list")).content.decode()

    assert "Västkust University Hospital" in page
    assert "Triage notes with NLP" in page
    assert "Natural language processing" in page
    assert "Secret draft" not in page
    assert "Skärgård University" not in page
    assert "Gone Former Host" not in page


def test_hosts_page_leaves_out_projects_of_other_cohorts(client, host_organization, open_cohort):
    completed = CohortFactory(name="Cohort 2020", status=CohortStatus.COMPLETED)
    ProjectFactory(organization=host_organization, cohort=completed, title="Old project", status=ProjectStatus.APPROVED)

    page = client.get(reverse("portal:host_list")).content.decode()

    assert "Old project" not in page


def _hosts_with_projects(count, cohort):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for number in range(count):
        organization = HostOrganizationFactory(name=f"Host {number}")
        for index in range(2):
            ProjectFactory(
                organization=organization,
                cohort=cohort,
                title=f"Project {number}.{index}",
                status=ProjectStatus.APPROVED,
                skills=skills,
            )


@pytest.mark.parametrize("size", [1, 15])
def test_hosts_page_queries_do_not_grow_with_hosts(client, open_cohort, size, django_assert_max_num_queries):
    _hosts_with_projects(size, open_cohort)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:host_list"))
    assert response.content.decode().count('class="card"') == size * 2


def test_front_page_shows_our_hosts_section(client, host_organization, prospect_organization):
    page = client.get(reverse("portal:home")).content.decode()

    assert "Our hosts" in page
    assert "Västkust University Hospital" in page
    assert "Skärgård University" not in page


def test_navigation_shows_host_dashboard_to_members_only(client, host_member, talent):
    client.force_login(host_member)
    assert reverse("portal:host_dashboard") in client.get(reverse("portal:home")).content.decode()
    client.force_login(talent)
    assert reverse("portal:host_dashboard") not in client.get(reverse("portal:home")).content.decode()
