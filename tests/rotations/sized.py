"""A matching cohort of any size, for the pages' query counts and the board's fit at 1280 px: real host
names (the pages must show them, never their slugs), a project per host, seats for everyone."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from rotations.services.preferences import save_host_ranking, save_talent_ranking
from tests.factories import HostOrganizationFactory
from tests.rotations.fixtures import accepted_talent, approved_project

HOST_NAMES = [
    "Kvarnby Automotive Software",
    "Västkust University Hospital",
    "Norrland Forest Analytics",
    "Öresund Logistics Lab",
    "Bergslagen Robotics",
    "Mälardalen Energy Systems",
    "Gotland Climate Observatory",
    "Skåne Retail Insights",
    "Dalarna Public Transport",
    "Halland Medical Imaging",
    "Uppsala Language Technology",
    "Jämtland Tourism Data",
]


def seed_cohort(cohort, size, *, first=0, prefix="", ranked=False):
    """`size` accepted talents (numbered from `first`, so two cohorts can share a test) and a project at
    each of the twelve hosts with enough seats in every period. `ranked`: every talent ranks six projects,
    every project ranks the talents, and the preference deadline has passed (ready to match).
    Returns (talents, projects)."""
    seats = -(-size // len(HOST_NAMES)) + 1
    projects = []
    for name in HOST_NAMES:
        organization = HostOrganizationFactory(name=f"{prefix}{name}", slug=slugify(f"{prefix}{name}"))
        projects.append(approved_project(organization, cohort, seats=(seats,) * 3, title=f"Machine learning at {name}"))
    talents = [accepted_talent(cohort, number) for number in range(first, first + size)]
    if ranked:
        for number, talent in enumerate(talents):
            order = projects[number % len(projects) :] + projects[: number % len(projects)]
            save_talent_ranking(talent, cohort, order[:6], by=None)
        for project in projects:
            save_host_ranking(project, {talent: rank for rank, talent in enumerate(talents, start=1)}, by=None)
        cohort.preference_deadline = timezone.now() - timedelta(hours=1)
        cohort.save(update_fields=["preference_deadline"])
    return talents, projects
