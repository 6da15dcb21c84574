from celery import shared_task

from rotations.models import MatchingRun
from rotations.services.matching import execute_run
from rotations.services.placements import advance_placements
from rotations.services.preferences import send_preference_reminders
from rotations.services.reminders import send_placement_reminders


@shared_task(name="rotations.advance_placements")
def advance_placements_task():
    started, completed = advance_placements()
    return {"started": started, "completed": completed}


@shared_task(name="rotations.send_placement_reminders")
def send_placement_reminders_task():
    return send_placement_reminders()


@shared_task(name="rotations.run_matching")
def run_matching_task(*, run_id):
    run = MatchingRun.objects.select_related("cohort").filter(pk=run_id).first()
    if run is None:
        return None
    return execute_run(run).status


@shared_task(name="rotations.send_preference_reminders")
def send_preference_reminders_task():
    return send_preference_reminders()
