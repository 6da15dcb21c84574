"""A host member reads the profile, motivation and CV of a talent they rank or host, and nobody else's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from hosts.choices import ProjectStatus
from rotations.services.preferences import window_is_open
from talents.choices import ApplicationStatus, CVReader
from talents.models import CVDownload
from tests.factories import ApplicationFactory, CohortFactory, SkillFactory, UserFactory
from tests.rotations.fixtures import accept, accepted_talent, place

pytestmark = pytest.mark.django_db


def page_of(client, profile):
    return client.get(reverse("rotations_host:talent", args=[profile.uuid]))


@pytest.fixture
def ranked_talent(matching_cohort, matching_projects):
    """An accepted talent of the cohort host_member's organisation ranks for, with answers and links."""
    user = UserFactory(email="priya@example.org", first_name="Priya", last_name="Raman")
    profile = accept(user, matching_cohort)
    profile.university = "IIT Madras"
    profile.linkedin_url = "https://www.linkedin.com/in/priya-raman-example"
    profile.save()
    profile.skills.add(SkillFactory(name="Medical imaging", slug="medical-imaging"))
    profile.applications.update(motivation="I want to make radiology faster.", why_sweden="The open data culture.")
    return profile


def test_a_host_reads_the_profile_motivation_and_cv_of_a_talent_it_ranks(client, host_member, ranked_talent):
    client.force_login(host_member)
    response = page_of(client, ranked_talent)
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ["Priya Raman", "IIT Madras", "Computer science", "2024", "Medical imaging",
                  "Applied machine learning for health.", "https://www.linkedin.com/in/priya-raman-example",
                  "I want to make radiology faster.", "The open data culture."]:  # fmt: skip
        assert shown in page
    assert reverse("rotations_host:talent_cv", args=[ranked_talent.uuid]) in page


def test_the_rankings_page_links_each_talent_to_their_page(client, host_member, ranked_talent, matching_projects):
    client.force_login(host_member)
    page = client.get(reverse("rotations_host:rankings", args=[matching_projects[0].uuid])).content.decode()
    assert reverse("rotations_host:talent", args=[ranked_talent.uuid]) in page
    assert "table-stack" in page


def test_after_the_ranking_deadline_a_talent_only_ranked_is_not_found(
    client, host_member, ranked_talent, matching_cohort, time_machine
):
    time_machine.move_to(matching_cohort.preference_deadline + timedelta(minutes=1))
    client.force_login(host_member)
    assert page_of(client, ranked_talent).status_code == 404


@pytest.mark.parametrize("status", list(CohortStatus))
@pytest.mark.parametrize("deadline_in_days", [30, -1, None])
def test_the_talent_page_opens_exactly_while_the_ranking_page_accepts_rankings(
    client, host_member, ranked_talent, matching_cohort, status, deadline_in_days
):
    """One rule for the ranking window: the host's talent page, the ranking service's window and the
    cohorts queryset agree for every status and deadline."""
    deadline = timezone.now() + timedelta(days=deadline_in_days) if deadline_in_days is not None else None
    Cohort.objects.filter(pk=matching_cohort.pk).update(status=status, preference_deadline=deadline)
    matching_cohort.refresh_from_db()
    is_open = window_is_open(matching_cohort)
    assert is_open == Cohort.objects.ranking_open().filter(pk=matching_cohort.pk).exists()
    assert is_open == (status in (CohortStatus.RECRUITING, CohortStatus.MATCHING) and deadline_in_days == 30)
    client.force_login(host_member)
    assert page_of(client, ranked_talent).status_code == (200 if is_open else 404)


def test_an_accepted_talent_of_another_cohort_is_not_found(client, host_member, matching_projects):
    other_cohort = CohortFactory(
        name="Cohort 2028",
        slug="cohort-2028",
        status=CohortStatus.MATCHING,
        preference_deadline=timezone.now() + timedelta(days=30),
    )
    profile = accepted_talent(other_cohort, 7)
    client.force_login(host_member)
    assert page_of(client, profile).status_code == 404


