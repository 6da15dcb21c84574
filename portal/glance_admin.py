"""The admin index (/admin/): Django's, opening for programme managers on the programme at a glance."""

from django.contrib import admin
from django.utils.translation import gettext as _

from courses.access import is_course_manager
from eyeforai.accounts.roles import is_programme_manager
from portal.glance import programme_at_a_glance


@admin.site.admin_view
def admin_index(request):
    """Programme managers read the dashboard (portal/glance.py) above the apps; course managers the course's
    apps under their own title; other staff the stock index."""
    if is_programme_manager(request.user):
        extra_context = {"glance": programme_at_a_glance()}
    elif is_course_manager(request.user):
        extra_context = {"title": _("Course administration")}
    else:
        extra_context = {}
    return admin.site.index(request, extra_context=extra_context)
