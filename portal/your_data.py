"""The "Your data" page of a talent, a host member, a course participant or a facilitator: download
everything the portal holds about them, and ask for their account to be erased (portal/erasure.py
carries it out once a programme manager confirms).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.access import is_facilitator, is_participant
from eyeforai.accounts.access import role_required
from eyeforai.accounts.choices import Role
from eyeforai.accounts.models import ErasureRequest
from hosts.access import is_host_member
from portal import erasure
from portal.personal_data import export_archive
from talents.access import is_talent


def holds_personal_data(user):
    """Talents, host members, course participants and facilitators: the people whose data the programme
    collects through the portal. Staff have their own channel (the programme team), and their accounts
    are the admin's. The role (one person, one role) picks the check: a participant's or a facilitator's
    costs one query, and talents and host members pay nothing more for it."""
    if user.is_authenticated and user.role == Role.COURSE_PARTICIPANT:
        return is_participant(user)
    if user.is_authenticated and user.role == Role.FACILITATOR:
        return is_facilitator(user)
    return is_talent(user) or is_host_member(user)


person_required = role_required(holds_personal_data)


class ErasureForm(forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that my account and my data will be deleted and cannot be restored."),
        error_messages={"required": gettext_lazy("Tick this box to confirm that you want your account deleted.")},
    )


def _page(request, form=None):
    # person_required has checked the role's row: a participant's or a facilitator's role is enough here.
    participant_page = request.user.role == Role.COURSE_PARTICIPANT
    facilitator_page = request.user.role == Role.FACILITATOR
    context = {
        "form": form or ErasureForm(),
        "open_request": erasure.open_request_of(request.user),
        "is_participant_page": participant_page,
        "is_facilitator_page": facilitator_page,
        "is_talent_page": not (participant_page or facilitator_page) and is_talent(request.user),
        "rejected_cv_days": settings.RETENTION_REJECTED_CV_DAYS,
    }
    return render(request, "portal/your_data.html", context)


@person_required
@require_GET
def your_data(request):
    return _page(request)


@never_cache
@person_required
@require_GET
def download_data(request):
    """A zip with data.json (and a talent's CVs), built for this request and never stored."""
    archive = export_archive(request.user)
    filename = f"eyeforai-your-data-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")


@person_required
@require_POST
def request_erasure(request):
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form)
    try:
        erasure.request_erasure(request.user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("We have your request. A programme manager confirms it, then your account and your data are deleted."),
        )
    return redirect("portal:your_data")


@person_required
@require_POST
def cancel_erasure(request, uuid):
    request_row = get_object_or_404(ErasureRequest, uuid=uuid, user=request.user)
    try:
        erasure.cancel_erasure(request_row, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is cancelled: your account stays as it is."))
    return redirect("portal:your_data")
