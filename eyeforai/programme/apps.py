from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "eyeforai.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from eyeforai.accounts.permissions import grant_to_programme_managers

        grant_to_programme_managers(app_label="programme", models=["cohort", "period", "skill"])
