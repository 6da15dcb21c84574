from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "eyeforai.mail"
    label = "mail"
    verbose_name = _("Email outbox")

    def ready(self):
        from django.conf import settings

        from eyeforai.accounts.permissions import grant_to_programme_managers

        # Managers read the outbox and send again; rows are never edited by hand.
        grant_to_programme_managers(app_label="mail", models=["outboundemail"], actions=["view"])
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "mail.redispatch",
            {"task": "mail.redispatch_waiting_emails", "schedule": float(settings.OUTBOX_REDISPATCH_EVERY_SECONDS)},
        )
