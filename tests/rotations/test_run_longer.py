"""A run that stopped short (no plan in its time limit, or a plan not proven optimal) can run again with
more time: same cohort, same locked cells, a longer limit, never more than ten minutes."""

import uuid

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from eyeforai.activity.models import ActivityEntry
from eyeforai.programme.choices import CohortStatus
from rotations.choices import RunStatus
from rotations.models import MatchingRun
from rotations.services.matching import MAX_TIME_LIMIT, execute_run, run_longer, start_run
from tests.factories import ManagerFactory
from tests.rotations.no_plan import no_plan_run, tight_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(matching_cohort):
    return tight_cohort(matching_cohort)


def run_page(client, run):
    return client.get(reverse("admin:rotations_matching_run", args=[run.uuid])).content.decode()


def longer_url(run):
    return reverse("admin:rotations_matching_longer", args=[run.uuid])


def test_a_run_out_of_time_ends_as_no_plan_and_its_page_offers_more_time(client, manager, matching_cohort, tight):
    run = no_plan_run(matching_cohort, manager)
    assert run.status == RunStatus.NO_PLAN, run.explanation
    assert run.plan == []
    client.force_login(manager)
    page = run_page(client, run)
    assert "No plan in the time limit" in page
    assert "does not mean the cohort has none" in page
    assert "time limit 0.001 seconds" in page
    assert "Run again with more time" in page
    for label in ("1 minute", "2 minutes", "5 minutes", "10 minutes"):
        assert f">{label}</option>" in page


def test_running_again_with_more_time_queues_a_run_with_the_same_locks(client, manager, matching_cohort, tight):
    talents, projects = tight
    lock = [str(talents[0].uuid), 1, str(projects["A"].uuid)]
    run = no_plan_run(matching_cohort, manager, locks=[lock])
    assert run.status == RunStatus.NO_PLAN
    client.force_login(manager)

    response = client.post(longer_url(run), {"time_limit": "120"})

    new_run = MatchingRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == reverse("admin:rotations_matching_run", args=[new_run.uuid])
    assert (new_run.cohort, new_run.status) == (matching_cohort, RunStatus.QUEUED)
    assert new_run.parameters == {"time_limit": 120, "locks": [lock]}
    entry = ActivityEntry.objects.get(object_id=str(new_run.pk), action="matchingrun.started")
    assert entry.actor_email == manager.email and "time limit 120 seconds" in entry.note
    assert "Running again with a time limit of 2 minutes." in run_page(client, new_run)
    # With the time, the engine finds the plan the short run could not, and keeps the lock.
    execute_run(new_run)
    new_run.refresh_from_db()
    assert new_run.status == RunStatus.DONE, new_run.explanation
    assert {"talent": lock[0], "period": 1, "project": lock[2]} in new_run.plan


def test_a_run_not_proven_optimal_can_also_run_longer(client, manager, matching_run):
    MatchingRun.objects.filter(pk=matching_run.pk).update(gap=0.003)  # the engine left a gap
    client.force_login(manager)
    assert "Run again with more time" in run_page(client, matching_run)
    client.post(longer_url(matching_run), {"time_limit": "60"})
    new_run = MatchingRun.objects.exclude(pk=matching_run.pk).get()
    assert new_run.parameters["time_limit"] == 60


def test_a_proven_optimal_run_is_not_offered_more_time_and_is_refused(client, manager, matching_run):
    assert matching_run.status == RunStatus.DONE and matching_run.gap == 0
    client.force_login(manager)
    assert "Run again with more time" not in run_page(client, matching_run)
    with pytest.raises(ValidationError, match="not proven optimal"):
        run_longer(matching_run, by=manager, time_limit=60)
    response = client.post(longer_url(matching_run), {"time_limit": "60"}, follow=True)
    assert "can be run with more time" in response.content.decode()
    assert MatchingRun.objects.count() == 1


def test_more_time_is_refused_for_a_cohort_no_longer_being_matched(client, manager, matching_cohort, tight):
    run = no_plan_run(matching_cohort, manager)
    matching_cohort.status = CohortStatus.COMPLETED
    matching_cohort.save(update_fields=["status"])
    client.force_login(manager)
    assert "Run again with more time" not in run_page(client, run)

    response = client.post(longer_url(run), {"time_limit": "60"}, follow=True)

    assert response.status_code == 200
    assert "matching is only for a cohort that is recruiting or matching" in response.content.decode()
    assert MatchingRun.objects.count() == 1


@pytest.mark.parametrize("value", ["", "abc", "30", "601", str(10**9), "-60", "60.5"])
def test_a_bad_time_limit_is_named_next_to_the_field_and_starts_nothing(client, manager, matching_cohort, tight, value):
    run = no_plan_run(matching_cohort, manager)
    client.force_login(manager)
    response = client.post(longer_url(run), {"time_limit": value})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="longer_time_limit_error"' in page
    assert 'aria-describedby="longer_time_limit_error"' in page
    assert MatchingRun.objects.count() == 1


def test_the_service_never_allows_more_than_ten_minutes(manager, matching_cohort, tight):
    run = no_plan_run(matching_cohort, manager)
    for limit in (MAX_TIME_LIMIT + 1, 20, 0):
        with pytest.raises(ValidationError):
            run_longer(run, by=manager, time_limit=limit)
    with pytest.raises(ValidationError, match="at most 600 seconds"):
        start_run(matching_cohort, by=manager, time_limit=MAX_TIME_LIMIT + 1)
    assert MatchingRun.objects.count() == 1


def test_more_time_needs_the_run_matching_permission(client, manager, matching_cohort, tight):
    run = no_plan_run(matching_cohort, manager)
    viewer = ManagerFactory(email="viewer@ai.se")
    viewer.groups.clear()
    viewer.user_permissions.set(Permission.objects.filter(codename="view_matchingrun"))
    client.force_login(viewer)
    assert "Run again with more time" not in run_page(client, run)
    assert client.post(longer_url(run), {"time_limit": "60"}).status_code == 403
    assert MatchingRun.objects.count() == 1


def test_more_time_for_an_unknown_run_is_404(client, manager):
    client.force_login(manager)
    response = client.post(reverse("admin:rotations_matching_longer", args=[uuid.uuid4()]), {"time_limit": "60"})
    assert response.status_code == 404
