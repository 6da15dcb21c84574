from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "eyeforai.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from eyeforai.accounts import signals  # noqa: F401 - the managers group's permissions, the language kept at sign-in
