"""An application's life: draft → submitted → under review → interview → accepted | rejected | withdrawn.

Each step is written twice, on purpose: the talent's stage history (ApplicationEvent, on their page and
in their data export) and the activity log (who did it, from which stage, for the programme team).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from eyeforai.programme.models import Cohort
from talents.choices import ApplicationStatus
from talents.models import IN_REVIEW, Application, ApplicationEvent

logger = logging.getLogger(__name__)

ANSWER_FIELDS = ["motivation", "why_sweden", "availability", "availability_note", "consent"]
REQUIRED_TO_SUBMIT = ["motivation", "why_sweden", "availability", "consent"]

# The stages managers move an application to, and the stages each may come from.
MANAGER_MOVES = {
    ApplicationStatus.UNDER_REVIEW: {ApplicationStatus.SUBMITTED},
    ApplicationStatus.INTERVIEW: {ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW},
    ApplicationStatus.ACCEPTED: set(IN_REVIEW),
    ApplicationStatus.REJECTED: set(IN_REVIEW),
}


def applications_of(talent):
    """All the talent's applications, newest first, with cohort, periods and history: the dashboard
    hands this one load to both current_application and days_state."""
    return list(
        Application.objects.for_talent(talent)
        .select_related("cohort")
        .prefetch_related("events", "cohort__periods")
        .order_by("-created_at")
    )


def current_application(talent, *, applications=None):
    """The application the talent's pages are about: to the open call, else the latest one, else None."""
    applications = applications_of(talent) if applications is None else applications
    open_cohort = Cohort.objects.open_call().first()
    if open_cohort:
        for application in applications:
            if application.cohort_id == open_cohort.pk:
                return application, open_cohort
    return (applications[0] if applications else None), open_cohort


def _record(application, status, *, by, action, from_state=None):
    """Move the application to `status`: the talent's stage history (ApplicationEvent, shown on their
    page and in their data export) and the activity log (who did it, from which stage) both get the step."""
    from_state = application.status if from_state is None else from_state
    application.status = status
    application.status_changed_at = timezone.now()
    ApplicationEvent.objects.create(application=application, status=status, at=application.status_changed_at, by=by)
    record(application, action, by=by, from_state=from_state, to_state=status)


def _email_context(application):
    return {
        "application": application,
        "talent": application.talent,
        "cohort": application.cohort,
        "name": application.talent.user.first_name or application.talent.user.email,
        "application_url": reverse("talents:application"),
        "dashboard_url": reverse("portal:talent_dashboard"),
    }


@transaction.atomic
def start_application(talent, cohort, *, by):
    """A new draft to `cohort` (which must be taking applications). No email. Idempotent."""
    if not cohort.is_taking_applications:
        raise ValidationError(_("%(cohort)s is not taking applications.") % {"cohort": cohort})
    application, created = Application.objects.get_or_create(talent=talent, cohort=cohort)
    if created:
        _record(application, ApplicationStatus.DRAFT, by=by, action="application.started", from_state="")
        application.save(update_fields=["status", "status_changed_at"])
    return application


def _replace_cv(application, cv):
    old_name = application.cv.name if application.cv else ""
    application.cv = cv
    application.cv_uploaded_at = timezone.now()
    if old_name:
        storage = application.cv.storage
        # The old file goes only once the new one is committed: a rollback keeps the talent's CV.
        transaction.on_commit(lambda: storage.delete(old_name))


def _refuse_unless_editable(application):
    if not application.is_editable:
        raise ValidationError(_("This application has been submitted and can no longer be changed."))


@transaction.atomic
def save_draft(application, *, data, cv=None, by):
    """Store the answers (and a new CV, replacing the old file after commit) of a draft. No email."""
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    _refuse_unless_editable(application)
    for name in ANSWER_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    if cv:
        _replace_cv(application, cv)
    application.save()
    record(application, "application.draft_saved", by=by, note=_("A new CV was uploaded.") if cv else "")
    return application


@transaction.atomic
def submit_application(application, *, data, cv=None, by):
    """Store the final answers and submit: the draft becomes read-only for the talent.

    Refused, with nothing saved, when the deadline has passed, the profile is incomplete or an answer
    or the CV is missing. Side effects: an 'application submitted' event; queues the
    'talents/application_received' email to the talent.
    """
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    _refuse_unless_editable(application)
    cohort = application.cohort
    now = timezone.now()
    if not (cohort.applications_open_at <= now <= cohort.application_deadline):
        deadline = formats.date_format(timezone.localtime(cohort.application_deadline), "DATETIME_FORMAT")
        raise ValidationError(
            _(
                "The deadline for %(cohort)s was %(deadline)s (Swedish time), so this application can no longer "
                "be submitted. You are welcome to apply to the next cohort."
            )
            % {"cohort": cohort, "deadline": deadline}
        )
    if not application.talent.is_complete:
        raise ValidationError(_("Please complete your profile before you submit: name, nationality, degree, …"))
    for name in ANSWER_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    if cv:
        _replace_cv(application, cv)
    errors = {name: _("This is needed to submit.") for name in REQUIRED_TO_SUBMIT if not getattr(application, name)}
    if not application.cv:
        errors["cv"] = _("Upload your CV as a PDF to submit.")
    if errors:
        raise ValidationError(errors)
    application.submitted_at = now
    _record(application, ApplicationStatus.SUBMITTED, by=by, action="application.submitted")
    application.save()
    queue_email(
        key=f"application-received:{application.uuid}",
        to=application.talent.user.email,
        template="talents/application_received",
        context=_email_context(application),
    )
    return application


@transaction.atomic
def withdraw_application(application, *, by):
    """The talent withdraws a draft or an application still in review.

    Side effects: a 'withdrawn' event; queues 'talents/application_withdrawn' to the talent if it had
    been submitted (a draft was never acknowledged, so nothing to confirm).
    """
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    if not application.can_withdraw:
        raise ValidationError(_("This application can no longer be withdrawn; please write to the programme team."))
    was_submitted = application.status != ApplicationStatus.DRAFT
    _record(application, ApplicationStatus.WITHDRAWN, by=by, action="application.withdrawn")
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    if was_submitted:
        queue_email(
            key=f"application-status:{application.uuid}:{ApplicationStatus.WITHDRAWN}",
            to=application.talent.user.email,
            template="talents/application_withdrawn",
            context=_email_context(application),
        )
    return application


@transaction.atomic
def move_application(application, *, to, by):
    """A programme manager moves an application to under review, interview, accepted or rejected.

    Refused unless the move follows the pipeline (a decided or withdrawn application stays as it is).
    Side effects: an event with the manager; queues 'talents/application_<status>' to the talent.
    """
    to = ApplicationStatus(to)
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    allowed_from = MANAGER_MOVES.get(to)
    if allowed_from is None:
        raise ValidationError(_("Applications cannot be moved to “%(status)s” here.") % {"status": to.label})
    if application.status not in allowed_from:
        raise ValidationError(
            _("%(application)s is “%(current)s” and cannot be moved to “%(status)s”.")
            % {"application": application, "current": application.get_status_display(), "status": to.label}
        )
    _record(application, to, by=by, action="application.moved")
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    queue_email(
        key=f"application-status:{application.uuid}:{to}",
        to=application.talent.user.email,
        template=f"talents/application_{to}",
        context=_email_context(application),
    )
    logger.info("Application %s moved to %s by %s", application.uuid, to, by)
    return application
