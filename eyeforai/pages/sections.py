"""Sections other apps contribute to the landing page.

The core cannot import the apps above it, so an app registers a section in its AppConfig.ready():
a template and a function that builds its context with a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LandingSection:
    order: int
    template_name: str
    get_context: Callable[[object], dict]


_sections: list[LandingSection] = []


def register_landing_section(section):
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda item: item.order)


def render_context(request):
    return [{"template_name": section.template_name, **section.get_context(request)} for section in _sections]
