import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eyeforai.accounts.choices import Role
from eyeforai.accounts.services import take_role
from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from hosts.choices import InvitationRefusal, MemberRole
from hosts.models import HostMembership, Invitation
from hosts.models.organizations import token_digest

logger = logging.getLogger(__name__)

INVITATION_VALID_DAYS = 14


def invitation_path(token):
    return reverse("hosts_members:invitation", args=[token])


def refusal_for(role):
    """Why a person holding `role` (a Role other than host member) cannot take an invitation."""
    return InvitationRefusal.TALENT if role == Role.TALENT else InvitationRefusal.OTHER_ROLE


def refusal_message(refusal):
    """What the invited person reads when their invitation is refused (hosts/invitation.html says the same)."""
    if refusal == InvitationRefusal.TALENT:
        return _(
            "You take part in Eye for AI as a talent, and a person holds one role in the portal: a talent "
            "cannot also act for a host organisation. The programme team can see that this invitation was refused."
        )
    return _(
        "Your account holds another role in the portal, and a person holds one role: you cannot also act for "
        "a host organisation. The programme team can see that this invitation was refused."
    )


def check_invitable(organization, email):
    """Raise ValidationError when `email` belongs to someone who is already a host member, or who
    holds another role (a talent): one person, one role."""
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return
    if user.role and user.role != Role.HOST_MEMBER:
        raise ValidationError(
            _(
                "%(email)s belongs to someone who takes part in the portal in another role (%(role)s). "
                "A person holds one role, so they cannot join a host organisation."
            )
            % {"email": email, "role": Role(user.role).label}
        )
    membership = HostMembership.objects.filter(user=user).select_related("organization").first()
    if membership is None:
        return
    if organization is not None and membership.organization_id == organization.pk:
        raise ValidationError(_("%(email)s is already a member of this organisation.") % {"email": email})
    raise ValidationError(
        _("%(email)s already belongs to another host organisation (%(organization)s).")
        % {"email": email, "organization": membership.organization}
    )


@transaction.atomic
def invite_member(organization, email, *, by, role=MemberRole.MEMBER):
    """Invite `email` to join `organization`; an open invitation for the same address is renewed.

    Side effects: queues the 'hosts/invitation' email (marked as carrying a secret) with a fresh
    single-use link valid for INVITATION_VALID_DAYS days; any earlier link for this invitation stops working.
    The raw token is returned on the invitation as `.token` (never stored).
    """
    email = email.strip().lower()
    check_invitable(organization, email)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organization=organization, email=email, accepted_at__isnull=True)
        .first()
    )
    renewed = invitation is not None
    if not renewed:
        invitation = Invitation(organization=organization, email=email)
    invitation.role = role
    invitation.refused_at, invitation.refused_user, invitation.refusal = None, None, ""
    invitation.token_digest = token_digest(token)
    invitation.invited_by = by
    invitation.created_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save()
    invitation.token = token
    record(
        invitation, "invitation.renewed" if renewed else "invitation.sent", by=by, note=invitation.get_role_display()
    )
    queue_email(
        key=f"host-invitation:{invitation.uuid}:{invitation.token_digest[:16]}",
        to=email,
        template="hosts/invitation",
        context={
            "organization": organization,
            "invitation": invitation,
            "inviter": by,
            "invitation_path": invitation_path(token),
        },
        # The invitee has no account yet (or one without a language): they get the inviter's language,
        # the one the inviter is using now; an account's own language still wins (recipient_language).
        language=translation.get_language(),
        carries_secret=True,  # the link alone lets its holder take the membership
    )
    return invitation


def has_verified_address(user, email):
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def accept_invitation(invitation, *, user):
    """Bind the invitation: `user` joins the organisation, takes the host-member role, and the
    invitation is used up.

    Refused (ValidationError, with a code) when the invitation is used, refused or expired, when the
    user has not verified the invited address, or when the user already belongs to another organisation.
    Refused for good (code "other_role") when the user holds another role, a talent: the refusal is
    recorded on the invitation (refuse_invitation) and stays when this raises; nothing is bound.
    Side effects: the user's role (take_role); a HostMembership row; the invitation's accepted_at/accepted_by.
    """
    membership = _accept(invitation, user=user)
    if membership is None:
        raise ValidationError(refusal_message(refusal_for(user.role)), code="other_role")
    return membership


@transaction.atomic
def _accept(invitation, *, user):
    """accept_invitation's transaction: the membership, or None when the invitation was refused (committed)."""
    invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    if invitation.is_used:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_refused:
        raise ValidationError(refusal_message(invitation.refusal), code="other_role")
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."), code="expired")
    if not has_verified_address(user, invitation.email):
        raise ValidationError(
            _("This invitation was sent to another email address. Sign in with the address it was sent to."),
            code="wrong_email",
        )
    try:
        take_role(user, Role.HOST_MEMBER, by=user)  # locks the user's row, as the PostgreSQL trigger does
    except ValidationError:
        refuse_invitation(invitation, user=user)
        return None
    membership = HostMembership.objects.filter(user=user).select_related("organization").first()
    if membership and membership.organization_id != invitation.organization_id:
        raise ValidationError(
            _("You already belong to %(organization)s; a person can act for one host organisation only.")
            % {"organization": membership.organization},
            code="other_organization",
        )
    if membership is None:
        membership = HostMembership.objects.create(
            organization=invitation.organization, user=user, role=invitation.role
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(invitation, "invitation.accepted", by=user)
    return membership


@transaction.atomic
def refuse_invitation(invitation, *, user):
    """Record that `user`, who has the invited address but holds another role (a talent), cannot take
    `invitation`: one person, one role. Idempotent; a used invitation is left alone.

    Side effects: the invitation's refused_at, refused_user and refusal (the managers' invitation list
    shows them; it no longer binds); the activity entry "invitation.refused". No email.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used or invitation.is_refused:
        return invitation
    invitation.refused_at = timezone.now()
    invitation.refused_user = user
    invitation.refusal = refusal_for(user.role)
    invitation.save(update_fields=["refused_at", "refused_user", "refusal"])
    record(invitation, "invitation.refused", by=user, note=invitation.get_refusal_display())
    return invitation


def bind_invitations(user, emails):
    """Accept every open invitation addressed to one of `emails` (addresses the user has verified).

    Called when an address is verified and when someone signs in. An invitation that cannot be
    bound (the person belongs to another organisation) stays open and its link explains why; one
    for a person who holds another role (a talent) is refused for good, and its link says so.
    """
    memberships = []
    for invitation in Invitation.objects.pending().for_emails(emails).order_by("created_at"):
        try:
            memberships.append(accept_invitation(invitation, user=user))
        except ValidationError as error:
            logger.info("Invitation %s not bound to user %s: %s", invitation.uuid, user.pk, error.messages)
    return memberships


@transaction.atomic
def withdraw_invitation(invitation, *, by):
    """Take back an invitation nobody has used yet: its link stops working (the page says it is not valid).

    Refused for an invitation already used. Side effects: the row is deleted, as a manager's revoke in
    the admin does, after the activity entry "invitation.withdrawn" (the log keeps the address). No email.
    """
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return None
    if invitation.is_used:
        raise ValidationError(_("%(email)s has already joined; this invitation is used.") % {"email": invitation.email})
    record(invitation, "invitation.withdrawn", by=by)
    invitation.delete()
    return invitation
