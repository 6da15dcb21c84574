from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RotationsConfig(AppConfig):
    name = "rotations"
    verbose_name = _("Rotations")

    def ready(self):
        from eyeforai.accounts.permissions import grant_to_programme_managers

        grant_to_programme_managers(
            app_label="rotations",
            models=[
                "placement",
                "evaluation",
                "hiringinterest",
                "outcome",
                "calendarfeed",
                "matchingrun",
                "talentpreference",
                "hostranking",
                "buddyrequest",
                "conflict",
            ],
        )
        from celery.schedules import crontab
        from django.conf import settings

        from eyeforai.demo.registry import register_seeder
        from eyeforai.pages.sections import Section, register_section
        from rotations import demo, personal_data, sections

        # Early morning, Swedish time: statuses first, then the reminders that read them.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rotations.advance_placements",
            {"task": "rotations.advance_placements", "schedule": crontab(hour=5, minute=0)},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rotations.send_placement_reminders",
            {"task": "rotations.send_placement_reminders", "schedule": crontab(hour=5, minute=15)},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rotations.send_preference_reminders",
            {"task": "rotations.send_preference_reminders", "schedule": crontab(hour=9, minute=30)},
        )
        register_seeder(order=50, name="rotations", seed=demo.seed_rotations)
        personal_data.register()  # placements, feedback and hiring in a talent's data export
        register_section(
            Section(
                slot="talent_dashboard",
                order=10,
                template_name="rotations/talent_schedule_section.html",
                get_context=sections.talent_schedule_context,
            )
        )
        register_section(
            Section(
                slot="host_dashboard",
                order=10,
                template_name="rotations/host_dashboard_section.html",
                get_context=sections.host_talents_context,
            )
        )
