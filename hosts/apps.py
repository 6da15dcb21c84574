from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsConfig(AppConfig):
    name = "hosts"
    verbose_name = _("Hosts")

    def ready(self):
        from eyeforai.accounts.permissions import grant_to_programme_managers

        grant_to_programme_managers(
            app_label="hosts",
            models=["hostorganization", "hostmembership", "invitation", "hostinterest", "project", "projectseat"],
        )
        from eyeforai.demo.registry import register_seeder
        from eyeforai.pages.cache import register_public_model
        from eyeforai.pages.sections import Section, register_section
        from hosts import signals  # noqa: F401 - connects the invitation receivers
        from hosts.demo import seed_hosts
        from hosts.landing import landing_context
        from hosts.models import HostOrganization, Project

        # The front page lists active hosts; /hosts/ their approved projects (and the projects' skills).
        register_public_model(HostOrganization)
        register_public_model(Project)

        register_section(
            Section(slot="landing", order=30, template_name="hosts/landing_section.html", get_context=landing_context)
        )
        register_seeder(order=30, name="hosts", seed=seed_hosts)
