"""A host member's own name, and the colleagues they invite to their organisation."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eyeforai.ratelimit import over_limit
from hosts.access import get_invitation_for_member, get_organization_for_member, host_member_required
from hosts.forms import InviteColleagueForm, MemberNameForm
from hosts.services.invitations import invite_member, withdraw_invitation
from hosts.services.members import set_member_name


@host_member_required
@require_http_methods(["GET", "POST"])
def account(request):
    """Your name: shown in the organisation's member list and in the emails you get."""
    organization = get_organization_for_member(request.user)
    user = request.user
    form = MemberNameForm(request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name})
    if request.method == "POST" and form.is_valid():
        try:
            set_member_name(user, **form.cleaned_data, by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your name is saved."))
            return redirect("portal:host_dashboard")
    return render(request, "hosts/account.html", {"form": form, "organization": organization})


def _inviting_too_often(request):
    """Each invitation sends an email: counted per account, like the other emails a member triggers."""
    return over_limit(
        request,
        scope="host-invitation",
        limit=settings.HOST_INVITATION_RATE_LIMIT,
        window=settings.HOST_INVITATION_RATE_WINDOW,
        key=f"user:{request.user.pk}",
    )


@host_member_required
@require_http_methods(["GET", "POST"])
def invite(request):
    """Invite a colleague: the same invite_member() (single use, expiring, the same email and rules) as
    the programme team's invitation from the admin."""
    organization = get_organization_for_member(request.user)
    form = InviteColleagueForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _inviting_too_often(request):
            form.add_error(None, _("You have sent many invitations in the last hour. Please try again later."))
            status = 429
        else:
            try:
                invitation = invite_member(organization, form.cleaned_data["email"], by=request.user)
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("An invitation is on its way to %(email)s. It works once, until %(date)s.")
                    % {
                        "email": invitation.email,
                        "date": formats.date_format(timezone.localtime(invitation.expires_at)),
                    },
                )
                return redirect("portal:host_dashboard")
    return render(request, "hosts/invite.html", {"form": form, "organization": organization}, status=status)


@host_member_required
@require_POST
def invitation_withdraw(request, invitation_uuid):
    invitation = get_invitation_for_member(request.user, invitation_uuid)
    try:
        withdraw_invitation(invitation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn; its link no longer works.") % {"email": invitation.email},
        )
    return redirect("portal:host_dashboard")
