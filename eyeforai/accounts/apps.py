from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "eyeforai.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from eyeforai.accounts import admin_guards
        from eyeforai.accounts.permissions import grant_to_programme_managers, sync_programme_managers_group

        admin_guards.install()

        post_migrate.connect(sync_programme_managers_group, dispatch_uid="accounts.sync_programme_managers")
        grant_to_programme_managers(app_label="accounts", models=["user"], actions=["view", "change"])
