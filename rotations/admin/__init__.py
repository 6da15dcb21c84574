from rotations.admin import feedback, hiring, placements  # noqa: F401 - registers the ModelAdmins
