"""The talent's and the host member's overviews: what their own apps and rotations show together.

Each is built and rendered only when the person's kept copy is out of date (portal/dashboard_cache.py).
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from eyeforai.programme.choices import CohortStatus
from hosts.access import get_organization_for_member, host_member_required
from hosts.dashboards import project_steps
from hosts.models import HostMembership, Project
from hosts.project_table import project_tables
from portal.dashboard_cache import kept_overview
from rotations.dashboards import host_talents_context, talent_schedule_context
from talents.access import talent_required
from talents.application_page import loaded_stage_rows
from talents.chart import progress_chart
from talents.services import applications as application_services
from talents.services import days as day_services


@talent_required
@require_GET
def talent_dashboard(request):
    overview = kept_overview(request, "talent", lambda: _talent_overview(request))
    return render(request, "portal/talent_dashboard.html", {"overview": overview})


def _talent_overview(request):
    """What to do now and by when, in every state of the talent's year: applied, accepted to a cohort
    that has not started (its periods and the ranking), running (this week's day, the placement of
    today), the last period (feedback, hiring interest) and finished."""
    talent = request.user.talent_profile
    today = timezone.localdate()
    applications = application_services.applications_of(talent)
    application, open_call = application_services.current_application(talent, applications=applications)
    state = day_services.days_state(talent, today=today, applications=applications)
    programme = day_services.programme_among(applications)
    cohort = programme.cohort if programme else None
    periods = list(cohort.periods.all()) if cohort else []  # prefetched with the applications
    context = {
        "today": today,
        "talent": talent,
        "application": application,
        "stages": loaded_stage_rows(application) if application else [],
        "open_call": open_call,
        "state": state,
        "programme": programme,
        "cohort": cohort,
        "periods": periods,
        "ends_on": max((period.ends_on for period in periods), default=None),
        # Accepted to a cohort that has not started running yet (planning, recruiting or matching).
        "upcoming": cohort is not None and cohort.status not in (CohortStatus.RUNNING, CohortStatus.COMPLETED),
        "finished": cohort is not None and cohort.status == CohortStatus.COMPLETED,
        "chart": progress_chart(state.weeks, compact=True) if state.application else None,
        # Only accepted talents have placements, a ranking and a calendar.
        "schedule": talent_schedule_context(
            request.user, talent=talent, applications=applications, application=programme, today=today
        )
        if programme
        else None,
    }
    # The subnavigation's "Rank projects" link, from what is loaded already (see talents.context_processors).
    context["talent_ranks_projects"] = bool(context["schedule"] and context["schedule"]["ranking"])
    return "portal/includes/talent_overview.html", context, []


@host_member_required
@require_GET
def host_dashboard(request):
    overview = kept_overview(request, "host", lambda: _host_overview(request))
    return render(request, "portal/host_dashboard.html", {"overview": overview})


def _host_overview(request):
    """The host member's overview: what to do now and by when (projects, rankings, feedback, hiring),
    then the organisation's projects, talents and members, with the member's own name and invitations."""
    organization = get_organization_for_member(request.user)
    projects = list(Project.objects.listed_for(organization))
    placed_talents = host_talents_context(organization, today=timezone.localdate())
    ranking = {project.pk for project in placed_talents["ranking_projects"]}
    invitations = list(organization.invitations.pending().order_by("email"))
    context = {
        "organization": organization,
        "members": HostMembership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("created_at"),
        "invitations": invitations,
        "projects": projects,
        "tables": project_tables(projects),
        "project_steps": project_steps(projects, skip=ranking),
        "placed_talents": placed_talents,
    }
    # A pending invitation leaves the list when it expires.
    return "portal/includes/host_overview.html", context, [invitation.expires_at for invitation in invitations]
