from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "talents"
    verbose_name = _("Talents")

    def ready(self):
        from eyeforai.accounts.permissions import grant_to_programme_managers

        grant_to_programme_managers(app_label="talents", models=["talentprofile", "application", "daylog", "absence"])
        # The stage history is written by the services only: managers read it.
        grant_to_programme_managers(app_label="talents", models=["applicationevent"], actions=["view"])
        from celery.schedules import crontab
        from django.conf import settings

        from eyeforai.demo.registry import register_seeder
        from talents import demo, signals  # noqa: F401 - connects the sign-up receiver

        register_seeder(order=20, name="talents", seed=demo.seed_talents)
        # Beat runs in CELERY_TIMEZONE (Europe/Stockholm); each email's key keeps a re-run from sending twice.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "talents.daylog_reminders",
            {"task": "talents.send_daylog_reminders", "schedule": crontab(hour=9, minute=0, day_of_week="fri")},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "talents.draft_reminders",
            {"task": "talents.send_draft_reminders", "schedule": crontab(minute=15)},
        )
