"""The matching pages' guard rails in the admin: remind who has not ranked, share (or stop sharing) the
proposed plan with hosts and talents. The panel that offers them is templates/admin/rotations/_readiness.html,
drawn by the `readiness_panel` tag (rotations/templatetags/rotations_readiness.py) on the rotation board
and the run page. The URLs join MatchingRunAdmin's (readiness_urls)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from eyeforai.admintools.permissions import require_permission
from eyeforai.programme.models import Cohort
from rotations.services.ranking_reminders import remind_rankings
from rotations.services.sharing import share_plan, withdraw_plan_share


def readiness_urls(admin_site):
    view = admin_site.admin_view
    return [
        path("remind/<slug:cohort>/", view(require_POST(remind_view)), name="rotations_matching_remind"),
        path("share/<slug:cohort>/", view(require_POST(share_view)), name="rotations_plan_share"),
        path("unshare/<slug:cohort>/", view(require_POST(withdraw_share_view)), name="rotations_plan_unshare"),
    ]


def _back(request, cohort):
    """Where the panel was posted from (the board or a run page), else the cohort's board."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("admin:rotations_board", args=[cohort.slug]))


def _refused(request, error):
    for message in error.messages:
        messages.error(request, message)


def remind_view(request, cohort):
    require_permission(request, "rotations.run_matching")
    cohort = get_object_or_404(Cohort, slug=cohort)
    try:
        reminded = remind_rankings(cohort, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return _back(request, cohort)
    if reminded.queued:
        text = ngettext("Reminded %(count)d person.", "Reminded %(count)d people.", reminded.queued)
        messages.success(request, text % {"count": reminded.queued})
    elif reminded.already:
        messages.info(request, _("Everyone was already reminded today."))
    else:
        messages.info(request, _("Everyone has ranked: nobody to remind."))
    return _back(request, cohort)


def share_view(request, cohort):
    require_permission(request, "rotations.confirm_placement")
    cohort = get_object_or_404(Cohort, slug=cohort)
    try:
        share_plan(cohort, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _(
                "The proposed plan of %(cohort)s is shared: its hosts and talents see the proposed placements, "
                "marked as not final. Confirming them still sends the emails."
            )
            % {"cohort": cohort},
        )
    return _back(request, cohort)


def withdraw_share_view(request, cohort):
    require_permission(request, "rotations.confirm_placement")
    cohort = get_object_or_404(Cohort, slug=cohort)
    try:
        withdraw_plan_share(cohort, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The proposed plan of %(cohort)s is no longer shared: hosts and talents see confirmed placements only.")
            % {"cohort": cohort},
        )
    return _back(request, cohort)
