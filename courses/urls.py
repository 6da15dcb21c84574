"""/course/…: the public course page, joining, lessons and checks, workshops, the certificate and its
verification."""

from django.urls import path

from courses.views import certificates, joining, lessons, public, workshops

app_name = "courses"

urlpatterns = [
    path("", public.course_page, name="course"),
    path("join/", joining.join, name="join"),
    path("me/", lessons.overview, name="overview"),
    path("lessons/<uuid:uuid>/", lessons.lesson, name="lesson"),
    path("images/<uuid:uuid>/", lessons.image, name="image"),
    path("workshops/", workshops.workshops, name="workshops"),
    path("workshops/<uuid:uuid>/book/", workshops.book, name="book"),
    path("workshops/booking/cancel/", workshops.cancel, name="cancel_booking"),
    path("workshops/booking/calendar.ics", workshops.calendar, name="booking_calendar"),
    path("workshops/offer/accept/", workshops.accept_offer, name="accept_offer"),
    path("workshops/waiting/leave/", workshops.leave_waiting_list, name="leave_waiting_list"),
    path("statement.pdf", certificates.statement, name="statement"),
    path("verify/<uuid:code>/", certificates.verify, name="verify"),
]
