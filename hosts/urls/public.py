from django.urls import path

from hosts.views import public

app_name = "hosts"

urlpatterns = [
    path("", public.host_list, name="list"),
    path("interest/", public.interest, name="interest"),
    path("interest/thanks/", public.interest_thanks, name="interest_thanks"),
]
