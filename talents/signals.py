import logging

from allauth.account.signals import user_signed_up
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eyeforai.accounts.signup import signup_role
from eyeforai.programme.models import Cohort, Period
from talents import days_page
from talents.models import Absence, Application, DayLog
from talents.services.profiles import create_profile

logger = logging.getLogger(__name__)


@receiver(user_signed_up, dispatch_uid="talents.profile_on_signup")
def profile_on_signup(sender, request, user, **kwargs):
    """The public sign-up is the talent's: "Apply: create an account". Staff are made in the admin,
    and people invited to a host organisation sign up from their invitation (eyeforai/accounts/signup.py).
    Someone who already holds a role keeps it: one person, one role."""
    if not user.is_staff and not user.role and signup_role(request) is None:
        create_profile(user)


@receiver(post_delete, sender=Application, dispatch_uid="talents.delete_cv_file")
def delete_cv_file(sender, instance, **kwargs):
    """A deleted application takes its CV file with it, whatever deleted it (the admin, a cascade
    from a profile or a user, erasure), once the deletion is committed: a rollback keeps the file."""
    if instance.cv:
        storage, name = instance.cv.storage, instance.cv.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def _now_and_on_commit(start_generation):
    # Now, so the writer's own next read (and a test's) sees the change; after the commit too, so a page
    # built by another request from rows read before the commit is not kept under the new generation.
    # A cache outage must not fail the write: the copies then age out (days_page.KEEP_SECONDS at most).
    try:
        start_generation()
    except Exception:
        logger.exception("Could not start a new generation of the days pages")
    transaction.on_commit(start_generation, robust=True)


@receiver(post_save, sender=DayLog, dispatch_uid="talents.days_page_on_day_log_save")
@receiver(post_delete, sender=DayLog, dispatch_uid="talents.days_page_on_day_log_delete")
@receiver(post_save, sender=Absence, dispatch_uid="talents.days_page_on_absence_save")
@receiver(post_delete, sender=Absence, dispatch_uid="talents.days_page_on_absence_delete")
@receiver(post_save, sender=Application, dispatch_uid="talents.days_page_on_application_save")
@receiver(post_delete, sender=Application, dispatch_uid="talents.days_page_on_application_delete")
def refresh_talent_days_page(sender, instance, **kwargs):
    """The days page (talents/days_page.py) shows the talent's logs, absences and running application."""
    _now_and_on_commit(lambda: days_page.new_talent_generation(instance.talent_id))


@receiver(post_save, sender=Cohort, dispatch_uid="talents.days_page_on_cohort_save")
@receiver(post_delete, sender=Cohort, dispatch_uid="talents.days_page_on_cohort_delete")
@receiver(post_save, sender=Period, dispatch_uid="talents.days_page_on_period_save")
@receiver(post_delete, sender=Period, dispatch_uid="talents.days_page_on_period_delete")
def refresh_every_days_page(sender, **kwargs):
    """A cohort's status and first day, and its periods' last day, shape the weeks of all its talents."""
    _now_and_on_commit(days_page.new_cohorts_generation)
