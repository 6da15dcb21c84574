"""Every URL of the portal: the top layer's own pages, then each app's, then the admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from blog.urls import public as blog_public
from courses.admin.road_to_800 import road_to_800_export, road_to_800_view
from eyeforai.accounts import language
from portal import dashboards, your_data
from portal.capacity_admin import capacity_view
from portal.glance_admin import admin_index
from portal.public import views as public
from portal.public.cache import cache_public_page as public_page
from portal.public.cache import cache_public_patterns
from portal.sitemaps import SITEMAPS

portal_patterns = [
    path("", public.home, name="home"),
    path("privacy/", public.privacy, name="privacy"),
    path("hosts/", public.host_list, name="host_list"),
    path("hosts/<str:slug>/", public.host_page, name="host_page"),
    path("hosts/<str:slug>/projects/<uuid:uuid>/", public.project_page, name="project_page"),
    path("talent/", dashboards.talent_dashboard, name="talent_dashboard"),
    path("host/", dashboards.host_dashboard, name="host_dashboard"),
    path("your-data/", your_data.your_data, name="your_data"),
    path("your-data/export.zip", your_data.download_data, name="download_data"),
    path("your-data/erasure/", your_data.request_erasure, name="request_erasure"),
    path("your-data/erasure/<uuid:uuid>/cancel/", your_data.cancel_erasure, name="cancel_erasure"),
    # Before admin/ so the admin's catch-all does not answer it.
    path("admin/capacity/", capacity_view, name="capacity"),
    path("admin/road-to-800/", road_to_800_view, name="road_to_800"),
    path("admin/road-to-800/export.csv", road_to_800_export, name="road_to_800_export"),
    path("admin/", admin_index, name="admin_index"),  # the admin's index, with the managers' dashboard
]

urlpatterns = [
    # Before the portal's own: /hosts/interest/ is the form, not a host organisation's page.
    path("hosts/", include("hosts.urls.public")),
    path("", include((portal_patterns, "portal"))),
    path("healthz", public.healthz, name="healthz"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("blog/", include((cache_public_patterns(blog_public.urlpatterns), blog_public.app_name))),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("host/", include("hosts.urls.member")),
    path("host/", include("rotations.urls.host")),
    path("admin/", admin.site.urls),
    path("course/", include("courses.urls")),
    path("facilitator/", include("courses.urls_facilitators")),
    path("talent/", include("talents.urls")),
    path("talent/", include("rotations.urls.talent")),
    path("talent/blog/", include("blog.urls.talent")),
    path("host/blog/", include("blog.urls.host")),
]

# A refused permission (a host opening /admin/) in the layout; 400, 404 and 500 are Django's with our templates.
handler403 = "eyeforai.http.errors.permission_denied"
