"""The one reminder to a participant who has made no progress for a week, sent by the daily beat task."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import Lesson, LessonProgress, Participant
from eyeforai.activity.services import record_each
from eyeforai.mail.services import queue_email

QUIET_FOR = timedelta(days=7)
BATCH_SIZE = 200


def nudge_quiet_participants(now=None, *, batch_size=BATCH_SIZE):
    """Queue 'courses/nudge' to every participant who has not completed part 1, has not been nudged,
    and has made no progress (opened or passed a lesson, or joined) for seven days, with the first
    lesson they have not passed yet; set their `nudged_at` and record "participant.nudged" (the system).

    Once per participant: `nudged_at` and the outbox key `course-nudge:<participant>` keep a second run
    (or a second beat) from sending again. Each batch is one transaction, its rows locked, so a
    participant answering a check meanwhile is re-read with their new progress and left alone.
    Returns how many participants were nudged (`batch_size` at a time).
    """
    now = now or timezone.now()
    lessons = list(Lesson.objects.published())
    nudged = 0
    while True:
        with transaction.atomic():
            batch = list(
                Participant.objects.select_for_update(of=("self",))
                .select_related("user")
                .filter(
                    part_one_completed_at__isnull=True,
                    nudged_at__isnull=True,
                    last_progress_at__lte=now - QUIET_FOR,
                    user__is_active=True,  # a deactivated (or erased) account is written to no more
                )
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return nudged
            passed = set(
                LessonProgress.objects.filter(participant__in=batch, passed_at__isnull=False).values_list(
                    "participant_id", "lesson_id"
                )
            )
            for participant in batch:
                lesson = next((lesson for lesson in lessons if (participant.pk, lesson.pk) not in passed), None)
                queue_email(
                    key=f"course-nudge:{participant.uuid}",
                    to=participant.user.email,
                    template="courses/nudge",
                    context={
                        "name": participant.user.first_name,
                        "lesson": lesson,
                        "lesson_path": reverse("courses:lesson", args=[lesson.uuid])
                        if lesson
                        else reverse("courses:overview"),
                    },
                )
            Participant.objects.filter(pk__in=[participant.pk for participant in batch]).update(nudged_at=now)
            record_each(batch, "participant.nudged", by=None)
        nudged += len(batch)
