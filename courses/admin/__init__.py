"""The course managers' side of the leaders course: lessons and their checks, lesson images, participants
(with the CSV of who signed up from where) and the read-only list of public bodies."""

from courses.admin import bodies, lessons, participants  # noqa: F401 - registers the ModelAdmins
