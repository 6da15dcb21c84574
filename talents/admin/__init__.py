"""The programme managers' side of talents: application review, day logs, absences, compliance."""

from talents.admin import applications, days  # noqa: F401 - registers the ModelAdmins
