from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "eyeforai.demo"
    label = "demo"
    verbose_name = _("Demo data")

    def ready(self):
        from eyeforai.demo import core_seed
        from eyeforai.demo.registry import register_seeder

        register_seeder(order=10, name="programme", seed=core_seed.seed_programme)
