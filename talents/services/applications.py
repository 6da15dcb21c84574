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
from eyeforai.mail.services import queue_email, recipient_language, render_email, subject_line
from eyeforai.programme.choices import CohortStatus
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

# A manager's personal note in a stage email: a few sentences, not a letter.
NOTE_MAX_LENGTH = 1000


def manager_moves_from(status):
    """The stages a manager may move an application in `status` to, in pipeline order: the review
    page's buttons and move_application both ask this."""
    return [to for to, allowed_from in MANAGER_MOVES.items() if status in allowed_from]


def applications_of(talent):
    """All the talent's applications, newest first, with cohort, periods and history: the dashboard
    hands this one load to both current_application and days_state."""
    return list(
        Application.objects.for_talent(talent)
        .select_related("cohort")
        .prefetch_related("events", "cohort__periods")
        .order_by("-created_at")
    )


def _has_ended(application):
    """Nothing more will come of it: rejected, withdrawn, a draft whose call has closed, or its cohort
    is over. A talent whose applications have all ended may apply to an open call."""
    if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        return True
    if application.is_editable:
        return not application.cohort.is_taking_applications
    return application.cohort.status == CohortStatus.COMPLETED


def current_application(talent, *, applications=None):
    """The application the talent's pages are about, and the cohort whose call is open (or None).

    The application to the open call, if any; else, while a call is open, the latest one still going
    (in review, or accepted to a cohort that has not finished), so None once they have all ended and
    the talent may start one to the open call; with no call open, the latest one, else None."""
    applications = applications_of(talent) if applications is None else applications
    open_cohort = Cohort.objects.open_call().first()
    if open_cohort is None:
        return (applications[0] if applications else None), None
    for application in applications:
        if application.cohort_id == open_cohort.pk:
            return application, open_cohort
    going = [application for application in applications if not _has_ended(application)]
    return (going[0] if going else None), open_cohort


def _record(application, status, *, by, action, from_state=None, note=""):
    """Move the application to `status`: the talent's stage history (ApplicationEvent, shown on their
    page and in their data export) and the activity log (who did it, from which stage) both get the step."""
    from_state = application.status if from_state is None else from_state
    application.status = status
    application.status_changed_at = timezone.now()
    event = ApplicationEvent.objects.create(
        application=application, status=status, at=application.status_changed_at, by=by
    )
    record(application, action, by=by, from_state=from_state, to_state=status, note=note)
    return event


def _email_key(kind, application, event):
    """One email per stage reached: an application reopened after withdrawing reaches its stages again,
    and each time is a new event (and a new email)."""
    return f"{kind}:{application.uuid}:{event.pk}"


def _email_context(application, *, note=""):
    return {
        "note": note,
        "application": application,
        "talent": application.talent,
        "cohort": application.cohort,
        "name": application.talent.user.first_name or application.talent.user.email,
        "application_url": reverse("talents:application"),
        "dashboard_url": reverse("portal:talent_dashboard"),
    }


def _email_talent(application, event, *, kind, template, note=""):
    """Queue `template` to the talent, once for this stage reached (_email_key)."""
    queue_email(
        key=_email_key(kind, application, event),
        to=application.talent.user.email,
        template=template,
        context=_email_context(application, note=note),
    )


def normalise_note(note):
    """A manager's note as it goes into the email: line ends made plain, trailing spaces gone;
    refused past NOTE_MAX_LENGTH characters."""
    note = "\n".join(line.rstrip() for line in (note or "").replace("\r\n", "\n").split("\n")).strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Keep the note to %(max)d characters; it has %(count)d.")
                % {"max": NOTE_MAX_LENGTH, "count": len(note)}
            },
            code="note_too_long",
        )
    return note


