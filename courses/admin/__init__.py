"""The course managers' side of the leaders course: lessons and their checks, lesson images, participants
(with the CSV of who signed up from where), the read-only list of public bodies, and part 2: workshop
sessions with their bookings and waiting lists, facilitators and their invitations."""

from courses.admin import bodies, facilitators, lessons, participants, workshops  # noqa: F401 - registers the ModelAdmins
