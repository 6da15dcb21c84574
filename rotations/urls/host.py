from django.urls import path

from rotations.views import host as views
from rotations.views import preferences

app_name = "rotations_host"

urlpatterns = [
    path("talents/", views.talents, name="talents"),
    path("talents/<uuid:placement>/cv/", views.cv, name="cv"),
    path("talents/<uuid:talent>/", views.talent, name="talent"),
    path("talents/<uuid:talent>/cv.pdf", views.talent_cv, name="talent_cv"),
    path("talents/<uuid:placement>/feedback/", views.feedback, name="feedback"),
    path("talents/<uuid:placement>/hiring/", views.hiring_interest, name="hiring"),
    path("projects/<uuid:project>/rankings/", preferences.host_rankings, name="rankings"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("calendar/new-address/", views.calendar_regenerate, name="calendar_regenerate"),
]
