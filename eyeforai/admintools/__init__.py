"""Helpers every admin module shares: the admin site and its guards, named permissions, the
per-row action loop, CSV responses and list helpers.

Core code: it imports Django, allauth and eyeforai.activity (the History pages), never an app
(talents, hosts, rotations, portal).
"""
