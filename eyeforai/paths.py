"""Paths of many objects of one kind for a list page, with one reverse() for the whole list (the
course, blog, host and rotation list pages build their rows with it)."""

from django.urls import reverse

_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def uuid_paths(name):
    """A function from a uuid to the path of the URL `name`, whose only argument is a uuid. A page of
    rows calls it per row where {% url %} would resolve the pattern again for each."""
    pattern = reverse(name, args=[_PLACEHOLDER])
    return lambda uuid: pattern.replace(_PLACEHOLDER, str(uuid))
