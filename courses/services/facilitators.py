"""Facilitators: a course manager invites an address, and its owner takes the invitation and runs workshops."""

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.choices import PartnerOrganisation
from courses.models import Facilitator, FacilitatorInvitation
from eyeforai.accounts.choices import Role
from eyeforai.accounts.services import take_role
from eyeforai.accounts.tokens import token_digest
from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email

logger = logging.getLogger(__name__)

INVITATION_VALID_DAYS = 14


def invitation_path(token):
    return reverse("facilitators:invitation", args=[token])


def has_verified_address(user, email):
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def check_invitable(email):
    """Raise ValidationError when `email` belongs to someone who is a facilitator already, or who holds
    another role (a participant, a talent, a host member): one person, one role."""
    owners = get_user_model().objects.filter(
        Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
    )
    for user in owners.distinct():
        if user.role == Role.FACILITATOR:
            raise ValidationError(_("%(email)s is already a facilitator.") % {"email": email})
        if user.role:
            raise ValidationError(
                _(
                    "%(email)s belongs to someone who takes part in the portal as %(role)s. "
                    "A person holds one role, so they cannot also be a facilitator."
                )
                % {"email": email, "role": Role(user.role).label}
            )


@transaction.atomic
def invite_facilitator(email, organisation, *, by):
    """Invite `email` to facilitate workshops for `organisation` (a PartnerOrganisation); an open
    invitation for the same address is renewed (its old link stops working).

    Refused (ValidationError) for an address whose owner is a facilitator already or holds another role.
    Side effects: the invitation row (only a digest of the token is stored); the activity entry
    "facilitator_invitation.sent" or ".renewed"; queues the 'courses/facilitator_invitation' email
    (carrying a secret: the single-use link, valid INVITATION_VALID_DAYS days). The raw token is on the
    returned invitation as `.token`, never stored.
    """
    email = email.strip().lower()
    if organisation not in PartnerOrganisation.values:
        raise ValidationError({"organisation": _("Choose the organisation the facilitator works for.")})
    check_invitable(email)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = FacilitatorInvitation.objects.select_for_update().filter(email=email, accepted_at__isnull=True).first()
    renewed = invitation is not None
    if not renewed:
        invitation = FacilitatorInvitation(email=email)
    invitation.organisation = organisation
    invitation.token_digest = token_digest(token)
    invitation.invited_by = by
    invitation.created_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save()
    invitation.token = token
    action = "facilitator_invitation.renewed" if renewed else "facilitator_invitation.sent"
    record(invitation, action, by=by, note=invitation.get_organisation_display())
    queue_email(
        key=f"facilitator-invitation:{invitation.uuid}:{invitation.token_digest[:16]}",
        to=email,
        template="courses/facilitator_invitation",
        context={"invitation": invitation, "inviter": by, "invitation_path": invitation_path(token)},
        # The invitee has no account yet, or one without a language: the inviter's language now.
        language=translation.get_language(),
        carries_secret=True,  # the link alone lets its holder become a facilitator
    )
    return invitation


@transaction.atomic
def accept_facilitator_invitation(invitation, *, user):
    """`user` takes the invitation: they become a facilitator for its organisation; it is used up.

    Refused (ValidationError, with a code) when the invitation is used, expired, sent to an address the
    user has not verified, or when the user holds another role (take_role, code "other_role") or is a
    facilitator already. Side effects: the role "facilitator" on the user; a Facilitator row; the
    invitation's accepted_at/accepted_by; the activity entry "facilitator_invitation.accepted".
    """
    invitation = FacilitatorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."), code="expired")
    if not has_verified_address(user, invitation.email):
        raise ValidationError(
            _("This invitation was sent to another email address. Sign in with the address it was sent to."),
            code="wrong_email",
        )
    try:
        take_role(user, Role.FACILITATOR, by=user)  # locks the user's row, as the PostgreSQL trigger does
    except ValidationError as error:
        raise ValidationError(
            _(
                "Your account takes part in the portal in another role, and a person holds one role: "
                "you cannot also be a facilitator."
            ),
            code="other_role",
        ) from error
    if Facilitator.objects.filter(user=user).exists():
        raise ValidationError(_("You are already a facilitator."), code="facilitator")
    facilitator = Facilitator.objects.create(user=user, organisation=invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(invitation, "facilitator_invitation.accepted", by=user, note=invitation.get_organisation_display())
    return facilitator


def bind_facilitator_invitations(user, emails):
    """Accept every open invitation addressed to one of `emails` (addresses the user has verified).

    Called when an address is verified and when someone signs in (courses/signals.py). An invitation
    that cannot be bound (the person holds another role) stays open, and its link says why.
    """
    bound = []
    for invitation in FacilitatorInvitation.objects.pending().for_emails(emails).order_by("created_at"):
        try:
            bound.append(accept_facilitator_invitation(invitation, user=user))
        except ValidationError as error:
            logger.info("Facilitator invitation %s not bound to user %s: %s", invitation.uuid, user.pk, error.messages)
    return bound


@transaction.atomic
def withdraw_facilitator_invitation(invitation, *, by):
    """Take back an invitation nobody has used yet: its link stops working (the page says it is not valid).

    Refused for an invitation already used. Side effects: the activity entry
    "facilitator_invitation.withdrawn" (the log keeps the address), then the row is deleted. No email.
    """
    invitation = FacilitatorInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return None
    if invitation.is_used:
        raise ValidationError(
            _("%(email)s has already accepted; this invitation is used.") % {"email": invitation.email}
        )
    record(invitation, "facilitator_invitation.withdrawn", by=by)
    invitation.delete()
    return invitation
