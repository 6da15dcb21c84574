"""Ranking pages: the talent orders the cohort's projects; a host member ranks talents per project."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hosts.access import get_project_for_member, host_member_required
from hosts.models import Project
from rotations.forms import BuddyForm, HostRankingForm
from rotations.models import BuddyRequest, HostRanking
from rotations.services import preferences
from talents.access import talent_required
from talents.models import TalentProfile


@talent_required
@require_http_methods(["GET", "POST"])
def talent_preferences(request):
    talent = request.user.talent_profile
    cohort = preferences.matching_cohort_for(talent)
    if cohort is None:
        return render(request, "rotations/talent_preferences.html", {"cohort": None, "talent_ranks_projects": False})
    ranking = preferences.ranking_of(talent, cohort)
    projects = list(
        Project.objects.approved_in(cohort)
        .select_related("organization")
        .prefetch_related("skills")
        .order_by("organization__name")
    )
    buddy_request = BuddyRequest.objects.filter(cohort=cohort, talent=talent).select_related("buddy__user").first()
    buddy_form = BuddyForm(
        cohort=cohort, talent=talent, initial={"buddy": buddy_request.buddy if buddy_request else None}
    )
    if request.method == "POST":
        try:
            if "move" in request.POST:
                action, _sep, uuid = request.POST["move"].partition(":")
                project = next((p for p in projects if str(p.uuid) == uuid), None)
                if project is None:
                    raise ValidationError(_("You can only rank the approved projects of your own cohort."))
                new_ranking = preferences.move_in_ranking(ranking, project, action)
                preferences.save_talent_ranking(talent, cohort, new_ranking, by=request.user)
                return redirect(f"{request.path}#project-{project.uuid}")
            buddy_form = BuddyForm(request.POST, cohort=cohort, talent=talent)
            if buddy_form.is_valid():
                preferences.save_buddy(talent, cohort, buddy_form.cleaned_data["buddy"], by=request.user)
                messages.success(request, _("Your buddy choice is saved."))
                return redirect(request.path)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                buddy_form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
    ranked_ids = {project.pk for project in ranking}
    minimum = preferences.ranking_minimum(cohort, [project.organization_id for project in projects])
    approved_ids = {project.pk for project in projects}
    counted = [project for project in ranking if project.pk in approved_ids]  # a withdrawn project does not count
    context = {
        "cohort": cohort,
        "is_open": preferences.window_is_open(cohort),
        "ranking": ranking,
        "unranked": [project for project in projects if project.pk not in ranked_ids],
        "minimum": minimum,
        "enough": minimum.met_by([project.organization_id for project in counted]),
        "ranked_count": len(counted),
        "ranked_hosts": len({project.organization_id for project in counted}),
        "approved_projects": len(projects),
        "approved_hosts": len({project.organization_id for project in projects}),
        "buddy_form": buddy_form,
        "buddy_request": buddy_request,
        "talent_ranks_projects": True,  # the subnavigation's link to this page
    }
    return render(request, "rotations/talent_preferences.html", context)


@host_member_required
@require_http_methods(["GET", "POST"])
def host_rankings(request, project):
    project = get_project_for_member(request.user, project)
    if not project.is_approved:
        raise Http404
    talents = list(
        TalentProfile.objects.accepted_in(project.cohort)
        .select_related("user")
        .prefetch_related("skills")
        .order_by("user__last_name")
    )
    existing = {row.talent_id: row for row in HostRanking.objects.filter(project=project)}
    form = HostRankingForm(request.POST or None, talents=talents, existing=existing)
    is_open = preferences.window_is_open(project.cohort)
    if request.method == "POST" and form.is_valid():
        try:
            preferences.save_host_ranking(project, form.rows(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your ranking for %(project)s is saved.") % {"project": project.title})
            return redirect(request.path)
    context = {"project": project, "form": form, "talents": talents, "is_open": is_open}
    return render(request, "rotations/host_rankings.html", context)
