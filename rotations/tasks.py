from celery import shared_task

from rotations.services.placements import advance_placements
from rotations.services.reminders import send_placement_reminders


@shared_task(name="rotations.advance_placements")
def advance_placements_task():
    started, completed = advance_placements()
    return {"started": started, "completed": completed}


@shared_task(name="rotations.send_placement_reminders")
def send_placement_reminders_task():
    return send_placement_reminders()
