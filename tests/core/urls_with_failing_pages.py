"""The project's URLs plus a page that is refused and one that breaks (for the error pages' tests)."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import handler403  # noqa: F401 - handler403 is read from here
from portal.urls import urlpatterns as project_urlpatterns


def refused(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*project_urlpatterns, path("refused/", refused), path("broken/", broken)]
