"""Helpers every admin module shares: the admin site and its guards, named permissions, the
per-row action loop, CSV responses and list helpers.

Core code: it may import Django, allauth and eyeforai.accounts, never an app (talents, hosts, rotations).
"""
