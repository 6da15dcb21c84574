from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eyeforai.accounts.choices import Role
from eyeforai.accounts.signup import HOST_MEMBER, mark_signup_role
from hosts.access import membership_for
from hosts.choices import InvitationState
from hosts.models import Invitation
from hosts.services.invitations import accept_invitation, has_verified_address, refusal_message, refuse_invitation

# state → HTTP status; every state is a page that says what to do next.
STATUS = {
    InvitationState.UNKNOWN: 404,
    InvitationState.USED: 410,
    InvitationState.EXPIRED: 410,
    InvitationState.REFUSED: 409,
    InvitationState.OTHER_ROLE: 409,
}


def invitation_state(user, invitation, membership):  # noqa: PLR0911 - one answer per state, by precedence
    if invitation is None:
        return InvitationState.UNKNOWN
    if membership and membership.organization_id == invitation.organization_id:
        return InvitationState.MEMBER
    if invitation.is_used:
        return InvitationState.USED
    if invitation.is_refused:
        return InvitationState.OTHER_ROLE
    if invitation.is_expired:
        return InvitationState.EXPIRED
    if not user.is_authenticated:
        return InvitationState.ANONYMOUS
    if membership:
        return InvitationState.OTHER_ORGANIZATION
    if not has_verified_address(user, invitation.email):
        return InvitationState.WRONG_EMAIL
    if user.role and user.role != Role.HOST_MEMBER:
        return InvitationState.OTHER_ROLE
    return InvitationState.READY


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email.

    Anonymous visitors are offered sign-up (with the invited address) or sign-in; binding happens
    when that address is verified or its owner signs in (hosts.signals). A signed-in person with the
    invited address can also accept here; a member of the organisation (just confirmed, or following the
    link again) goes to its overview. Used, expired and unknown links get a page saying so. The
    invited address's owner who holds another role (a talent) is refused: the page says why, and
    the refusal is recorded on the invitation for the programme team (the first time they open it).
    """
    invitation = Invitation.objects.by_token(token).select_related("organization").first()
    membership = membership_for(request.user)
    state = invitation_state(request.user, invitation, membership)
    context = {
        "invitation": invitation,
        "membership": membership,
        "organization": getattr(invitation, "organization", None),
    }
    here = request.get_full_path()
    if state == InvitationState.MEMBER:
        # Just joined (the sign-up's confirmation returns here) or following an old link: either way
        # the organisation's overview is where a member starts.
        messages.success(
            request, _("You are a member of %(organization)s.") % {"organization": invitation.organization}
        )
        return redirect("portal:host_dashboard")
    if state == InvitationState.OTHER_ROLE and not invitation.is_refused:
        invitation = context["invitation"] = refuse_invitation(invitation, user=request.user)
    if state == InvitationState.ANONYMOUS:
        # Whoever signs up from here is a host member, not a talent applying.
        mark_signup_role(request, HOST_MEMBER)
        if request.method == "POST":
            return redirect_to_login(here)
        context["signup_url"] = f"{reverse('account_signup')}?{urlencode({'email': invitation.email, 'next': here})}"
        context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': here})}"
    elif state == InvitationState.READY and request.method == "POST":
        try:
            accept_invitation(invitation, user=request.user)
        except ValidationError as error:
            if error.code == "other_role":  # took another role since the page was shown
                invitation.refresh_from_db()
                state = InvitationState.OTHER_ROLE
            else:
                state, context["error"] = InvitationState.REFUSED, error
        else:
            messages.success(
                request,
                _("Welcome! You are now a member of %(organization)s.") % {"organization": invitation.organization},
            )
            return redirect("portal:host_dashboard")
    if state == InvitationState.OTHER_ROLE:
        context["refusal"] = refusal_message(invitation.refusal)
    context = {**context, "state": state, "states": InvitationState}
    return render(request, "hosts/invitation.html", context, status=STATUS.get(state, 200))
