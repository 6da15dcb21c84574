"""The programme-manager role, the one role the core knows about.

Talent and host-member checks live in their own apps (talents/access.py, hosts/access.py).
"""

from eyeforai.accounts.mfa import session_used_mfa

PROGRAMME_MANAGERS_GROUP = "Programme managers"


def is_programme_manager(user):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    # Cached per request object: templates and views ask more than once.
    if not hasattr(user, "_is_programme_manager"):
        user._is_programme_manager = user.groups.filter(name=PROGRAMME_MANAGERS_GROUP).exists()
    return user._is_programme_manager


def acts_as_programme_manager(request):
    """A manager's powers, in or out of the admin, need a session that passed the second factor:
    a stolen password alone opens nothing that only managers may see."""
    return is_programme_manager(request.user) and session_used_mfa(request)
