import re

import pytest
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from hosts.choices import Place, ProjectStatus
from hosts.models import Project, ProjectSeat
from tests.factories import CohortFactory, ProjectFactory, SkillFactory


def project_data(**overrides):
    return {
        "title": "Chest X-ray quality control",
        "summary": "Flag unusable X-rays before a radiologist sees them.",
        "description": "Build and validate a classifier on ten years of images.",
        "cohort": "cohort-2031",
        "skills": ["computer-vision"],
        "supervisor_name": "Dr. Karin Ström",
        "supervisor_email": "karin.strom@hospital.example.org",
        "city": "Gothenburg",
        "place": Place.HYBRID,
        "seats_1": "1",
        "seats_2": "2",
        "seats_3": "0",
        **overrides,
    }


@pytest.fixture
def member_client(client, host_member):
    client.force_login(host_member)
    return client


@pytest.fixture
def vision(db):
    return SkillFactory(name="Computer vision", slug="computer-vision")


def test_member_creates_a_project_with_seats_per_period(member_client, host_organization, open_cohort, vision):
    response = member_client.post(reverse("hosts_members:project_create"), project_data())

    project = Project.objects.get()
    assert response["Location"] == reverse("hosts_members:project_detail", args=[project.uuid])
    assert project.organization == host_organization
    assert project.status == ProjectStatus.DRAFT
    assert list(project.skills.all()) == [vision]
    seats = dict(ProjectSeat.objects.filter(project=project).values_list("period__number", "seats"))
    assert seats == {1: 1, 2: 2, 3: 0}


def test_negative_seats_are_refused_and_nothing_is_saved(member_client, open_cohort, vision):
    response = member_client.post(reverse("hosts_members:project_create"), project_data(seats_2="-1"))

    assert response.status_code == 200
    assert "Seats cannot be negative" in response.content.decode()
    assert not Project.objects.exists()
    assert not ProjectSeat.objects.exists()


def test_a_project_for_a_completed_cohort_is_refused(member_client, open_cohort, vision):
    CohortFactory(name="Cohort 2020", slug="cohort-2020", status=CohortStatus.COMPLETED)

    response = member_client.post(reverse("hosts_members:project_create"), project_data(cohort="cohort-2020"))

    assert "Select a valid choice" in response.content.decode()
    assert not Project.objects.exists()


def test_editing_a_draft_whose_cohort_moved_on_is_refused_with_a_message(member_client, host_project, vision):
    host_project.cohort.status = CohortStatus.MATCHING
    host_project.cohort.save()
    open_again = CohortFactory(name="Cohort 2032", slug="cohort-2032", status=CohortStatus.PLANNING)

    response = member_client.post(
        reverse("hosts_members:project_edit", args=[host_project.uuid]),
        project_data(cohort=open_again.slug, title="Changed"),
    )
    assert response.status_code == 302  # moving it to an open cohort works
    host_project.refresh_from_db()
    assert host_project.cohort == open_again
    assert ProjectSeat.objects.filter(project=host_project, period__cohort=open_again).count() == 3
    assert not ProjectSeat.objects.filter(project=host_project).exclude(period__cohort=open_again).exists()


def test_submitting_queues_a_note_to_the_team(member_client, host_project, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"

    response = member_client.post(reverse("hosts_members:project_submit", args=[host_project.uuid]))

    assert response.status_code == 302
    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.SUBMITTED
    assert OutboundEmail.objects.get(template="hosts/project_submitted_note").to == "team@ai.se"


def test_a_project_without_seats_cannot_be_submitted(member_client, host_organization, open_cohort):
    project = ProjectFactory(organization=host_organization, cohort=open_cohort, seats=(0, 0, 0))

    response = member_client.post(reverse("hosts_members:project_submit", args=[project.uuid]), follow=True)

    assert "at least one seat" in response.content.decode()
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT
    assert not OutboundEmail.objects.exists()


def test_an_approved_project_is_read_only_for_members(member_client, host_organization, open_cohort, vision):
    project = ProjectFactory(
        organization=host_organization, cohort=open_cohort, title="Approved", status=ProjectStatus.APPROVED
    )

    response = member_client.post(
        reverse("hosts_members:project_edit", args=[project.uuid]), project_data(title="Hijacked")
    )
    page = member_client.get(response["Location"]).content.decode()

    project.refresh_from_db()
    assert project.title == "Approved"
    assert "can no longer be changed" in page
    assert reverse("hosts_members:project_edit", args=[project.uuid]) not in page
    submit = member_client.post(reverse("hosts_members:project_submit", args=[project.uuid]), follow=True)
    assert "cannot be submitted" in submit.content.decode()


def test_withdrawing_a_project_is_final(member_client, host_project):
    member_client.post(reverse("hosts_members:project_withdraw", args=[host_project.uuid]))
    host_project.refresh_from_db()
    assert host_project.status == ProjectStatus.WITHDRAWN

    member_client.post(reverse("hosts_members:project_withdraw", args=[host_project.uuid]))
    response = member_client.post(reverse("hosts_members:project_submit", args=[host_project.uuid]), follow=True)
    assert "cannot be submitted" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "methods"),
    [
        ("hosts_members:project_detail", ["get"]),
        ("hosts_members:project_edit", ["get", "post"]),
        ("hosts_members:project_submit", ["post"]),
        ("hosts_members:project_withdraw", ["post"]),
    ],
)
def test_another_organisations_project_is_a_404_and_stays_unchanged(
    client, other_host_member, host_project, name, methods
):
    client.force_login(other_host_member)
    url = reverse(name, args=[host_project.uuid])

    for method in methods:
        assert getattr(client, method)(url, project_data(title="Hijacked")).status_code == 404
    host_project.refresh_from_db()
    assert host_project.title == "Triage notes with NLP"
    assert host_project.status == ProjectStatus.DRAFT


