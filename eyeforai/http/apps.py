from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HttpConfig(AppConfig):
    name = "eyeforai.http"
    label = "eyeforai_http"
    verbose_name = _("HTTP edge")

    def ready(self):
        from eyeforai.http import checks  # noqa: F401 - registers the deployment checks