def test_a_talent_who_is_not_accepted_is_not_found(client, host_member, matching_cohort, matching_projects):
    profile = accepted_talent(matching_cohort, 7)
    profile.applications.update(status=ApplicationStatus.UNDER_REVIEW)
    client.force_login(host_member)
    assert page_of(client, profile).status_code == 404


def test_a_project_not_approved_opens_no_talent(client, host_member, matching_cohort, matching_projects):
    profile = accepted_talent(matching_cohort, 7)
    for project in matching_projects[:2]:  # host_member's organisation's two projects
        project.status = ProjectStatus.SUBMITTED
        project.save()
    client.force_login(host_member)
    assert page_of(client, profile).status_code == 404


def test_another_organisations_placed_talent_is_not_found(
    client, host_member, other_host_member, rotation_cohort, hosts_with_projects
):
    profile = accepted_talent(rotation_cohort, 7)
    place(profile, hosts_with_projects[1], 1, status="confirmed")  # at other_host_member's organisation
    client.force_login(host_member)
    assert page_of(client, profile).status_code == 404
    assert client.get(reverse("rotations_host:talent_cv", args=[profile.uuid])).status_code == 404
    client.force_login(other_host_member)
    assert page_of(client, profile).status_code == 200


def test_a_placed_talent_shows_with_the_placement_after_ranking_closed(client, host_member, talent_placement):
    client.force_login(host_member)
    response = page_of(client, talent_placement.talent)
    assert response.status_code == 200
    assert talent_placement.project.title in response.content.decode()


def test_a_cancelled_placement_opens_nothing(client, host_member, rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 7)
    place(profile, hosts_with_projects[0], 1, status="cancelled")
    client.force_login(host_member)
    assert page_of(client, profile).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, ranked_talent):
    response = page_of(client, ranked_talent)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_talent_gets_not_found(client, talent, ranked_talent):
    client.force_login(talent)
    assert page_of(client, ranked_talent).status_code == 404
    assert client.get(reverse("rotations_host:talent_cv", args=[ranked_talent.uuid])).status_code == 404


def test_a_host_downloading_the_cv_is_recorded_for_the_talent(
    client, host_member, host_organization, ranked_talent, matching_cohort
):
    client.force_login(host_member)
    response = client.get(reverse("rotations_host:talent_cv", args=[ranked_talent.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    download = CVDownload.objects.get()
    assert download.application == ranked_talent.applications.get(cohort=matching_cohort)
    assert (download.by, download.reader) == (host_member, CVReader.HOST)
    assert download.organization_name == host_organization.name


def test_an_application_without_a_cv_offers_none(client, host_member, ranked_talent):
    ranked_talent.applications.update(cv="")
    client.force_login(host_member)
    assert "No CV with this application." in page_of(client, ranked_talent).content.decode()
    assert client.get(reverse("rotations_host:talent_cv", args=[ranked_talent.uuid])).status_code == 404
    assert not CVDownload.objects.exists()


@pytest.mark.parametrize("size", [1, 12])
def test_the_talent_page_has_a_fixed_query_count(
    client, host_member, talent_placement, hosts_with_projects, django_assert_num_queries, size
):
    profile = talent_placement.talent
    profile.skills.add(*(SkillFactory(name=f"Skill {number}", slug=f"skill-{number}") for number in range(size)))
    for _number in range(size - 1):  # applications to other cohorts, which the page never shows
        ApplicationFactory(talent=profile)
    client.force_login(host_member)
    with django_assert_num_queries(TALENT_PAGE_QUERIES):
        response = page_of(client, profile)
    assert response.content.decode().count("Skill ") >= size


# session, user with membership (portal/signed_in_user.py), the application with talent and cohort, its
# skills, the placements with the organisation
TALENT_PAGE_QUERIES = 5


def test_the_privacy_page_says_what_hosts_see(client):
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "the motivation answers of the application and the CV of talents placed with them once the programme" in page
    assert "for a proposed placement, when the programme team shares its proposed plan with the hosts" in page
    assert "placed or proposed" not in page
    assert "while they rank them for one of their approved projects, until the ranking deadline" in page
