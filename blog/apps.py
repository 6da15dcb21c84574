from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Talent blog")

    def ready(self):
        from blog import signals  # noqa: F401 - registers the kept list of a talent's posts with the watcher
