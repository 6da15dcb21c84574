"""The host member's overview (/host/) says what to do now and by when in every state of the year:
no project for the open cohort yet, a project in draft, in review, with changes requested, approved;
ranking open (with progress per project); matched; running with feedback due; the last period (hiring)."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from hosts.choices import ProjectStatus
from rotations.services.preferences import save_host_ranking
from rotations.services.sharing import share_plan
from tests.factories import InvitationFactory, ProjectFactory, SkillFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project, place

pytestmark = pytest.mark.django_db
OVERVIEW = "/host/"


@pytest.fixture
def member_client(client, host_member):
    client.force_login(host_member)
    return client


def overview(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_project_the_overview_asks_for_one_before_applications_close(member_client, open_cohort):
    page = overview(member_client)

    deadline = formats.date_format(timezone.localtime(open_cohort.application_deadline))
    assert f"Write a project for Cohort 2031 and submit it before applications close on {deadline}" in page
    assert f'href="{reverse("hosts_members:project_create")}"' in page


@pytest.mark.parametrize(
    ("status", "text", "link"),
    [
        (
            ProjectStatus.DRAFT,
            "“Triage notes with NLP” is a draft: submit it for review",
            "hosts_members:project_detail",
        ),
        (ProjectStatus.SUBMITTED, "“Triage notes with NLP” is with the programme team for review", None),
        (
            ProjectStatus.CHANGES_REQUESTED,
            "The programme team asks for changes to “Triage notes with NLP”",
            "hosts_members:project_edit",
        ),
        (ProjectStatus.APPROVED, "“Triage notes with NLP” is approved for Cohort 2031", None),
    ],
)
def test_each_project_status_says_what_happens_next(member_client, host_project, open_cohort, status, text, link):
    open_cohort.preference_deadline = None  # ranking has not been opened for the cohort yet
    open_cohort.save(update_fields=["preference_deadline"])
    host_project.status = status
    host_project.save(update_fields=["status"])

    page = overview(member_client)

    now = page.split('id="now-title"')[1].split("</section>")[0]
    assert text in now
    assert "Write a project for Cohort 2031" not in page
    # The step links where the members act, and nowhere while the programme team does.
    links = {
        reverse(name, args=[host_project.uuid])
        for name in ("hosts_members:project_detail", "hosts_members:project_edit")
    }
    assert {href for href in links if f'href="{href}"' in now} == (
        {reverse(link, args=[host_project.uuid])} if link else set()
    )


def test_while_ranking_is_open_each_project_shows_its_progress_and_deadline(
    member_client, host_organization, matching_cohort, host_member
):
    project = approved_project(host_organization, matching_cohort, title="Sepsis early warning")
    talents = [accepted_talent(matching_cohort, number) for number in range(8)]
    save_host_ranking(project, {talents[0]: 1, talents[1]: 2, talents[2]: "not_a_fit"}, by=host_member)

    page = overview(member_client)

    deadline = formats.date_format(timezone.localtime(matching_cohort.preference_deadline), "DATETIME_FORMAT")
    assert f"Rank the talents for “Sepsis early warning” before {deadline} (Swedish time)." in page
    assert "3 of 8 talents ranked" in page
    assert reverse("rotations_host:rankings", args=[project.uuid]) in page
    assert "is approved for" not in page  # the ranking prompt replaces the "approved" note


def test_a_matched_talent_is_listed_as_proposed_once_the_plan_is_shared(
    member_client, talent, manager, hosts_with_projects, rotation_cohort
):
    place(accept(talent, rotation_cohort), hosts_with_projects[0], 3)
    assert "Matched: the programme team confirms the placement" not in overview(member_client)
    share_plan(rotation_cohort, by=manager)  # tests/rotations/test_plan_sharing.py has the rest

    page = overview(member_client)

    assert "Matched: the programme team confirms the placement" in page


def test_a_running_placement_asks_for_feedback_and_the_last_period_for_hiring_interest(
    member_client, talent, hosts_with_projects, rotation_cohort
):
    profile = accept(talent, rotation_cohort)
    finished = place(profile, hosts_with_projects[0], 1, status="completed")
    other = accepted_talent(rotation_cohort, 5)
    place(other, hosts_with_projects[0], 3, status="active")

    page = overview(member_client)

    assert f"Give feedback on {profile.name}" in page
    # The placement has ended: its dates, not an "ends on" already past.
    start, end = (formats.date_format(day) for day in (finished.starts_on, finished.ends_on))
    assert f"(the placement from {start} to {end})" in page
    assert reverse("rotations_host:feedback", args=[finished.uuid]) in page
    assert f"would you like {other.name} to continue with you" in page


def test_with_nothing_to_do_the_overview_says_so(member_client):
    assert "Nothing to do right now." in overview(member_client)


def test_the_host_menu_links_projects_and_talents(member_client):
    page = overview(member_client)

    for name in ["portal:host_dashboard", "hosts_members:projects", "rotations_host:talents"]:
        assert f'href="{reverse(name)}"' in page
    assert f'href="{reverse("hosts_members:invite")}"' in page
    assert f'href="{reverse("hosts_members:account")}"' in page


# session, user, membership, projects, seats, open cohorts, members, invitations, and the rotations part:
# approved projects being matched, their rankings, the cohorts' accepted talents, placements, periods,
# evaluations, hiring interests (the host's, the mutual pairs) and what the talents page shares with it.
HOST_OVERVIEW_QUERIES = 17


@pytest.mark.parametrize("size", [2, 12])
def test_the_overview_has_a_fixed_query_count(
    member_client,
    host_organization,
    host_member,
    open_cohort,
    matching_cohort,
    rotation_cohort,
    hosts_with_projects,
    django_assert_num_queries,
    size,
):
    skills = [SkillFactory(name=f"Skill {n}") for n in range(3)]
    for number in range(size):
        ProjectFactory(organization=host_organization, cohort=open_cohort, title=f"Draft {number}", skills=skills)
        InvitationFactory(organization=host_organization)
    talents = [accepted_talent(matching_cohort, number) for number in range(size)]
    for number in range(size):
        project = approved_project(host_organization, matching_cohort, title=f"Ranked {number}")
        save_host_ranking(project, {talents[number]: 1}, by=host_member)
    project = hosts_with_projects[0]
    project.seats.update(seats=size)
    for number in range(size):
        place(accepted_talent(rotation_cohort, 100 + number), project, 1 + number % 3, status="active")

    with django_assert_num_queries(HOST_OVERVIEW_QUERIES):
        page = overview(member_client)
    assert page.count("1 of ") >= size


def test_an_approved_project_before_any_talent_is_accepted_says_ranking_comes_later(member_client, host_project):
    host_project.status = ProjectStatus.APPROVED
    host_project.save(update_fields=["status"])

    page = overview(member_client)

    assert "Its talents are being selected: once they are accepted you rank them here" in page
    assert "0 of 0" not in page
