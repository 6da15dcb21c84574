"""The talents app's part of a talent's data export: account, profile, applications, day logs,
absences. The whole export (with placements, feedback and hiring) is put together in
portal/personal_data.py. A fixed number of queries, whatever the number of rows."""

from eyeforai.personal_data import as_row
from talents.models import Absence, Application, CVDownload, DayLog


def talent_data(profile):
    user = profile.user
    applications = []
    rows = Application.objects.filter(talent=profile).select_related("cohort").prefetch_related("events")
    for application in rows.order_by("pk"):
        events = [as_row(event, exclude={"application", "by"}) for event in application.events.all()]
        applications.append({**as_row(application, exclude={"talent"}), "history": events})
    data = {
        "account": {
            field: getattr(user, field) for field in ("email", "first_name", "last_name", "date_joined", "last_login")
        },
        "profile": {**as_row(profile, exclude={"user"}), "skills": [skill.name for skill in profile.skills.all()]},
        "applications": applications,
        "day_logs": [
            as_row(log, exclude={"talent"})
            for log in DayLog.objects.filter(talent=profile).select_related("cohort").order_by("date")
        ],
        "absences": [
            as_row(absence, exclude={"talent"}) for absence in Absence.objects.filter(talent=profile).order_by("pk")
        ],
        # Who opened their CV: the kind of reader and the organisation, as on their page.
        "cv_downloads": [
            {
                "cohort": download.application.cohort.name,
                "reader": download.reader,
                "organization": download.organization_name,
                "at": download.at,
            }
            for download in CVDownload.objects.filter(application__talent=profile)
            .select_related("application__cohort")
            .order_by("at", "pk")
        ],
    }
    return data


def cv_files(profile):
    """[(name in the export, FieldFile)] for each of the talent's applications that has a CV.

    At most one application per cohort (talents_application_one_per_cohort) and at most CV_MAX_BYTES
    each, so what the export carries is bounded by the number of cohorts the talent applied to."""
    rows = Application.objects.filter(talent=profile).exclude(cv="").select_related("cohort").order_by("pk")
    return [(f"cv/{application.cohort.slug}.pdf", application.cv) for application in rows]
