from hosts.admin import interests, organizations, projects  # noqa: F401 - registers the ModelAdmins
