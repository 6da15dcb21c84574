"""Every state change of the talents app, one function each, with its side effects in its docstring.

profiles: sign-up and profile; applications: draft → submit → review → decision; days: the weekly
AI Sweden day and absences; reminders: the periodic emails.
"""
