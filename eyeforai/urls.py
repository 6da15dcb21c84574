from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from eyeforai.pages import views as pages_views

admin.site.site_header = "Eye for AI"
admin.site.site_title = "Eye for AI admin"
admin.site.index_title = "Programme administration"
# Admin sign-in goes through allauth: one login page, its rate limits, its verification rules.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("eyeforai.pages.urls")),
    path("healthz", pages_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("hosts/", include("hosts.urls.public")),
    path("host/", include("hosts.urls.member")),
    path("host/", include("rotations.urls.host")),
    path("admin/", admin.site.urls),
    path("talent/", include("talents.urls")),
    path("talent/", include("rotations.urls.talent")),
]
