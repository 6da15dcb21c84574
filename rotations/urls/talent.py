from django.urls import path

from rotations.views import preferences
from rotations.views import talent as views

app_name = "rotations_talent"

urlpatterns = [
    path("calendar.ics", views.calendar, name="calendar"),
    path("calendar/new-address/", views.calendar_regenerate, name="calendar_regenerate"),
    path("placements/<uuid:placement>/feedback/", views.feedback, name="feedback"),
    path("hiring/", views.hiring_interest, name="hiring"),
    path("preferences/", preferences.talent_preferences, name="preferences"),
]
