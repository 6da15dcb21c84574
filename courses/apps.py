from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("AI for leaders")

    def ready(self):
        from courses import signals  # noqa: F401 - connects the facilitator invitation receivers
