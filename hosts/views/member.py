from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hosts.access import get_organization_for_member, get_project_for_member, host_member_required
from hosts.forms import ProfileForm, ProjectForm, open_cohorts
from hosts.models import Project
from hosts.project_table import organization_project_tables
from hosts.services import organizations as organization_services
from hosts.services import projects as project_services


@host_member_required
@require_http_methods(["GET", "POST"])
def profile(request):
    organization = get_organization_for_member(request.user)
    form = ProfileForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        organization_services.update_profile(organization, by=request.user, **form.cleaned_data)
        messages.success(request, _("The organisation's profile is saved."))
        return redirect("portal:host_dashboard")
    return render(request, "hosts/profile_form.html", {"form": form, "organization": organization})


@host_member_required
@require_GET
def project_list(request):
    organization = get_organization_for_member(request.user)
    return render(
        request,
        "hosts/project_list.html",
        {
            "organization": organization,
            "tables": organization_project_tables(organization),
            "can_create": _can_create(organization),
        },
    )


def _can_create(organization):
    return not organization.is_former and open_cohorts().exists()


def _save(request, form):
    """Run save_project() on a valid form; a refusal becomes a form error and nothing is saved."""
    try:
        return project_services.save_project(
            form.save(commit=False), skills=form.cleaned_data["skills"], seats=form.seats(), by=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@host_member_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    organization = get_organization_for_member(request.user)
    if organization.is_former:
        messages.error(request, _("Your organisation no longer hosts talents, so it cannot add projects."))
        return redirect("hosts_members:projects")
    form = ProjectForm(request.POST or None, instance=Project(organization=organization))
    if request.method == "POST" and form.is_valid() and (project := _save(request, form)):
        messages.success(request, _("The project is saved as a draft. Submit it when it is ready for review."))
        return redirect("hosts_members:project_detail", project.uuid)
    return render(request, "hosts/project_form.html", {"form": form, "organization": organization})


@host_member_required
@require_http_methods(["GET", "POST"])
def project_edit(request, project_uuid):
    project = get_project_for_member(request.user, project_uuid)
    if not project.is_editable:
        messages.info(
            request,
            _("This project is %(status)s and can no longer be changed.")
            % {"status": project.get_status_display().lower()},
        )
        return redirect("hosts_members:project_detail", project.uuid)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid() and _save(request, form):
        messages.success(request, _("The project is saved."))
        return redirect("hosts_members:project_detail", project.uuid)
    return render(
        request, "hosts/project_form.html", {"form": form, "organization": project.organization, "project": project}
    )


@host_member_required
@require_GET
def project_detail(request, project_uuid):
    queryset = Project.objects.with_seats().prefetch_related("skills")
    project = get_project_for_member(request.user, project_uuid, queryset=queryset)
    return render(request, "hosts/project_detail.html", {"project": project, "organization": project.organization})


def _transition(request, project_uuid, service, success):
    project = get_project_for_member(request.user, project_uuid)
    try:
        service(project, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("hosts_members:project_detail", project.uuid)


@host_member_required
@require_POST
def project_submit(request, project_uuid):
    return _transition(
        request,
        project_uuid,
        project_services.submit_project,
        _("The project is submitted. The programme team will review it and write to you."),
    )


@host_member_required
@require_POST
def project_withdraw(request, project_uuid):
    return _transition(request, project_uuid, project_services.withdraw_project, _("The project is withdrawn."))
