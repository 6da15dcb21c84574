"""Erasing a person's account (GDPR art. 17): asked on the "Your data" page, confirmed by a
programme manager in the admin, carried out by the task portal.erase_account.

It lives in the top layer because it combines every app: each app erases or anonymises its own rows
in its own services (talents.services.erasure, hosts.services.erasure, rotations.services.erasure,
blog.services.erasure, courses.services.erasure, eyeforai.accounts.services, eyeforai.mail.retention,
eyeforai.activity.services); this module decides the order and holds the request's states
(eyeforai.accounts.models.ErasureRequest).

What goes: CV files, day logs, absences, preferences, draft applications, a talent's blog author page and
its photo and the drafts they alone wrote and never submitted (with their images), a course participant's
participation (title, organisation, lesson progress and answers, certificate code, workshop bookings
and waiting places, whose seats go back to the session), a facilitator's row and invitations, emails addressed
to the person, their sign-in (addresses, second factors, sessions, password). What stays, without the
person: placements, evaluations, hiring interest and outcomes (their numbers), blog posts the programme
team has seen (in review, scheduled, published, removed) and co-authored drafts, whose bylines name "a former
talent" in their place, comments on posts in review (their words under "[erased]"), the activity log
(its entries name a placeholder instead of the person).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blog.services.erasure import erase_author, forget_commenter
from courses.services.erasure import erase_facilitator, erase_participant
from eyeforai.accounts import services as accounts
from eyeforai.accounts.choices import OPEN_ERASURE_STATUSES, ErasureStatus
from eyeforai.accounts.models import ErasureRequest
from eyeforai.activity import services as activity
from eyeforai.activity.services import record
from eyeforai.mail import retention as mail_retention
from hosts.services.erasure import erase_member
from portal import dashboard_cache, signed_in_user
from rotations.services import erasure as rotations
from talents.models import TalentProfile
from talents.services.erasure import erase_talent, forget_reader

# What an erased person's name and addresses are replaced with in free text (subjects, log entries).
ERASED = "[erased]"


def open_request_of(user):
    """The person's request still waiting for a manager or the task, or None."""
    return ErasureRequest.objects.filter(user=user, status__in=OPEN_ERASURE_STATUSES).first()


@transaction.atomic
def request_erasure(user, *, by):
    """The person asks for their account to be erased. Refused while an earlier request is open.
    Side effect: the activity entry "erasurerequest.requested" (by the person: erasing them later
    replaces their name in it)."""
    if open_request_of(user) is not None:
        raise ValidationError(
            _("You have already asked for your account to be deleted; a programme manager will confirm it.")
        )
    try:
        with transaction.atomic():
            erasure = ErasureRequest.objects.create(user=user)
    except IntegrityError:  # a second click raced the first: accounts_erasure_one_open_per_user
        raise ValidationError(_("You have already asked for your account to be deleted.")) from None
    record(erasure, "erasurerequest.requested", by=by, to_state=erasure.status)
    return erasure


def _move(erasure, *, allowed, to, by):
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if erasure.status not in allowed:
        raise ValidationError(
            _("This request is “%(status)s” and cannot be changed now.") % {"status": erasure.get_status_display()}
        )
    from_state = erasure.status
    erasure.status = to
    if to in (ErasureStatus.CONFIRMED, ErasureStatus.REFUSED):
        erasure.decided_at = timezone.now()
        erasure.decided_by = by
    erasure.save()
    record(erasure, f"erasurerequest.{to}", by=by, from_state=from_state, to_state=to)
    return erasure


@transaction.atomic
def cancel_erasure(erasure, *, by):
    """The person takes back a request a manager has not confirmed yet. Side effect: activity entry."""
    return _move(erasure, allowed={ErasureStatus.REQUESTED}, to=ErasureStatus.CANCELLED, by=by)


@transaction.atomic
def refuse_erasure(erasure, *, by):
    """A manager refuses a request (the programme must keep the account, e.g. during a legal hold).
    Side effect: activity entry."""
    return _move(erasure, allowed={ErasureStatus.REQUESTED}, to=ErasureStatus.REFUSED, by=by)


@transaction.atomic
def confirm_erasure(erasure, *, by):
    """A manager confirms a request. Side effects: activity entry; after commit the task
    portal.erase_account is queued to carry it out."""
    from portal.tasks import erase_account as erase_task  # noqa: PLC0415 - the task module imports this one

    erasure = _move(erasure, allowed={ErasureStatus.REQUESTED}, to=ErasureStatus.CONFIRMED, by=by)
    # robust: with the broker down the confirmation has committed all the same; the manager must
    # not get an error page for it (the request stays "confirmed" for a later dispatch).
    transaction.on_commit(lambda: erase_task.delay(erasure_id=erasure.pk), robust=True)
    return erasure


def erase_overdue_requests(*, older_than):
    """Carry out every request confirmed more than `older_than` ago and still not erased: its task was
    lost (the broker down when the manager confirmed, a worker killed). Each in its own transaction;
    erase_account locks the row, so a task arriving late at the same time does nothing twice.
    Returns how many were erased."""
    overdue = ErasureRequest.objects.filter(
        status=ErasureStatus.CONFIRMED, decided_at__lt=timezone.now() - older_than
    ).order_by("decided_at")
    return sum(erase_account(request).status == ErasureStatus.ERASED for request in overdue)


@transaction.atomic
def erase_account(erasure):
    """Carry out a confirmed request, all in one transaction (files are deleted after it commits).

    Order: each app's rows first, while the person's name and addresses are still known, then the
    account itself, then the log, whose entries lose every mention of the name and addresses.
    Side effects: the activity entry "erasurerequest.erased" by the system, naming nobody; the person's
    kept overviews and kept signed-in copy are deleted from the cache, now and after commit.
    Returns the request; nothing happens unless it is confirmed (a repeated task is harmless).
    """
    erasure = ErasureRequest.objects.select_for_update().select_related("user").get(pk=erasure.pk)
    if erasure.status != ErasureStatus.CONFIRMED:
        return erasure
    user = erasure.user
    addresses = accounts.addresses_of(user)
    words = [*addresses, user.get_full_name()]
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is not None:
        rotations.erase_talent_rotations(profile)
        erase_author(profile)
        erase_talent(profile, kept_elsewhere=rotations.keeps_talent(profile))
    rotations.forget_person(user)
    forget_reader(user)
    erase_member(user, addresses=addresses)
    forget_commenter(user, replacement=ERASED)
    erase_participant(user)
    erase_facilitator(user, addresses=addresses)
    placeholder = accounts.anonymise_user(user)
    mail_retention.erase_emails_to(addresses, words=words, replacement=ERASED)
    activity.forget_person(user, words=words, placeholder=placeholder)
    dashboard_cache.forget_person(user.pk)
    signed_in_user.forget_person(user.pk)
    erasure.status = ErasureStatus.ERASED
    erasure.erased_at = timezone.now()
    erasure.save(update_fields=["status", "erased_at"])
    record(erasure, "erasurerequest.erased", by=None, from_state=ErasureStatus.CONFIRMED, to_state=erasure.status)
    return erasure
