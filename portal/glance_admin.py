"""The admin index (/admin/): Django's, opening for programme managers on the programme at a glance."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.access import acts_as_course_manager, is_course_manager
from eyeforai.accounts.roles import is_programme_manager
from portal.glance import programme_at_a_glance


@admin.site.admin_view
def admin_index(request):
    """Programme managers read the dashboard (portal/glance.py) above the apps; course managers the course's
    apps under their own title, the road to 800 first among them; other staff the stock index."""
    if is_programme_manager(request.user):
        extra_context = {"glance": programme_at_a_glance()}
    elif is_course_manager(request.user):
        extra_context = {"title": _("Course administration")}
    else:
        extra_context = {}
    response = admin.site.index(request, extra_context=extra_context)
    if acts_as_course_manager(request):
        _add_road_to_800(response.context_data["app_list"])
    return response


def _add_road_to_800(app_list):
    """The dashboard is a view, not a model: listed in the courses app's box as a row the stock
    admin/app_list.html shows like a model's, with a "View" link and no "Add"."""
    for app in app_list:
        if app["app_label"] == "courses":
            road = {
                "name": _("The road to 800"),
                "object_name": "RoadTo800",
                "admin_url": reverse("portal:road_to_800"),
                "add_url": None,
                "view_only": True,
                "perms": {"view": True},
            }
            app["models"].insert(0, road)
