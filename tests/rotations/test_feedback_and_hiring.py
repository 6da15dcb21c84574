from datetime import timedelta

import pytest
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from rotations.choices import Side
from rotations.models import Evaluation, HiringInterest
from tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db

RATINGS = {"project_rating": 5, "support_rating": 4, "growth_rating": 5, "comments": "Excellent data and people."}


def test_feedback_is_closed_until_two_weeks_before_the_end(client, talent, talent_placement, time_machine):
    time_machine.move_to(talent_placement.ends_on - timedelta(days=20), tick=False)
    client.force_login(talent)
    url = reverse("rotations_talent:feedback", args=[talent_placement.uuid])
    assert "Feedback opens on" in client.get(url).content.decode()
    client.post(url, RATINGS)
    assert not Evaluation.objects.exists()


def test_talent_gives_feedback_once(client, talent, talent_placement, time_machine):
    time_machine.move_to(talent_placement.ends_on - timedelta(days=5), tick=False)
    client.force_login(talent)
    url = reverse("rotations_talent:feedback", args=[talent_placement.uuid])
    assert client.post(url, RATINGS).status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.side, evaluation.project_rating, evaluation.author) == (Side.TALENT, 5, talent)
    client.post(url, {**RATINGS, "project_rating": 1})
    assert Evaluation.objects.get().project_rating == 5
    assert "You gave your feedback" in client.get(url).content.decode()


@pytest.mark.parametrize("bad", [{"project_rating": 6}, {"support_rating": 0}, {"growth_rating": "x"}])
def test_ratings_outside_one_to_five_are_refused_next_to_the_field(client, talent, talent_placement, time_machine, bad):
    time_machine.move_to(talent_placement.ends_on - timedelta(days=5), tick=False)
    client.force_login(talent)
    response = client.post(reverse("rotations_talent:feedback", args=[talent_placement.uuid]), {**RATINGS, **bad})
    assert response.status_code == 200
    field = next(iter(bad))
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_each_side_sees_only_its_own_feedback(client, talent, host_member, talent_placement, time_machine):
    time_machine.move_to(talent_placement.ends_on - timedelta(days=5), tick=False)
    client.force_login(talent)
    client.post(reverse("rotations_talent:feedback", args=[talent_placement.uuid]), RATINGS)
    client.force_login(host_member)
    page = client.get(reverse("rotations_host:feedback", args=[talent_placement.uuid])).content.decode()
    assert "Excellent data and people." not in page
    client.post(
        reverse("rotations_host:feedback", args=[talent_placement.uuid]),
        {**RATINGS, "comments": "A great colleague."},
    )
    assert set(Evaluation.objects.values_list("side", flat=True)) == {Side.TALENT, Side.HOST}


def test_another_talent_cannot_give_feedback_on_my_placement(client, other_talent, talent_placement):
    client.force_login(other_talent)
    assert client.get(reverse("rotations_talent:feedback", args=[talent_placement.uuid])).status_code == 404


def test_mutual_interest_is_revealed_to_both_and_the_team_once(client, talent, host_member, talent_placement):
    colleague = HostMembershipFactory(organization=talent_placement.host).user
    client.force_login(host_member)
    client.post(reverse("rotations_host:hiring", args=[talent_placement.uuid]), {"interested": "yes"})
    assert not OutboundEmail.objects.exists()  # one-sided: nobody is told
    client.force_login(talent)
    client.post(reverse("rotations_talent:hiring"), {"host": talent_placement.host.slug, "interested": "yes"})
    client.post(reverse("rotations_talent:hiring"), {"host": talent_placement.host.slug, "interested": "yes"})
    recipients = sorted(
        OutboundEmail.objects.filter(template__startswith="rotations/hiring_match").values_list("to", flat=True)
    )
    assert recipients == sorted([talent.email, host_member.email, colleague.email, "eyeforai-team@ai.se"])


def test_one_sided_interest_stays_hidden_from_the_other_side(client, talent, host_member, talent_placement):
    client.force_login(host_member)
    client.post(reverse("rotations_host:hiring", args=[talent_placement.uuid]), {"interested": "yes"})
    client.force_login(talent)
    page = client.get(reverse("rotations_talent:hiring")).content.decode()
    assert "Mutual" not in page
    assert HiringInterest.objects.count() == 1


def test_hiring_interest_waits_for_the_last_period(client, host_member, talent_placement, time_machine):
    time_machine.move_to(talent_placement.starts_on - timedelta(days=30), tick=False)
    client.force_login(host_member)
    response = client.post(
        reverse("rotations_host:hiring", args=[talent_placement.uuid]), {"interested": "yes"}, follow=True
    )
    assert "opens when the last period begins" in response.content.decode()
    assert not HiringInterest.objects.exists()
