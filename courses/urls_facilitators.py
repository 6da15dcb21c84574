"""/facilitator/…: a facilitator's own workshop sessions, attendance, and their invitation."""

from django.urls import path

from courses.views import facilitators

app_name = "facilitators"

urlpatterns = [
    path("", facilitators.sessions, name="sessions"),
    path("sessions/<uuid:uuid>/", facilitators.session, name="session"),
    path("sessions/<uuid:uuid>/attendance/<uuid:booking>/", facilitators.attendance, name="attendance"),
    path("sessions/<uuid:uuid>/participants.csv", facilitators.export, name="export"),
    path("invitation/<str:token>/", facilitators.invitation, name="invitation"),
]
