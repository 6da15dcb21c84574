"""Matching with guard rails: no run for a cohort that is not being matched, and before the deadline or while
someone has not ranked, the board and the run page say who, and "Remind them" emails each of them once a day."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from rotations.models import MatchingRun
from rotations.readiness import matching_readiness
from rotations.services.preferences import save_host_ranking, save_talent_ranking
from rotations.services.ranking_reminders import remind_rankings
from talents.models import TalentProfile
from tests.factories import HostMembershipFactory, UserFactory
from tests.rotations.fixtures import accepted_talent

pytestmark = pytest.mark.django_db


def board_url(cohort):
    return reverse("admin:rotations_board", args=[cohort.slug])


def remind_url(cohort):
    return reverse("admin:rotations_matching_remind", args=[cohort.slug])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def half_ranked(matching_cohort, matching_projects, host_member):
    """Four accepted talents of whom two ranked all six projects; only the first two projects (both at
    host_member's organisation) ranked the talents back."""
    talents = [accepted_talent(matching_cohort, number) for number in range(4)]
    for talent in talents[:2]:
        save_talent_ranking(talent, matching_cohort, matching_projects, by=None)
    for project in matching_projects[:2]:
        save_host_ranking(project, {talent: rank for rank, talent in enumerate(talents, start=1)}, by=None)
    return talents


# --- 1. No run for a cohort that is not being matched ---------------------------------------------


def test_starting_a_run_for_a_completed_cohort_is_refused_with_a_message(client, manager, matching_cohort):
    matching_cohort.status = CohortStatus.COMPLETED
    matching_cohort.save()
    client.force_login(manager)

    response = client.post(reverse("admin:rotations_matching_start", args=[matching_cohort.slug]), follow=True)

    assert MatchingRun.objects.count() == 0
    assert (
        "Cohort 2027 is completed: matching is only for a cohort that is recruiting or matching. "
        "Change its placements on the rotation board instead." in messages_of(response)
    )


# --- 2. Readiness -------------------------------------------------------------------------------


def test_the_board_lists_who_has_not_ranked_before_the_deadline(
    client, manager, matching_cohort, matching_projects, half_ranked
):
    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()

    assert "Before you run matching" in page
    assert "Rankings are open until" in page
    assert "2 talents have not ranked enough projects" in page
    for talent in half_ranked[2:]:
        assert f"<li>{talent.name}</li>" in page
    for talent in half_ranked[:2]:
        assert f"<li>{talent.name}</li>" not in page
    assert "4 host projects have not ranked any talent" in page
    for project in matching_projects[2:]:
        assert f"<li>{project.organization.name}: {project.title}</li>" in page
    assert "Remind them" in page and "Run matching anyway" in page


def test_the_run_page_warns_too(client, manager, matching_cohort, half_ranked):
    run = MatchingRun.objects.create(cohort=matching_cohort, created_by=manager, parameters={"time_limit": 1})
    client.force_login(manager)
    page = client.get(reverse("admin:rotations_matching_run", args=[run.uuid])).content.decode()

    assert "2 talents have not ranked enough projects" in page
    assert f"<li>{half_ranked[3].name}</li>" in page


def test_a_manager_may_still_run_matching_before_everyone_has_ranked(client, manager, matching_cohort, half_ranked):
    client.force_login(manager)
    response = client.post(reverse("admin:rotations_matching_start", args=[matching_cohort.slug]))
    run = MatchingRun.objects.get()
    assert response["Location"] == reverse("admin:rotations_matching_run", args=[run.uuid])


def test_after_the_deadline_with_everyone_ranked_the_cohort_is_ready(
    client, manager, matching_cohort, matching_projects, ranked_cohort, time_machine
):
    time_machine.move_to(matching_cohort.preference_deadline + timedelta(hours=1))
    readiness = matching_readiness(matching_cohort)
    assert readiness.is_ready and not readiness.gaps.talents and not readiness.gaps.projects

    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()
    assert "Ready to match" in page and "Before you run matching" not in page and "Remind them" not in page


def test_after_the_deadline_who_has_not_ranked_is_listed_without_a_reminder(
    client, manager, matching_cohort, half_ranked, time_machine
):
    time_machine.move_to(matching_cohort.preference_deadline + timedelta(hours=1))
    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()
    assert "2 talents have not ranked enough projects" in page
    assert "The ranking window is closed: they can no longer rank." in page
    assert "Remind them" not in page


def test_a_short_ranking_counts_as_not_ranked_by_the_same_minimum_as_the_matching(
    matching_cohort, matching_projects, settings
):
    settings.MATCHING_MIN_RANKED_PROJECTS, settings.MATCHING_MIN_RANKED_HOSTS = 3, 3
    short, enough = accepted_talent(matching_cohort, 1), accepted_talent(matching_cohort, 2)
    save_talent_ranking(short, matching_cohort, matching_projects[:3], by=None)  # 3 projects at 2 hosts
    save_talent_ranking(enough, matching_cohort, matching_projects[::2], by=None)  # 3 projects at 3 hosts
    assert matching_readiness(matching_cohort).gaps.talents == [short]


def test_a_long_list_names_the_first_five_and_folds_the_rest(client, manager, matching_cohort, matching_projects):
    for number in range(12):
        accepted_talent(matching_cohort, number)
    in_order = [talent.name for talent in matching_readiness(matching_cohort).gaps.talents]
    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()

    named, folded = page.split('<details class="readiness-more">')
    assert "12 talents have not ranked enough projects" in named
    assert all(f"<li>{name}</li>" in named for name in in_order[:5])
    assert not any(f"<li>{name}</li>" in named for name in in_order[5:])
    assert "<summary>and 7 more talents</summary>" in folded
    assert all(f"<li>{name}</li>" in folded.split("</details>")[0] for name in in_order[5:])
    assert page.count("<details") == 1  # six projects are listed in full


def test_a_list_of_seven_is_not_folded(client, manager, matching_cohort, matching_projects):
    for number in range(7):
        accepted_talent(matching_cohort, number)
    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()
    assert page.count("<li>Talent") == 7
    assert "readiness-more" not in page


def test_the_board_of_a_completed_cohort_says_why_it_offers_no_run(client, manager, matching_cohort):
    matching_cohort.status = CohortStatus.COMPLETED
    matching_cohort.save()
    client.force_login(manager)
    page = client.get(board_url(matching_cohort)).content.decode()
    assert "Cohort 2027 is completed: matching runs only while a cohort is recruiting or matching." in page
    assert reverse("admin:rotations_matching_start", args=[matching_cohort.slug]) not in page
    assert "Before you run matching" not in page


def test_readiness_takes_three_queries_whatever_the_cohort_size(
    matching_cohort, matching_projects, django_assert_num_queries
):
    for number in range(12):
        accepted_talent(matching_cohort, number)
    with django_assert_num_queries(3):
        readiness = matching_readiness(matching_cohort)
    assert len(readiness.gaps.talents) == 12


@pytest.mark.parametrize("page", ["board", "run"])
def test_the_pages_issue_as_many_queries_for_3_as_for_30_talents_not_ranked(
    client, manager, matching_cohort, matching_projects, page
):
    run = MatchingRun.objects.create(cohort=matching_cohort, created_by=manager, parameters={"time_limit": 1})
    url = board_url(matching_cohort) if page == "board" else reverse("admin:rotations_matching_run", args=[run.uuid])
    client.force_login(manager)

    def count_for(size):
        for number in range(TalentProfile.objects.accepted_in(matching_cohort).count(), size):
            accepted_talent(matching_cohort, number)
        client.get(url)  # warm the session and the permission caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert f"{size} talents have not ranked enough projects" in response.content.decode()
        return len(queries)

    assert count_for(3) == count_for(30)


# --- 3. Remind them ----------------------------------------------------------------------------


def test_remind_them_twice_the_same_day_emails_each_person_once(
    client, manager, matching_cohort, matching_projects, half_ranked, host_member, other_host_member
):
    second_member = UserFactory(email="second@pharma.example.org", first_name="Sara")
    HostMembershipFactory(user=second_member, organization=other_host_member.host_membership.organization)
    client.force_login(manager)

    first = client.post(remind_url(matching_cohort), {"next": board_url(matching_cohort)}, follow=True)
    second = client.post(remind_url(matching_cohort), {"next": board_url(matching_cohort)}, follow=True)

    unranked = [talent.user.email for talent in half_ranked[2:]]
    # host_member's projects ranked; the other organisations' did not (the two extra hosts have no members).
    expected = sorted([*unranked, other_host_member.email, second_member.email])
    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == expected
    assert first.redirect_chain == [(board_url(matching_cohort), 302)]
    assert "Reminded 4 people." in messages_of(first)
    assert "Everyone was already reminded today." in messages_of(second)
    assert ActivityEntry.objects.filter(action="cohort.rankings_reminded", actor=manager).count() == 1


def test_the_reminders_say_what_to_do_by_when_and_link_to_the_ranking_pages(
    matching_cohort, matching_projects, half_ranked, other_host_member, manager
):
    remind_rankings(matching_cohort, by=manager)

    talent_email = OutboundEmail.objects.get(to=half_ranked[2].user.email)
    assert talent_email.subject.startswith("[Eye for AI] Rank the projects of Cohort 2027 by")
    assert "Rank at least 6 projects at 3 or more host organisations before" in talent_email.body_text
    assert reverse("rotations_talent:preferences") in talent_email.body_text
    assert reverse("rotations_talent:preferences") in talent_email.body_html

    host_email = OutboundEmail.objects.get(to=other_host_member.email)
    assert host_email.subject.startswith("[Eye for AI] Rank the talents of Cohort 2027 by")
    for project in matching_projects[2:4]:  # other_host_member's organisation's two projects
        assert project.title in host_email.body_text
        assert reverse("rotations_host:rankings", args=[project.uuid]) in host_email.body_text
        assert reverse("rotations_host:rankings", args=[project.uuid]) in host_email.body_html
    assert not OutboundEmail.objects.filter(to__in=[talent.user.email for talent in half_ranked[:2]]).exists()


def test_a_minimum_of_one_project_is_worded_in_the_singular(matching_cohort, matching_projects, manager, settings):
    settings.MATCHING_MIN_RANKED_PROJECTS, settings.MATCHING_MIN_RANKED_HOSTS = 1, 1
    talent = accepted_talent(matching_cohort, 1)
    remind_rankings(matching_cohort, by=manager)
    email = OutboundEmail.objects.get(to=talent.user.email)
    assert "Rank at least one project before" in email.body_text
    assert "Rank at least one project before" in email.body_html
    assert "1 projects" not in email.body_text


def test_the_next_day_a_reminder_goes_out_again(matching_cohort, half_ranked, manager, time_machine):
    time_machine.move_to(timezone.now())
    assert remind_rankings(matching_cohort, by=manager).queued == 2
    assert remind_rankings(matching_cohort, by=manager).queued == 0
    time_machine.move_to(timezone.now() + timedelta(days=1))
    assert remind_rankings(matching_cohort, by=manager).queued == 2
    assert OutboundEmail.objects.filter(to=half_ranked[3].user.email).count() == 2


def test_the_day_is_the_programmes_day_in_stockholm(matching_cohort, half_ranked, manager, time_machine):
    stockholm = ZoneInfo("Europe/Stockholm")
    tomorrow = timezone.localtime(timezone.now(), stockholm).date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, time(0, 0), tzinfo=stockholm)
    time_machine.move_to(midnight - timedelta(minutes=30))
    remind_rankings(matching_cohort, by=manager)
    time_machine.move_to(midnight + timedelta(minutes=30))  # the same UTC date, the next day in Stockholm
    remind_rankings(matching_cohort, by=manager)
    keys = set(OutboundEmail.objects.filter(to=half_ranked[3].user.email).values_list("key", flat=True))
    assert len(keys) == 2


def test_reminding_after_the_deadline_is_refused(client, manager, matching_cohort, half_ranked, time_machine):
    time_machine.move_to(matching_cohort.preference_deadline + timedelta(minutes=1))
    client.force_login(manager)
    response = client.post(remind_url(matching_cohort), follow=True)
    assert OutboundEmail.objects.count() == 0
    assert any("closed" in message for message in messages_of(response))


def test_remind_them_needs_the_run_matching_permission(client, manager, matching_cohort, half_ranked):
    manager.groups.clear()
    client.force_login(manager)
    assert client.post(remind_url(matching_cohort)).status_code == 403
    assert OutboundEmail.objects.count() == 0


def test_remind_them_is_a_post(client, manager, matching_cohort, half_ranked):
    client.force_login(manager)
    assert client.get(remind_url(matching_cohort)).status_code == 405
    assert OutboundEmail.objects.count() == 0


def test_a_next_address_elsewhere_is_not_followed(client, manager, matching_cohort, half_ranked):
    client.force_login(manager)
    response = client.post(remind_url(matching_cohort), {"next": "https://evil.example.org/"})
    assert response["Location"] == board_url(matching_cohort)