def stage_email_preview(application, *, to, note=""):
    """(to, subject, text) of the email move_application(application, to=…, note=…) queues, rendered
    by the same code (render_email, subject_line), for the confirmation page. Changes nothing.
    In the talent's language, as queue_email writes it, not in the manager's who reads the preview.
    Raises ValidationError for a note that move_application would refuse."""
    to = ApplicationStatus(to)
    recipient = application.talent.user.email
    subject, body_text, _html = render_email(
        f"talents/application_{to}",
        _email_context(application, note=normalise_note(note)),
        language=recipient_language(recipient),
    )
    return recipient, subject_line(subject), body_text


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
    event = _record(application, ApplicationStatus.SUBMITTED, by=by, action="application.submitted")
    application.save()
    _email_talent(application, event, kind="application-received", template="talents/application_received")
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
    event = _record(application, ApplicationStatus.WITHDRAWN, by=by, action="application.withdrawn")
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    if was_submitted:
        _email_talent(application, event, kind="application-status", template="talents/application_withdrawn")
    return application


@transaction.atomic
def reopen_application(application, *, by):
    """The talent applies again after withdrawing, while the cohort still takes applications.

    One application per talent and cohort (talents_application_one_per_cohort), so the withdrawn one
    becomes a draft again, its answers and CV kept; its stage history and the activity log keep the
    withdrawal. Refused once the call has closed. Side effects: a 'draft' event; queues
    'talents/application_reopened' to the talent (the deadline to submit by).
    """
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    if not application.is_withdrawn:
        raise ValidationError(_("This application is not withdrawn, so there is nothing to reopen."))
    if not application.can_reopen:
        deadline = formats.date_format(timezone.localtime(application.cohort.application_deadline), "DATETIME_FORMAT")
        raise ValidationError(
            _(
                "The call for %(cohort)s closed on %(deadline)s (Swedish time), so you cannot apply to it again. "
                "You are welcome to apply to the next cohort."
            )
            % {"cohort": application.cohort, "deadline": deadline}
        )
    event = _record(application, ApplicationStatus.DRAFT, by=by, action="application.reopened")
    application.submitted_at = None
    application.save(update_fields=["status", "status_changed_at", "submitted_at", "updated_at"])
    _email_talent(application, event, kind="application-reopened", template="talents/application_reopened")
    return application


@transaction.atomic
def move_application(application, *, to, by, note="", expected_from=None):
    """A programme manager moves an application to under review, interview, accepted or rejected.

    Refused unless the move follows the pipeline (a decided or withdrawn application stays as it is),
    and, with `expected_from` (the stage the manager saw), when someone moved it meanwhile: nothing
    changes and no email goes (code "stale"). `note`: the manager's personal note (at most
    NOTE_MAX_LENGTH characters), put into the email in a paragraph of its own and kept in the activity log.
    Side effects: an event with the manager; an activity entry (from, to, note); queues
    'talents/application_<status>' to the talent.
    """
    to = ApplicationStatus(to)
    note = normalise_note(note)
    application = (
        Application.objects.select_for_update().select_related("cohort", "talent__user").get(pk=application.pk)
    )
    allowed_from = MANAGER_MOVES.get(to)
    if allowed_from is None:
        raise ValidationError(_("Applications cannot be moved to “%(status)s” here.") % {"status": to.label})
    if expected_from is not None and application.status != expected_from:
        raise ValidationError(
            _(
                "Someone moved this application to “%(current)s” while you were looking at it. "
                "Nothing was changed and no email was sent."
            )
            % {"current": application.get_status_display()},
            code="stale",
        )
    if application.status not in allowed_from:
        raise ValidationError(
            _("%(application)s is “%(current)s” and cannot be moved to “%(status)s”.")
            % {"application": application, "current": application.get_status_display(), "status": to.label}
        )
    event = _record(application, to, by=by, action="application.moved", note=note)
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    _email_talent(application, event, kind="application-status", template=f"talents/application_{to}", note=note)
    logger.info("Application %s moved to %s by %s", application.uuid, to, by)
    return application
