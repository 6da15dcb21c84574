from django.urls import path

from talents import views

app_name = "talents"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("application/", views.application, name="application"),
    path("application/<uuid:uuid>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("application/<uuid:uuid>/reopen/", views.application_reopen, name="application_reopen"),
    path("application/<uuid:uuid>/cv/", views.application_cv, name="application_cv"),
    path("days/", views.days, name="days"),
    path("days/<uuid:uuid>/edit/", views.day_edit, name="day_edit"),
    path("days/absences/", views.absence_create, name="absence_create"),
    path("days/absences/<uuid:uuid>/delete/", views.absence_delete, name="absence_delete"),
]
