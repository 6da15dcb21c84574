from django.core.management import call_command

from talents.choices import ApplicationStatus
from talents.models import Application, DayLog, TalentProfile


def test_seed_demo_adds_applications_at_every_stage_with_cvs_and_day_logs_with_gaps(db):
    call_command("seed_demo", "--allow-without-debug", "--quiet")
    call_command("seed_demo", "--allow-without-debug", "--quiet")  # idempotent
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert all(application.cv.storage.exists(application.cv.name) for application in Application.objects.all())
    running = Application.objects.accepted().in_running_cohorts()
    assert running.count() == 6
    talent = running.first().talent
    logs = DayLog.objects.filter(talent=talent).count()
    assert logs > 20
    assert TalentProfile.objects.count() == Application.objects.count()
