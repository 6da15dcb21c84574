from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from eyeforai.mail.models import OutboundEmail
from rotations.models import BuddyRequest, HostRanking, TalentPreference
from tests.factories import HostMembershipFactory, TalentProfileFactory
from tests.rotations.fixtures import accept, accepted_talent, approved_project

pytestmark = pytest.mark.django_db

URL = "rotations_talent:preferences"


def ranked(profile):
    return list(
        TalentPreference.objects.filter(talent=profile).order_by("rank").values_list("project__title", flat=True)
    )


def press(client, action, project, **kwargs):
    return client.post(reverse(URL), {"move": f"{action}:{project.uuid}"}, **kwargs)


def test_a_talent_ranks_projects_with_buttons(client, talent, matching_cohort, matching_projects):
    profile = accept(talent, matching_cohort)
    client.force_login(talent)
    for project in matching_projects[:5]:
        press(client, "add", project)
    press(client, "up", matching_projects[2])
    press(client, "down", matching_projects[0])
    press(client, "remove", matching_projects[4])
    press(client, "add", matching_projects[5])
    press(client, "add", matching_projects[4])
    assert ranked(profile) == [
        "Matching project 2",
        "Matching project 0",
        "Matching project 1",
        "Matching project 3",
        "Matching project 5",
        "Matching project 4",
    ]
    page = client.get(reverse(URL)).content.decode()
    assert "You have ranked 6 projects at 4 host organisations so far." in page
    assert "That is enough for the matching" in page


def test_ranking_a_project_of_another_cohort_is_refused(
    client, talent, matching_cohort, matching_projects, rotation_cohort
):
    accept(talent, matching_cohort)
    foreign = approved_project(matching_projects[0].organization, rotation_cohort, title="Someone else's project")
    client.force_login(talent)
    response = press(client, "add", foreign, follow=True)
    assert "approved projects of your own cohort" in response.content.decode()
    assert not TalentPreference.objects.exists()


def test_ranking_after_the_deadline_is_refused_and_shown_read_only(client, talent, matching_cohort, matching_projects):
    profile = accept(talent, matching_cohort)
    client.force_login(talent)
    press(client, "add", matching_projects[0])
    matching_cohort.preference_deadline = matching_cohort.preference_deadline - timedelta(days=60)
    matching_cohort.save()
    response = press(client, "add", matching_projects[1], follow=True)
    page = response.content.decode()
    assert "closed" in page and "read-only" in page
    assert ranked(profile) == ["Matching project 0"]
    assert 'name="move"' not in page


def test_a_talent_who_is_not_accepted_has_nothing_to_rank(client, talent, matching_projects):
    client.force_login(talent)
    assert "Ranking opens once you are accepted" in client.get(reverse(URL)).content.decode()
    assert press(client, "add", matching_projects[0]).status_code == 200
    assert not TalentPreference.objects.exists()


def test_a_talent_names_a_buddy_of_the_same_cohort(client, talent, matching_cohort, matching_projects):
    profile = accept(talent, matching_cohort)
    buddy = accepted_talent(matching_cohort, 1)
    stranger = TalentProfileFactory()
    client.force_login(talent)
    response = client.post(reverse(URL), {"buddy": stranger.pk})
    assert 'id="id_buddy_error"' in response.content.decode()
    assert not BuddyRequest.objects.exists()
    client.post(reverse(URL), {"buddy": buddy.pk})
    assert BuddyRequest.objects.get(talent=profile).buddy == buddy


def host_url(project):
    return reverse("rotations_host:rankings", args=[project.uuid])


def test_a_host_ranks_talents_and_marks_one_not_a_fit(client, host_member, matching_cohort, matching_projects):
    first, second, third = (accepted_talent(matching_cohort, number) for number in range(3))
    project = matching_projects[0]
    client.force_login(host_member)
    data = {f"rank_{first.uuid.hex}": "2", f"rank_{second.uuid.hex}": "1", f"unfit_{third.uuid.hex}": "on"}
    assert client.post(host_url(project), data).status_code == 302
    rows = {row.talent: (row.rank, row.not_a_fit) for row in HostRanking.objects.filter(project=project)}
    assert rows == {first: (2, False), second: (1, False), third: (None, True)}


def test_the_host_ranking_page_says_until_when_the_ranking_can_change(
    client, host_member, matching_cohort, matching_projects
):
    accepted_talent(matching_cohort, 1)
    client.force_login(host_member)
    page = client.get(host_url(matching_projects[0])).content.decode()
    deadline = formats.date_format(timezone.localtime(matching_cohort.preference_deadline), "DATETIME_FORMAT")
    assert f"You can change your ranking until {deadline} (Swedish time)." in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"a": "1", "b": "1"}, "Another talent already has rank 1."),
        ({"a": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"a": "first"}, "Enter a whole number."),
    ],
)
def test_bad_host_rankings_are_refused_next_to_the_field(
    client, host_member, matching_cohort, matching_projects, values, message
):
    talents = {"a": accepted_talent(matching_cohort, 1), "b": accepted_talent(matching_cohort, 2)}
    client.force_login(host_member)
    data = {f"rank_{talents[key].uuid.hex}": value for key, value in values.items()}
    response = client.post(host_url(matching_projects[0]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_error" in response.content.decode()
    assert not HostRanking.objects.exists()


def test_rank_and_not_a_fit_together_are_refused(client, host_member, matching_cohort, matching_projects):
    talent = accepted_talent(matching_cohort, 1)
    client.force_login(host_member)
    data = {f"rank_{talent.uuid.hex}": "1", f"unfit_{talent.uuid.hex}": "on"}
    response = client.post(host_url(matching_projects[0]), data)
    assert "Either rank the talent or mark them as not a fit." in response.content.decode()
    assert not HostRanking.objects.exists()


def test_a_host_cannot_rank_for_another_organisations_project(
    client, other_host_member, matching_cohort, matching_projects
):
    talent = accepted_talent(matching_cohort, 1)
    client.force_login(other_host_member)
    response = client.post(host_url(matching_projects[0]), {f"rank_{talent.uuid.hex}": "1"})
    assert response.status_code == 404
    assert not HostRanking.objects.exists()


def test_host_rankings_after_the_deadline_are_refused(client, host_member, matching_cohort, matching_projects):
    talent = accepted_talent(matching_cohort, 1)
    matching_cohort.preference_deadline = matching_cohort.preference_deadline - timedelta(days=60)
    matching_cohort.save()
    client.force_login(host_member)
    response = client.post(host_url(matching_projects[0]), {f"rank_{talent.uuid.hex}": "1"})
    assert "closed" in response.content.decode()
    assert not HostRanking.objects.exists()


def test_deadline_reminders_go_once_to_those_who_have_not_ranked(matching_cohort, matching_projects, time_machine):
    from rotations.services.preferences import save_talent_ranking, send_preference_reminders  # noqa: PLC0415

    idle, busy = accepted_talent(matching_cohort, 1), accepted_talent(matching_cohort, 2)
    save_talent_ranking(busy, matching_cohort, matching_projects, by=None)  # six at four hosts: the minimum
    member = HostMembershipFactory(organization=matching_projects[0].organization).user
    time_machine.move_to(matching_cohort.preference_deadline - timedelta(days=2), tick=False)
    send_preference_reminders()
    send_preference_reminders()
    recipients = sorted(OutboundEmail.objects.values_list("to", flat=True))
    assert idle.user.email in recipients and busy.user.email not in recipients
    assert member.email in recipients
    assert len(recipients) == len(set(recipients))
