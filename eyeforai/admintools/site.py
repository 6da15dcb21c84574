"""The portal's admin site: Django's, with the guards in every ModelAdmin and sign-in through allauth.

Installed as `admin.site` by PortalAdminConfig (eyeforai/admintools/apps.py), which takes the place
of "django.contrib.admin" in INSTALLED_APPS, so third-party admins (auth's Group, allauth's email
addresses and authenticators) register here too and get the same guards.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eyeforai.activity.admin_history import ActivityHistoryMixin
from eyeforai.admintools.guards import AdminGuardsMixin, with_mixins
from eyeforai.admintools.permissions import NamedPermissionsMixin

# Distinct permission sets (programme managers, course managers, superusers) times languages: a handful.
APP_LISTS_KEPT = 64

# Mixed into every registered ModelAdmin class that lacks them, first in its bases.
AUTOMATIC_ADMIN_MIXINS = (AdminGuardsMixin, NamedPermissionsMixin, ActivityHistoryMixin)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Eye for AI")
    site_title = _("Eye for AI admin")
    index_title = _("Programme administration")
    # No sidebar of every app and model on each page: drawing it cost a third of an admin list page
    # (issue 20), and the admin index (/admin/, the programme at a glance) and the breadcrumbs lead
    # everywhere it did. It also leaves the wide pages (the rotation board) the whole width.
    enable_nav_sidebar = False

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = with_mixins(admin_class or ModelAdmin, AUTOMATIC_ADMIN_MIXINS)
        super().register(model_or_iterable, admin_class, **options)

    def get_app_list(self, request, app_label=None):
        """Django's list of apps and models a person may see, kept per set of permissions.

        Every admin page builds it for the sidebar and the header (two reverses and four permission
        checks per model, a third of an admin list page's time). It depends only on what the person may
        do, the language it is sorted in and the prefix its addresses carry, so people with the same
        permissions share one copy; a changed permission is another key. Read-only once built.
        """
        if app_label is not None:
            return super().get_app_list(request, app_label)
        user = request.user
        key = (user.is_superuser, frozenset(user.get_all_permissions()), get_language(), get_script_prefix())
        if key not in self._app_lists:
            if len(self._app_lists) >= APP_LISTS_KEPT:
                self._app_lists.clear()
            self._app_lists[key] = super().get_app_list(request)
        return self._app_lists[key]

    @property
    def _app_lists(self):
        return self.__dict__.setdefault("_kept_app_lists", {})

    def login(self, request, extra_context=None):
        # One sign-in page for everyone: allauth's, with its rate limits and verification rules.
        return secure_admin_login(super().login)(request, extra_context)
