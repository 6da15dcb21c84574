from django.urls import path

from hosts.views import public

app_name = "hosts_public"

urlpatterns = [
    path("interest/", public.interest, name="interest"),
    path("interest/thanks/", public.interest_thanks, name="interest_thanks"),
]
