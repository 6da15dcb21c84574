"""Sections that apps contribute to pages owned by others.

The layering runs one way (rotations → talents, hosts → core), so a page cannot import what an app
above it wants to show. Instead the app registers a section in its AppConfig.ready(): the slot it
fills ("landing", "talent_dashboard", "host_dashboard"), a template, and a function that builds the
template's context with a fixed number of queries. The page renders whatever its slot holds.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slot: str
    order: int
    template_name: str
    get_context: Callable[..., dict]


_sections: list[Section] = []


def register_section(section):
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda item: (item.slot, item.order))


def sections_for(slot, request, **objects):
    """[{"template_name": …, **context}] for each section in `slot`; `objects` go to get_context."""
    return [
        {"template_name": section.template_name, **section.get_context(request, **objects)}
        for section in _sections
        if section.slot == slot
    ]
