from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsConfig(AppConfig):
    name = "hosts"
    verbose_name = _("Hosts")

    def ready(self):
        from hosts import signals  # noqa: F401 - connects the invitation receivers
