"""A run that found no plan in its time limit, in a real browser at 1280 px: the manager goes from the
admin index to the rotation board, opens the run, reads why there is no plan and runs it again with
more time; a real worker runs it and the page shows the plan."""

import pytest
from playwright.sync_api import expect

from rotations.choices import RunStatus
from rotations.models import MatchingRun
from rotations.services.matching import start_run
from tests.browser.screen import fits
from tests.browser.signin import sign_in
from tests.conftest_helpers import wait_until
from tests.factories import ManagerFactory
from tests.rotations.no_plan import TINY_TIME_LIMIT, tight_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("celery")]


def test_the_manager_runs_a_no_plan_run_again_with_more_time(
    live_server, page, assert_accessible, celery_worker, matching_cohort
):
    base = live_server.url
    manager = ManagerFactory(email="karin@ai.se")
    talents, projects = tight_cohort(matching_cohort)
    lock = [str(talents[0].uuid), 1, str(projects["A"].uuid)]
    # The real worker runs it (as it would from the board), with the tiny limit: no plan in time.
    run = start_run(matching_cohort, by=manager, locks=[lock], time_limit=TINY_TIME_LIMIT)
    wait_until(lambda: MatchingRun.objects.get(pk=run.pk).status == RunStatus.NO_PLAN, message="a no_plan run")
    page.set_viewport_size({"width": 1280, "height": 800})

    sign_in(page, base, manager.email)
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Rotation board", exact=True).first.click()
    page.get_by_role("listitem").filter(has_text="No plan in the time limit").get_by_role("link").click()
    expect(page.get_by_text("The engine stopped before it found any plan")).to_be_visible()
    expect(page.get_by_text("time limit 0.001 seconds")).to_be_visible()
    assert fits(page)
    assert_accessible(page)

    form = page.get_by_role("form", name="Run again with more time")
    form.get_by_label("Time limit").select_option(label="2 minutes")
    form.get_by_role("button", name="Run again with more time").click()
    expect(page.get_by_text("Running again with a time limit of 2 minutes.")).to_be_visible()
    # The page refreshes itself while the worker runs; then it shows the plan, with the lock kept.
    expect(page.get_by_text("How the plan serves the talents, per period")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("time limit 2 minutes")).to_be_visible()
    assert fits(page)
    assert_accessible(page)
    new_run = MatchingRun.objects.exclude(pk=run.pk).get()
    assert (new_run.status, new_run.parameters) == (RunStatus.DONE, {"time_limit": 120, "locks": [lock]})
    assert {"talent": lock[0], "period": 1, "project": lock[2]} in new_run.plan
