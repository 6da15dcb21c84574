import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.mail.services import queue_email
from hosts.choices import MemberRole
from hosts.models import HostMembership, Invitation
from hosts.models.organizations import token_digest

logger = logging.getLogger(__name__)

INVITATION_VALID_DAYS = 14


def invitation_path(token):
    return reverse("host:invitation", args=[token])


def check_invitable(organization, email):
    """Raise ValidationError when `email` belongs to someone who is already a host member."""
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return
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

    Side effects: queues the 'hosts/invitation' email with a fresh single-use link valid for
    INVITATION_VALID_DAYS days; any earlier link for this invitation stops working.
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
    if invitation is None:
        invitation = Invitation(organization=organization, email=email)
    invitation.role = role
    invitation.token_digest = token_digest(token)
    invitation.invited_by = by
    invitation.created_at = now
    invitation.expires_at = now + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save()
    invitation.token = token
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
    )
    return invitation


def has_verified_address(user, email):
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def accept_invitation(invitation, *, user):
    """Bind the invitation: `user` joins the organisation and the invitation is used up.

    Refused (ValidationError, with a code) when the invitation is used or expired, when the user has
    not verified the invited address, or when the user already belongs to another organisation.
    Side effects: a HostMembership row; the invitation's accepted_at/accepted_by.
    """
    invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    if invitation.is_used:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."), code="expired")
    if not has_verified_address(user, invitation.email):
        raise ValidationError(
            _("This invitation was sent to another email address. Sign in with the address it was sent to."),
            code="wrong_email",
        )
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
    user.__dict__.pop("_host_membership", None)
    return membership


def bind_invitations(user, emails):
    """Accept every open invitation addressed to one of `emails` (addresses the user has verified).

    Called when an address is verified and when someone signs in. An invitation that cannot be
    bound (the person belongs to another organisation) stays open and its link explains why.
    """
    memberships = []
    for invitation in Invitation.objects.pending().for_emails(emails).order_by("created_at"):
        try:
            memberships.append(accept_invitation(invitation, user=user))
        except ValidationError as error:
            logger.info("Invitation %s not bound to user %s: %s", invitation.uuid, user.pk, error.messages)
    return memberships
