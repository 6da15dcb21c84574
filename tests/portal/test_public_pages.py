"""The public pages show the cohort whose call is open, its hosts and projects, with a page per host
and per project; only approved projects of active hosts in announced cohorts are public."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from hosts.choices import OrganizationStatus, ProjectStatus
from hosts.services.projects import approve_project
from tests.factories import CohortFactory, HostOrganizationFactory, ProjectFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running_2025(db):
    return CohortFactory(name="Cohort 2025", starts_on=date(2025, 9, 1), status=CohortStatus.RUNNING)


@pytest.fixture
def open_2027(db):
    return CohortFactory(name="Cohort 2027", starts_on=date(2027, 9, 1), status=CohortStatus.RECRUITING)


def _page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


# --- the front page --------------------------------------------------------------------------------


def test_home_shows_the_cohort_whose_call_is_open_not_the_running_one(client, running_2025, open_2027):
    page = _page(client, "portal:home")

    assert "Applications for Cohort 2027 are open." in page
    assert "Cohort 2027: applications are open" in page
    assert date_format(open_2027.starts_on) in page
    for period in open_2027.periods.all():
        assert date_format(period.starts_on) in page and date_format(period.ends_on) in page
    assert "Cohort Cohort" not in page
    assert "Cohort 2025" not in page
    assert date_format(running_2025.periods.get(number=1).starts_on) not in page


def test_home_without_an_open_call_labels_the_next_cohort(client, running_2025):
    CohortFactory(
        name="Cohort 2027",
        status=CohortStatus.RECRUITING,
        applications_open_at=timezone.now() + timedelta(days=10),
        application_deadline=timezone.now() + timedelta(days=40),
    )

    page = _page(client, "portal:home")

    assert "Next cohort: Cohort 2027" in page
    assert "Applications open on" in page
    assert "The call for the next cohort is not open yet" in page


def test_home_with_only_a_running_cohort_labels_it_running(client, running_2025):
    page = _page(client, "portal:home")

    assert "Running now: Cohort 2025" in page
    assert "Cohort Cohort" not in page


def test_featured_cohort_prefers_the_open_call_then_the_next_then_the_newest_running(db):
    older = CohortFactory(name="Cohort 2024", starts_on=date(2024, 9, 1), status=CohortStatus.RUNNING)
    newer = CohortFactory(name="Cohort 2025", starts_on=date(2025, 9, 1), status=CohortStatus.RUNNING)
    CohortFactory(name="Cohort 2020", starts_on=date(2020, 9, 1), status=CohortStatus.COMPLETED)
    CohortFactory(name="Cohort 2029", starts_on=date(2029, 9, 1), status=CohortStatus.PLANNING)
    assert Cohort.objects.featured() == newer

    matching = CohortFactory(name="Cohort 2026", starts_on=date(2026, 9, 1), status=CohortStatus.MATCHING)
    assert Cohort.objects.featured() == matching

    open_call = CohortFactory(name="Cohort 2027", starts_on=date(2027, 9, 1), status=CohortStatus.RECRUITING)
    assert list(Cohort.objects.announced()) == [open_call, matching, newer, older]


def test_a_signed_in_talent_sees_a_link_to_their_overview_not_create_an_account(client, talent, open_2027):
    client.force_login(talent)

    page = _page(client, "portal:home")

    assert f'href="{reverse("portal:talent_dashboard")}">Go to your overview' in page
    assert "Create an account" not in page


def test_a_signed_in_host_member_sees_a_link_to_their_host_overview(client, host_member, open_2027):
    client.force_login(host_member)

    page = _page(client, "portal:home")

    assert f'href="{reverse("portal:host_dashboard")}">Go to your host overview' in page
    assert "Create an account" not in page


# --- /hosts/ ---------------------------------------------------------------------------------------


def test_hosts_page_lists_the_open_call_cohort_first_then_the_running_one(client, running_2025, open_2027):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    pharma = HostOrganizationFactory(name="Nordljus Pharma", slug="nordljus")
    new = ProjectFactory(
        organization=hospital, cohort=open_2027, title="Sepsis early warning", status=ProjectStatus.APPROVED
    )
    ProjectFactory(organization=pharma, cohort=running_2025, title="Compound solubility", status=ProjectStatus.APPROVED)
    ProjectFactory(organization=pharma, cohort=open_2027, title="Secret draft")
    completed = CohortFactory(name="Cohort 2020", status=CohortStatus.COMPLETED)
    ProjectFactory(organization=pharma, cohort=completed, title="Old project", status=ProjectStatus.APPROVED)

    page = _page(client, "portal:host_list")

    assert page.index("Cohort 2027 — applications open until") < page.index("Sepsis early warning")
    assert page.index("Sepsis early warning") < page.index("Cohort 2025 — running now")
    assert page.index("Cohort 2025 — running now") < page.index("Compound solubility")
    assert "Secret draft" not in page and "Old project" not in page
    assert f'href="{reverse("portal:host_page", args=["vastkust"])}"' in page
    assert f'href="{reverse("portal:project_page", args=["vastkust", new.uuid])}"' in page


def test_hosts_page_lists_active_hosts_without_projects_after_the_cohorts(client, open_2027):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    ProjectFactory(organization=hospital, cohort=open_2027, title="Sepsis early warning", status=ProjectStatus.APPROVED)
    HostOrganizationFactory(name="Nordljus Pharma", slug="nordljus")
    HostOrganizationFactory(name="Skärgård University", slug="skargard", status=OrganizationStatus.PROSPECT)

    page = _page(client, "portal:host_list")

    assert page.index("Sepsis early warning") < page.index("Other host organisations") < page.index("Nordljus Pharma")
    assert f'href="{reverse("portal:host_page", args=["nordljus"])}"' in page
    assert page.count(f'href="{reverse("portal:host_page", args=["vastkust"])}"') == 1  # not among the others
    assert "Skärgård University" not in page


@pytest.mark.parametrize("size", [1, 12])
def test_hosts_page_issues_three_queries_whatever_the_size(
    client, running_2025, open_2027, size, django_assert_num_queries
):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for number in range(size):
        organization = HostOrganizationFactory(name=f"Host {number}")
        for cohort in (running_2025, open_2027):
            ProjectFactory(organization=organization, cohort=cohort, status=ProjectStatus.APPROVED, skills=skills)

    # the announced cohorts, their approved projects with the organisations, the projects' skills,
    # the active organisations
    with django_assert_num_queries(4):
        page = _page(client, "portal:host_list")
    assert page.count('class="card"') == size * 2


# --- a host's page ---------------------------------------------------------------------------------


def test_host_page_shows_the_organisation_and_its_approved_projects_by_cohort(client, running_2025, open_2027):
    hospital = HostOrganizationFactory(
        name="Västkust University Hospital",
        slug="vastkust",
        city="Gothenburg",
        website="https://hospital.example.org",
        description="A university hospital on the west coast.",
    )
    ProjectFactory(organization=hospital, cohort=open_2027, title="Sepsis early warning", status=ProjectStatus.APPROVED)
    ProjectFactory(organization=hospital, cohort=running_2025, title="Radiology triage", status=ProjectStatus.APPROVED)
    ProjectFactory(organization=hospital, cohort=open_2027, title="Withdrawn idea", status=ProjectStatus.WITHDRAWN)
    ProjectFactory(organization=hospital, cohort=open_2027, title="Draft idea")

    page = _page(client, "portal:host_page", "vastkust")

    assert "<h1>Västkust University Hospital</h1>" in page
    assert "A university hospital on the west coast." in page
    assert "Gothenburg" in page and "https://hospital.example.org" in page
    assert page.index("Cohort 2027 — applications open until") < page.index("Sepsis early warning")
    assert page.index("Cohort 2025 — running now") < page.index("Radiology triage")
    assert "Withdrawn idea" not in page and "Draft idea" not in page


def test_host_page_of_an_unknown_prospect_or_former_host_is_a_404(client):
    HostOrganizationFactory(name="Skärgård University", slug="skargard", status=OrganizationStatus.PROSPECT)
    HostOrganizationFactory(name="Gone Host", slug="gone", status=OrganizationStatus.FORMER)

    for slug in ("skargard", "gone", "no-such-host"):
        assert client.get(reverse("portal:host_page", args=[slug])).status_code == 404


@pytest.mark.parametrize("size", [1, 12])
def test_host_page_issues_five_queries_whatever_the_size(client, open_2027, size, django_assert_num_queries):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for _number in range(size):
        ProjectFactory(organization=hospital, cohort=open_2027, status=ProjectStatus.APPROVED, skills=skills)

    # the organisation, the announced cohorts, its approved projects, their skills, its latest blog posts
    with django_assert_num_queries(5):
        page = _page(client, "portal:host_page", "vastkust")
    assert page.count('class="card"') == size


def test_the_interest_form_is_not_taken_for_a_host_page(client):
    assert "Become a host" in _page(client, "hosts_public:interest")


# --- a project's page ------------------------------------------------------------------------------


def test_project_page_shows_what_the_talent_does_skills_and_seats_per_period(client, open_2027):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(
        organization=hospital,
        cohort=open_2027,
        title="Sepsis early warning",
        description="Build a model that warns the ward hours earlier.",
        status=ProjectStatus.APPROVED,
        skills=[SkillFactory(name="Time series")],
        seats=(2, 0, 1),
    )

    page = _page(client, "portal:project_page", "vastkust", project.uuid)

    assert "<h1>Sepsis early warning</h1>" in page
    assert "Build a model that warns the ward hours earlier." in page
    assert "Time series" in page
    assert 'data-label="Seats">2<' in page and 'data-label="Seats">0<' in page and 'data-label="Seats">1<' in page
    assert date_format(open_2027.periods.get(number=3).ends_on) in page
    assert f'href="{reverse("account_signup")}">Create an account and apply' in page
    assert "supervisor@example.org" not in page


@pytest.mark.parametrize(
    "status", [ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, ProjectStatus.CHANGES_REQUESTED, ProjectStatus.WITHDRAWN]
)
def test_project_page_of_a_project_not_approved_is_a_404(client, open_2027, status):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(organization=hospital, cohort=open_2027, status=status)

    assert client.get(reverse("portal:project_page", args=["vastkust", project.uuid])).status_code == 404


def test_project_page_under_another_host_or_a_prospect_or_an_old_cohort_is_a_404(client, open_2027):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    HostOrganizationFactory(name="Nordljus Pharma", slug="nordljus")
    prospect = HostOrganizationFactory(name="Skärgård University", slug="skargard", status=OrganizationStatus.PROSPECT)
    project = ProjectFactory(organization=hospital, cohort=open_2027, status=ProjectStatus.APPROVED)
    prospects = ProjectFactory(organization=prospect, cohort=open_2027, status=ProjectStatus.APPROVED)
    completed = CohortFactory(name="Cohort 2020", status=CohortStatus.COMPLETED)
    old = ProjectFactory(organization=hospital, cohort=completed, status=ProjectStatus.APPROVED)

    for slug, uuid in [("nordljus", project.uuid), ("skargard", prospects.uuid), ("vastkust", old.uuid)]:
        assert client.get(reverse("portal:project_page", args=[slug, uuid])).status_code == 404
    assert client.get(f"/hosts/vastkust/projects/{project.uuid}x/").status_code == 404


@pytest.mark.parametrize("skills", [1, 10])
def test_project_page_issues_three_queries_whatever_the_size(client, open_2027, skills, django_assert_num_queries):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(
        organization=hospital,
        cohort=open_2027,
        status=ProjectStatus.APPROVED,
        skills=[SkillFactory(name=f"Skill {n}") for n in range(skills)],
    )

    # the project with its organisation and cohort, its seats with their periods, its skills
    with django_assert_num_queries(3):
        _page(client, "portal:project_page", "vastkust", project.uuid)


# --- the page cache --------------------------------------------------------------------------------


def test_approving_a_project_shows_it_on_the_cached_public_pages(
    client, manager, open_2027, django_assert_num_queries, django_capture_on_commit_callbacks
):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(
        organization=hospital, cohort=open_2027, title="Sepsis early warning", status=ProjectStatus.SUBMITTED
    )
    for name, args in [("portal:host_list", []), ("portal:host_page", ["vastkust"])]:
        assert "Sepsis early warning" not in _page(client, name, *args)
        with django_assert_num_queries(0):  # served from the cache
            assert "Sepsis early warning" not in _page(client, name, *args)
    assert client.get(reverse("portal:project_page", args=["vastkust", project.uuid])).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        approve_project(project, by=manager)

    for name, args in [
        ("portal:host_list", []),
        ("portal:host_page", ["vastkust"]),
        ("portal:project_page", ["vastkust", project.uuid]),
    ]:
        assert "Sepsis early warning" in _page(client, name, *args)


def test_changing_seats_renews_the_cached_project_page(client, open_2027, django_capture_on_commit_callbacks):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(organization=hospital, cohort=open_2027, status=ProjectStatus.APPROVED, seats=(1, 1, 1))
    assert 'data-label="Seats">4<' not in _page(client, "portal:project_page", "vastkust", project.uuid)

    seat = project.seats.get(period__number=2)
    seat.seats = 4
    with django_capture_on_commit_callbacks(execute=True):
        seat.save()

    assert 'data-label="Seats">4<' in _page(client, "portal:project_page", "vastkust", project.uuid)


def test_the_menu_marks_hosts_on_a_host_and_a_project_page(client, open_2027):
    hospital = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    project = ProjectFactory(organization=hospital, cohort=open_2027, status=ProjectStatus.APPROVED)

    for page in (
        _page(client, "portal:host_page", "vastkust"),
        _page(client, "portal:project_page", "vastkust", project.uuid),
    ):
        assert 'aria-current="page">Hosts</a>' in page
