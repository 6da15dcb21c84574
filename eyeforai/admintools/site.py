"""The portal's admin site: Django's, with the guards in every ModelAdmin and sign-in through allauth.

Installed as `admin.site` by PortalAdminConfig (eyeforai/admintools/apps.py), which takes the place
of "django.contrib.admin" in INSTALLED_APPS, so third-party admins (auth's Group, allauth's email
addresses and authenticators) register here too and get the same guards.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.utils.translation import gettext_lazy as _

from eyeforai.activity.admin_history import ActivityHistoryMixin
from eyeforai.admintools.guards import AdminGuardsMixin, with_mixins
from eyeforai.admintools.permissions import NamedPermissionsMixin

# Mixed into every registered ModelAdmin class that lacks them, first in its bases.
AUTOMATIC_ADMIN_MIXINS = (AdminGuardsMixin, NamedPermissionsMixin, ActivityHistoryMixin)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Eye for AI")
    site_title = _("Eye for AI admin")
    index_title = _("Programme administration")

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = with_mixins(admin_class or ModelAdmin, AUTOMATIC_ADMIN_MIXINS)
        super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        # One sign-in page for everyone: allauth's, with its rate limits and verification rules.
        return secure_admin_login(super().login)(request, extra_context)
