from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "eyeforai.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from eyeforai.accounts.permissions import grant_to_programme_managers
        from eyeforai.pages.cache import register_public_model
        from eyeforai.programme.models import Cohort, Period, Skill

        grant_to_programme_managers(app_label="programme", models=["cohort", "period", "skill"])
        # The front page shows the current cohort, its periods and the open call; /hosts/ shows skills.
        for model in (Cohort, Period, Skill):
            register_public_model(model)
