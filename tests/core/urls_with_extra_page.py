"""The project's URLs plus one page nobody listed in the access matrix (for the matrix's own test)."""

from django.urls import path

from portal.public import views
from portal.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("unlisted-extra/", views.privacy, name="unlisted-extra")]
