from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin with the portal's site as `admin.site` (listed in INSTALLED_APPS in its place)."""

    default_site = "eyeforai.admintools.site.PortalAdminSite"