def test_project_list_shows_only_the_members_organisation(member_client, host_project, other_host_project):
    page = member_client.get(reverse("hosts_members:projects")).content.decode()

    assert "Triage notes with NLP" in page
    assert "Compound solubility" not in page


def test_profile_edit_changes_the_public_pages(member_client, host_organization):
    """/hosts/ shows a short description to skim; the host's own page the whole text."""
    opening = "Sweden&#x27;s largest emergency department, " + " ".join(["with"] * 24)
    description = opening.replace("&#x27;", "'") + " night shifts and triage models in daily use."
    response = member_client.post(
        reverse("hosts_members:profile"),
        {"description": description, "website": "https://vastkust.example", "city": "Mölndal"},
    )

    assert response.status_code == 302
    directory = member_client.get(reverse("portal:host_list")).content.decode()
    assert opening in directory
    assert "triage models in daily use" not in directory
    assert "Mölndal" in directory
    page = member_client.get(reverse("portal:host_page", args=[host_organization.slug])).content.decode()
    assert "night shifts and triage models in daily use." in page
    assert 'href="https://vastkust.example"' in page
    assert "Mölndal" in page


def test_profile_with_a_bad_website_is_refused(member_client, host_organization):
    response = member_client.post(
        reverse("hosts_members:profile"), {"description": "", "website": "not a url", "city": ""}
    )

    assert "Enter a valid URL." in response.content.decode()
    host_organization.refresh_from_db()
    assert host_organization.city == "Gothenburg"


def _projects(organization, cohort, count):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for number in range(count):
        ProjectFactory(organization=organization, cohort=cohort, title=f"Project {number}", skills=skills)


@pytest.mark.parametrize("size", [1, 20])
def test_dashboard_queries_do_not_grow_with_projects(
    member_client, host_organization, open_cohort, size, django_assert_max_num_queries
):
    _projects(host_organization, open_cohort, size)
    # 12 at any size: session, user, membership, members, invitations, projects, seats, open cohorts, and
    # the rotations section (placements, periods, evaluations, interests, projects to rank)…
    # (tests/portal/test_host_overview.py pins the exact count with rankings and placements too)
    with django_assert_max_num_queries(12):
        response = member_client.get(reverse("portal:host_dashboard"))
    assert response.content.decode().count("/host/projects/") >= size


@pytest.mark.parametrize("size", [1, 20])
def test_project_list_queries_do_not_grow_with_projects(
    member_client, host_organization, open_cohort, size, django_assert_num_queries
):
    _projects(host_organization, open_cohort, size)
    # session, user with membership, the open-cohort check ("New project"), the projects with cohorts, their seats
    with django_assert_num_queries(5):
        response = member_client.get(reverse("hosts_members:projects"))
    assert response.content.decode().count("Period 1: ") >= size


def test_editing_a_project_shows_its_cohort_selected(member_client, host_project):
    page = member_client.get(reverse("hosts_members:project_edit", args=[host_project.uuid])).content.decode()

    assert re.search(r'<option value="cohort-2031"[^>]*selected', page)


def test_saving_an_unchanged_project_keeps_its_cohort(member_client, host_project):
    url = reverse("hosts_members:project_edit", args=[host_project.uuid])
    form = member_client.get(url).context["form"]
    data = {
        name: [value.slug if hasattr(value, "slug") else value for value in values]
        if isinstance(values := form[name].value(), list | tuple)
        else values
        for name in form.fields
    }
    data = {name: "" if value is None else value for name, value in data.items()}

    response = member_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    host_project.refresh_from_db()
    assert host_project.cohort.slug == "cohort-2031"


def test_a_project_can_move_to_another_open_cohort_but_not_to_a_running_one(member_client, host_project, vision):
    CohortFactory(name="Cohort 2032", slug="cohort-2032", status=CohortStatus.PLANNING)
    CohortFactory(name="Cohort 2025", slug="cohort-2025", status=CohortStatus.RUNNING)
    url = reverse("hosts_members:project_edit", args=[host_project.uuid])

    refused = member_client.post(url, project_data(cohort="cohort-2025"))
    assert refused.status_code == 200
    host_project.refresh_from_db()
    assert host_project.cohort.slug == "cohort-2031"

    member_client.post(url, project_data(cohort="cohort-2032"))
    host_project.refresh_from_db()
    assert host_project.cohort.slug == "cohort-2032"
