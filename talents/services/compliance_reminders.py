"""Reminders a manager sends from the compliance report to talents who are missing AI Sweden days."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse

from eyeforai.activity.services import record
from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import queue_email
from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from eyeforai.programme.today import programme_today
from talents.compliance import compliance_rows
from talents.models import TalentProfile
from talents.weeks import iso_week_label

# "Once a day" is the programme's day, whatever time zone is active and wherever the server runs.


@dataclass(frozen=True)
class RemindResult:
    reminded: int  # talents emailed now
    already: int  # talents missing days who were already reminded today


def reminder_key(talent_uuid, day):
    """One reminder per talent per programme day (Europe/Stockholm)."""
    return f"daylog-missing:{talent_uuid}:{day.isoformat()}"


def reminded_today(talent_uuids, *, today=None):
    """The uuids (as strings) of the talents among `talent_uuids` already reminded today, in one query."""
    today = today or programme_today()
    keys = {reminder_key(uuid, today): str(uuid) for uuid in talent_uuids}
    return {keys[key] for key in OutboundEmail.objects.filter(key__in=list(keys)).values_list("key", flat=True)}


@transaction.atomic
def remind_missing_days(*, by, cohort=None, talent=None, month=False, now=None):
    """Email each accepted talent of a running cohort (or of `cohort`, or only `talent`) who is missing
    weeks of AI Sweden days (this month's weeks only with `month`, as the report counts them): which
    weeks, and the link to their days page.

    Queues 'talents/daylog_missing' once per talent per day (key `daylog-missing:<talent>:<date>`), so a
    second click the same day sends nothing, and records 'talent.reminded_missing_days' on each talent
    reminded. Returns a RemindResult.
    """
    today = programme_today(now)
    cohorts = Cohort.objects.with_status(CohortStatus.RUNNING)
    if cohort is not None:
        cohorts = cohorts.filter(pk=cohort.pk)
    rows = [row for row in compliance_rows(cohorts, today=today, month=month) if row.missing]
    if talent is not None:
        rows = [row for row in rows if row.talent_uuid == str(talent.uuid)]
    done = reminded_today([row.talent_uuid for row in rows], today=today)
    due = [row for row in rows if row.talent_uuid not in done]
    profiles = TalentProfile.objects.select_related("user").filter(
        uuid__in=[row.talent_uuid for row in due], user__is_active=True
    )  # a deactivated account gets no email, as the ranking reminders skip them too
    talents = {str(profile.uuid): profile for profile in profiles}
    reminded = set()
    for row in due:
        profile = talents.get(row.talent_uuid)
        if profile is None:
            continue
        queue_email(
            key=reminder_key(row.talent_uuid, today),
            to=profile.user.email,
            template="talents/daylog_missing",
            context={
                "name": profile.user.first_name or profile.user.email,
                "cohort": row.cohort,
                "weeks": [
                    {"label": iso_week_label(monday), "monday": monday, "sunday": monday + timedelta(days=6)}
                    for monday in row.missing_weeks
                ],
                "days_url": reverse("talents:days"),
            },
        )
        if profile.pk not in reminded:  # a talent in two running cohorts gets one email and one entry
            record(
                profile, "talent.reminded_missing_days", by=by, note=", ".join(map(iso_week_label, row.missing_weeks))
            )
            reminded.add(profile.pk)
    return RemindResult(reminded=len(reminded), already=len(done))
