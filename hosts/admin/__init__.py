from hosts.admin import interests, invitations, organizations, projects  # noqa: F401 - registers the ModelAdmins
