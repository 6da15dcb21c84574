"""How long the talents app keeps CVs (the privacy page says the same, from the same settings).

The CV of an application that was not accepted (rejected, withdrawn, or never decided) is deleted
RETENTION_REJECTED_CV_DAYS after its cohort's decisions. "The cohort's decisions" is the cohort's
start date (Cohort.starts_on): every application is decided by the first day of onboarding, and the
date is fixed long before, so a talent can be told it in advance. Accepted talents' CVs stay.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from talents.choices import ApplicationStatus
from talents.models import Application

logger = logging.getLogger(__name__)


def expired_cvs(today=None):
    """Applications not accepted whose cohort started more than RETENTION_REJECTED_CV_DAYS ago and
    that still have a CV: kept on day RETENTION_REJECTED_CV_DAYS, gone the day after."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.RETENTION_REJECTED_CV_DAYS)
    return (
        Application.objects.exclude(status=ApplicationStatus.ACCEPTED)
        .exclude(cv="")
        .filter(cohort__starts_on__lt=cutoff)
    )


@transaction.atomic
def delete_cv(application, *, by=None, note=""):
    """Delete an application's CV: the field is emptied now, the file once the change commits (a
    rollback keeps both). Side effect: the activity entry "application.cv_deleted" with `note`.
    Nothing happens when the application has no CV (any more)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.cv:
        return application
    name, storage = application.cv.name, application.cv.storage
    application.cv = ""
    application.cv_uploaded_at = None
    application.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
    # robust: a file the storage cannot delete is logged, and the retention run goes on to the next CV.
    transaction.on_commit(lambda: storage.delete(name), robust=True)
    record(application, "application.cv_deleted", by=by, note=note)
    return application


def delete_expired_cvs(today=None):
    """The daily retention run (beat task talents.delete_expired_cvs): delete_cv on each expired CV,
    each in its own transaction. Returns how many CVs were deleted."""
    note = _("Retention: not accepted, %(days)d days after the cohort started.") % {
        "days": settings.RETENTION_REJECTED_CV_DAYS
    }
    count = 0
    for application in expired_cvs(today).only("pk").iterator():
        delete_cv(application, by=None, note=note)
        count += 1
    logger.info("CV retention: deleted %d CVs", count)
    return count
