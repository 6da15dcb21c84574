"""The talent's and the host member's overviews: what their own apps and rotations show together."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hosts.access import get_organization_for_member, host_member_required
from hosts.models import HostMembership, Project
from rotations.dashboards import host_talents_context, talent_schedule_context
from talents.access import talent_required
from talents.chart import progress_chart
from talents.services import applications as application_services
from talents.services import days as day_services


@talent_required
@require_GET
def talent_dashboard(request):
    talent = request.user.talent_profile
    applications = application_services.applications_of(talent)
    application, open_call = application_services.current_application(talent, applications=applications)
    state = day_services.days_state(talent, applications=applications)
    accepted = state.application is not None
    context = {
        "talent": talent,
        "application": application,
        "open_call": open_call,
        "state": state,
        "chart": progress_chart(state.weeks, compact=True) if accepted else None,
        # Only accepted talents have placements and a calendar.
        "schedule": talent_schedule_context(request.user, talent=talent) if accepted else None,
    }
    return render(request, "portal/talent_dashboard.html", context)


@host_member_required
@require_GET
def host_dashboard(request):
    organization = get_organization_for_member(request.user)
    context = {
        "organization": organization,
        "members": HostMembership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("created_at"),
        "invitations": organization.invitations.pending().order_by("email"),
        "projects": Project.objects.listed_for(organization),
        "placed_talents": host_talents_context(organization, today=timezone.localdate()),
    }
    return render(request, "portal/host_dashboard.html", context)
