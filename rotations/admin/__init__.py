from rotations.admin import feedback, hiring, matching, placements, preferences  # noqa: F401 - registers the ModelAdmins
