from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eyeforai.accounts.signup import HOST_MEMBER, mark_signup_role
from hosts.access import membership_for
from hosts.models import Invitation
from hosts.services.invitations import accept_invitation, has_verified_address

# state → HTTP status; every state is a page that says what to do next.
STATUS = {"unknown": 404, "used": 410, "expired": 410, "refused": 409}


def invitation_state(user, invitation, membership):  # noqa: PLR0911 - one answer per state, by precedence
    if invitation is None:
        return "unknown"
    if membership and membership.organization_id == invitation.organization_id:
        return "member"
    if invitation.is_used:
        return "used"
    if invitation.is_expired:
        return "expired"
    if not user.is_authenticated:
        return "anonymous"
    if membership:
        return "other_organization"
    if not has_verified_address(user, invitation.email):
        return "wrong_email"
    return "ready"


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email.

    Anonymous visitors are offered sign-up (with the invited address) or sign-in; binding happens
    when that address is verified or its owner signs in (hosts.signals). A signed-in person with the
    invited address can also accept here. Used, expired and unknown links get a page saying so.
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
    if state == "anonymous":
        # Whoever signs up from here is a host member, not a talent applying.
        mark_signup_role(request, HOST_MEMBER)
        if request.method == "POST":
            return redirect_to_login(here)
        context["signup_url"] = f"{reverse('account_signup')}?{urlencode({'email': invitation.email, 'next': here})}"
        context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': here})}"
    elif state == "ready" and request.method == "POST":
        try:
            accept_invitation(invitation, user=request.user)
        except ValidationError as error:
            state, context["error"] = "refused", error
        else:
            messages.success(
                request,
                _("Welcome! You are now a member of %(organization)s.") % {"organization": invitation.organization},
            )
            return redirect("host:dashboard")
    return render(request, "hosts/invitation.html", {**context, "state": state}, status=STATUS.get(state, 200))
