from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "talents"
    verbose_name = _("Talents")

    def ready(self):
        from talents import signals  # noqa: F401 - connects the sign-up, CV-file and days-page receivers
