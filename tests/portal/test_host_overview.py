"""The host member's overview (/host/) says what to do now and by when in every state of the year:
no project for the open cohort yet, a project in draft, in review, with changes requested, approved;
ranking open (with progress per project); matched; running with feedback due; the last period (hiring)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from hosts.choices import ProjectStatus
from hosts.models import Invitation
from hosts.services.members import set_member_name
from portal import erasure
from rotations.services.preferences import save_host_ranking
from rotations.services.sharing import share_plan
from tests.conftest_helpers import without_tokens
from tests.factories import HostMembershipFactory, InvitationFactory, ProjectFactory, SkillFactory, UserFactory
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


def test_a_colleagues_new_name_shows_on_the_next_view(member_client, host_organization):
    colleague = UserFactory(email="colleague@hospital.example.org", first_name="Sara", last_name="Lund")
    HostMembershipFactory(user=colleague, organization=host_organization)
    assert "Sara Lund (colleague@hospital.example.org)" in overview(member_client)

    # set_member_name writes with QuerySet.update, which sends no model signal.
    set_member_name(colleague, first_name="Sara", last_name="Holm", by=colleague)

    page = overview(member_client)
    assert "Sara Holm (colleague@hospital.example.org)" in page
    assert "Sara Lund" not in page


def test_an_invitation_leaves_the_list_when_it_expires_without_a_write(member_client, host_organization):
    now = timezone.now()
    InvitationFactory(
        organization=host_organization, email="soon@hospital.example.org", expires_at=now + timedelta(hours=1)
    )
    assert "soon@hospital.example.org" in overview(member_client)

    with time_machine.travel(now + timedelta(hours=2)):
        assert "soon@hospital.example.org" not in overview(member_client)


def test_a_website_holding_a_token_placeholder_gets_no_token_and_forms_get_their_own(host_member, host_organization):
    # The kept copy's placeholder was once this fixed string: any text holding it got the reader's token.
    website = "https://hospital.example.org/csrf-token-of-this-request"
    host_organization.website = website
    host_organization.save()
    invitation = InvitationFactory(organization=host_organization, email="new@hospital.example.org")
    pages = []
    for _session in range(2):  # the second session reads the copy the first one left
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(host_member)
        pages.append(browser.get(OVERVIEW).text)

    assert all(f'<a href="{website}" rel="noopener">{website}</a>' in page for page in pages)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pages[1]).group(1)
    withdraw = reverse("hosts_members:invitation_withdraw", args=[invitation.uuid])
    assert browser.post(withdraw, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_an_erased_members_overviews_leave_the_cache(
    member_client, host_member, manager, django_capture_on_commit_callbacks
):
    overview(member_client)
    member_client.get(OVERVIEW, headers={"accept-language": "sv"})
    keys = [f"overviews:v2:host:{host_member.pk}:{language}" for language in ("en", "sv")]
    assert all(cache.get(key) is not None for key in keys)

    request = erasure.request_erasure(host_member, by=host_member)
    erasure.confirm_erasure(request, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase_account(request)

    assert cache.get_many(keys) == {}


# session, user, projects, seats, open cohorts, members, invitations, the cohorts' next deadline (how long
# the kept copy may serve), and the rotations part: approved projects being matched, their rankings, the
# cohorts' accepted talents, placements, and what the rows show of them: evaluations, hiring interest and
# the periods, each as a plain list (rotations/services/schedules.host_talents).
# Seen again, the page is the kept copy, and so is the person (portal/signed_in_user.py): the session only.
HOST_OVERVIEW_QUERIES = 15
KEPT_QUERIES = 1


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
    with django_assert_num_queries(KEPT_QUERIES):
        again = overview(member_client)
    assert without_tokens(again) == without_tokens(page)  # each request's forms have their own CSRF token


def test_an_approved_project_before_any_talent_is_accepted_says_ranking_comes_later(member_client, host_project):
    host_project.status = ProjectStatus.APPROVED
    host_project.save(update_fields=["status"])

    page = overview(member_client)

    assert "Its talents are being selected: once they are accepted you rank them here" in page
    assert "0 of 0" not in page
