"""Everything the portal holds about one talent, as plain data (for data-subject requests).

talents cannot import the apps above it, so they add their parts here from AppConfig.ready():
`register_talent_data("placements", collect)` where `collect(profile)` returns a list of rows.
"""

from django.db import models

_collectors = {}


def register_talent_data(name, collect):
    _collectors[name] = collect


def as_row(instance, *, exclude=()):
    """A model row as {field: value}: related rows by their display name, files by their stored name,
    and no internal numeric ids (the public uuid stays)."""
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.primary_key:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name)
            row[field.name] = str(related) if related is not None else None
        elif isinstance(field, models.FileField):
            row[field.name] = getattr(instance, field.name).name or None
        else:
            row[field.name] = field.value_from_object(instance)
    return row


def talent_data(profile):
    from talents.models import Absence, Application, DayLog  # noqa: PLC0415 - models load after the registry

    user = profile.user
    applications = []
    for application in Application.objects.filter(talent=profile).select_related("cohort").order_by("pk"):
        events = [as_row(event, exclude={"application", "by"}) for event in application.events.order_by("at")]
        applications.append({**as_row(application, exclude={"talent"}), "history": events})
    data = {
        "account": {
            field: getattr(user, field) for field in ("email", "first_name", "last_name", "date_joined", "last_login")
        },
        "profile": {**as_row(profile, exclude={"user"}), "skills": [skill.name for skill in profile.skills.all()]},
        "applications": applications,
        "day_logs": [as_row(log, exclude={"talent"}) for log in DayLog.objects.filter(talent=profile).order_by("date")],
        "absences": [
            as_row(absence, exclude={"talent"}) for absence in Absence.objects.filter(talent=profile).order_by("pk")
        ],
    }
    for name, collect in sorted(_collectors.items()):
        data[name] = collect(profile)
    return data
