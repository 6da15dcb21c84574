"""The capacity report's admin page (/admin/capacity/), linked from the admin index and the projects list."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from eyeforai.admintools.permissions import require_permission
from hosts.models import Project
from portal.capacity import capacity_summary


@admin.site.admin_view
def capacity_view(request):
    """Seats per period (approved, and submitted awaiting review) against accepted talents."""
    require_permission(request, "hosts.view_capacity")
    context = {
        **admin.site.each_context(request),
        "title": _("Capacity per cohort"),
        "opts": Project._meta,
        "summary": capacity_summary(),
    }
    return TemplateResponse(request, "admin/portal/capacity.html", context)
