"""Rules a page shows by hiding a button hold for a direct POST too: the service refuses, the admin says why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import CohortStatus
from rotations.choices import PlacementStatus, RunStatus
from rotations.models import MatchingRun, Placement
from rotations.services.matching import apply_run, run_again, start_run
from rotations.services.placements import confirm_placement
from tests.factories import CohortFactory
from tests.rotations.fixtures import place

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _move_on(cohort, status=CohortStatus.RUNNING):
    cohort.status = status
    cohort.save(update_fields=["status"])


def test_starting_matching_for_a_completed_cohort_by_a_direct_post_is_refused(client, manager):
    completed = CohortFactory(name="Cohort 2020", slug="cohort-2020", status=CohortStatus.COMPLETED)
    client.force_login(manager)

    response = client.post(reverse("admin:rotations_matching_start", args=[completed.slug]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("admin:rotations_board_index"), 302)]
    assert any("Cohort 2020 is completed" in message for message in _messages(response))
    assert not MatchingRun.objects.exists()


@pytest.mark.parametrize("status", [CohortStatus.PLANNING, CohortStatus.RUNNING, CohortStatus.COMPLETED])
def test_start_run_refuses_a_cohort_that_is_not_recruiting_or_matching(manager, status):
    cohort = CohortFactory(status=status)
    with pytest.raises(ValidationError, match="only for a cohort that is recruiting or matching"):
        start_run(cohort, by=manager)
    assert not MatchingRun.objects.exists()


def test_the_board_index_offers_run_matching_where_the_service_allows_it(client, manager, matching_cohort):
    CohortFactory(name="Cohort 2020", slug="cohort-2020", status=CohortStatus.COMPLETED)
    client.force_login(manager)
    page = client.get(reverse("admin:rotations_board_index")).content.decode()

    # "Run matching for …" leads to the board's readiness panel, where the run is started.
    def to_panel(slug):
        url = reverse("admin:rotations_board", args=[slug])
        return f'href="{url}#readiness"'

    assert to_panel(matching_cohort.slug) in page
    assert to_panel("cohort-2020") not in page
    assert reverse("admin:rotations_matching_start", args=[matching_cohort.slug]) not in page


def test_applying_a_plan_after_the_cohort_moved_on_is_refused_with_a_message(
    client, manager, matching_cohort, matching_run
):
    _move_on(matching_cohort)
    client.force_login(manager)
    run_page = client.get(reverse("admin:rotations_matching_run", args=[matching_run.uuid])).content.decode()
    assert reverse("admin:rotations_matching_apply", args=[matching_run.uuid]) not in run_page

    response = client.post(reverse("admin:rotations_matching_apply", args=[matching_run.uuid]), follow=True)

    assert any("is running: matching is only for" in message for message in _messages(response))
    assert not Placement.objects.exists()
    assert MatchingRun.objects.get(pk=matching_run.pk).status == RunStatus.DONE


def test_running_again_after_the_cohort_moved_on_is_refused_with_a_message(
    client, manager, matching_cohort, matching_run
):
    _move_on(matching_cohort, CohortStatus.COMPLETED)
    client.force_login(manager)
    run_page = client.get(reverse("admin:rotations_matching_run", args=[matching_run.uuid])).content.decode()
    assert "Run again with these locks" not in run_page

    response = client.post(reverse("admin:rotations_matching_again", args=[matching_run.uuid]), follow=True)

    assert response.redirect_chain == [(reverse("admin:rotations_matching_run", args=[matching_run.uuid]), 302)]
    assert any("is completed: matching is only for" in message for message in _messages(response))
    assert list(MatchingRun.objects.all()) == [matching_run]


def test_running_again_from_an_applied_run_is_refused_with_a_message(client, manager, matching_run):
    apply_run(matching_run, by=manager)
    client.force_login(manager)
    run_page = client.get(reverse("admin:rotations_matching_run", args=[matching_run.uuid])).content.decode()
    assert "Run again with these locks" not in run_page

    response = client.post(reverse("admin:rotations_matching_again", args=[matching_run.uuid]), follow=True)

    assert any("Only a finished run with a plan can be run again" in m for m in _messages(response))
    assert list(MatchingRun.objects.all()) == [matching_run]


def test_running_again_ignores_a_project_the_cohort_does_not_offer(manager, matching_run, host_project):
    cell = matching_run.plan[0]
    new_run = run_again(
        matching_run, by=manager, cells={(cell["talent"], cell["period"]): (str(host_project.uuid), False)}
    )
    assert new_run.parameters["locks"] == []


def test_cancelling_a_completed_placement_by_a_direct_post_is_refused(client, manager, talent_placement):
    talent_placement.status = PlacementStatus.COMPLETED
    talent_placement.save(update_fields=["status"])
    client.force_login(manager)
    board = client.get(reverse("admin:rotations_board", args=[talent_placement.cohort.slug])).content.decode()
    assert reverse("admin:rotations_placement_cancel", args=[talent_placement.uuid]) not in board

    response = client.post(
        reverse("admin:rotations_placement_cancel", args=[talent_placement.uuid]), {"reason": "Changed our minds."}
    )

    assert response.status_code == 200
    assert "A completed placement cannot be cancelled." in response.content.decode()
    talent_placement.refresh_from_db()
    assert talent_placement.status == PlacementStatus.COMPLETED
    assert not OutboundEmail.objects.filter(template__startswith="rotations/placement_cancelled").exists()


def test_confirming_a_placement_that_is_not_proposed_is_refused(manager, talent_placement):
    with pytest.raises(ValidationError, match="Only a proposed placement can be confirmed"):
        confirm_placement(talent_placement, by=manager)
    talent_placement.refresh_from_db()
    assert talent_placement.status == PlacementStatus.ACTIVE


def test_the_board_offers_confirm_only_for_proposed_placements(
    client, manager, rotation_cohort, hosts_with_projects, talent_placement
):
    proposed = place(talent_placement.talent, hosts_with_projects[1], 1)
    client.force_login(manager)
    page = client.get(reverse("admin:rotations_board", args=[rotation_cohort.slug])).content.decode()
    assert page.count('name="placement" value=') == 1
    assert f'name="placement" value="{proposed.uuid}"' in page
