"""The admin index (/admin/): Django's, opening for programme managers on the programme at a glance."""

from django.contrib import admin

from eyeforai.accounts.roles import is_programme_manager
from portal.glance import programme_at_a_glance


@admin.site.admin_view
def admin_index(request):
    """Programme managers read the dashboard (portal/glance.py) above the apps; other staff the stock index."""
    extra_context = {"glance": programme_at_a_glance()} if is_programme_manager(request.user) else {}
    return admin.site.index(request, extra_context=extra_context)
