"""/course/join/: a leader joins the course after signing up with a verified address."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.access import is_participant
from courses.forms import JoinForm
from courses.services.participants import join_course
from eyeforai.accounts.choices import Role


@require_http_methods(["GET", "POST"])
def join(request):
    """Anonymous visitors are sent to sign up with this page as `next` (which marks the new account as the
    course's, portal/allauth_adapter.py, so it is not made a talent; a GET writes nothing), and come back
    here once their address is verified; a participant goes on to the course;
    a talent or host member is told why they cannot join with this account (not a 404: the page
    exists, their account holds another role)."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('account_signup')}?{urlencode({'next': request.path})}")
    if is_participant(user):
        return redirect("courses:overview")
    if user.role or user.is_staff:
        return other_role(request)
    return join_form(request)


def other_role(request):
    # Staff hold no role but work in the admin: their account is not a leader's (and would count toward 800).
    role = Role(request.user.role).label if request.user.role else _("a member of staff")
    return render(request, "courses/join.html", {"other_role": role}, status=409)


@verified_email_required
def join_form(request):
    form = JoinForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            join_course(
                request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                title=data["title"],
                role=data["role"],
                public_body=data["public_body"],
                other_organisation=data["other_organisation"],
                by=request.user,
            )
        except ValidationError as error:
            code = getattr(error, "code", None)  # a refusal naming a field has none
            if code == "joined":  # a second post of the same form
                return redirect("courses:overview")
            if code == "other_role":  # took another role since the page was shown
                return other_role(request)
            form.add_error(None, error)
        else:
            messages.success(request, _("Welcome to the course! Your first lesson is waiting."))
            return redirect("courses:overview")
    return render(request, "courses/join.html", {"form": form})
