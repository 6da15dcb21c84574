from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hosts.access import get_organization_for_member, host_member_required
from rotations.access import get_application_for_member, get_placement_for_member
from rotations.choices import CalendarOwner, Side
from rotations.host_talent_table import kept_host_talent_tables
from rotations.models import Placement
from rotations.services import hiring
from rotations.services.calendars import existing_feed, feed_address, feed_for_host, regenerate_token
from rotations.views.common import evaluation_page, feed_calendar
from talents.choices import CVReader
from talents.services.cv_downloads import download_cv


@host_member_required
@require_GET
def talents(request):
    """Talents placed with the organisation (proposed ones while the cohort's plan is shared), per period,
    with contact details and CV."""
    organization = get_organization_for_member(request.user)
    feed = existing_feed(user=request.user, organization=organization)
    context = {
        "organization": organization,
        "tables": kept_host_talent_tables(request, organization),
        "calendar_feed": feed,
        "calendar_address": feed_address(feed) if feed else None,
    }
    return render(request, "rotations/host_talents.html", context)


@host_member_required
@require_GET
def cv(request, placement):
    placement = get_placement_for_member(request.user, placement)
    application = placement.talent.applications.filter(cohort=placement.cohort).exclude(cv="").first()
    if application is None:
        raise Http404
    return download_cv(application, by=request.user, reader=CVReader.HOST, organization_name=placement.host.name)


@host_member_required
@require_GET
def talent(request, talent):
    """One talent the organisation ranks or hosts (rotations.access.get_application_for_member): the
    profile, the motivation answers of their application to that cohort, and the CV."""
    application = get_application_for_member(request.user, talent)
    organization = get_organization_for_member(request.user)
    placements = (
        Placement.objects.visible_to_both_sides()
        .for_talent(application.talent)
        .for_host(organization)
        .select_related("project", "period", "cohort")
        .order_by("starts_on")
    )
    context = {"application": application, "talent": application.talent, "placements": placements}
    return render(request, "rotations/host_talent.html", context)


@host_member_required
@require_GET
def talent_cv(request, talent):
    """The CV of that application, logged as a download by this member of the organisation."""
    application = get_application_for_member(request.user, talent)
    if not application.cv:
        raise Http404
    organization = get_organization_for_member(request.user)
    return download_cv(application, by=request.user, reader=CVReader.HOST, organization_name=organization.name)


@host_member_required
@require_http_methods(["GET", "POST"])
def feedback(request, placement):
    placement = get_placement_for_member(request.user, placement)
    return evaluation_page(
        request, placement, side=Side.HOST, template="rotations/host_feedback.html", done_url="rotations_host:talents"
    )


@host_member_required
@require_POST
def hiring_interest(request, placement):
    placement = get_placement_for_member(request.user, placement)
    arguments = {"talent": placement.talent, "host": placement.host, "cohort": placement.cohort, "side": Side.HOST}
    try:
        if request.POST.get("interested") == "yes":
            mutual = hiring.mark_hiring_interest(**arguments, by=request.user, today=timezone.localdate())
            name = placement.talent.name
            messages.success(
                request,
                _("%(talent)s would also like to continue with you: the programme team will be in touch.")
                % {"talent": name}
                if mutual
                else _("Saved. %(talent)s will only know if they are interested too.") % {"talent": name},
            )
        else:
            hiring.withdraw_hiring_interest(**arguments, by=request.user)
            messages.success(request, _("Your interest is withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("rotations_host:talents")


calendar = feed_calendar(CalendarOwner.HOST)


@host_member_required
@require_POST
def calendar_regenerate(request):
    regenerate_token(feed_for_host(get_organization_for_member(request.user), member=request.user), by=request.user)
    messages.success(request, _("The calendar has a new private address; the old one no longer works."))
    return redirect("rotations_host:talents")
