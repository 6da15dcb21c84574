"""/course/…: the public course page, joining, lessons and checks, the statement and its verification."""

from django.urls import path

from courses.views import certificates, joining, lessons, public

app_name = "courses"

urlpatterns = [
    path("", public.course_page, name="course"),
    path("join/", joining.join, name="join"),
    path("me/", lessons.overview, name="overview"),
    path("lessons/<uuid:uuid>/", lessons.lesson, name="lesson"),
    path("images/<uuid:uuid>/", lessons.image, name="image"),
    path("statement.pdf", certificates.statement, name="statement"),
    path("verify/<uuid:code>/", certificates.verify, name="verify"),
]
