"""The programme-manager role, the one role the core knows about.

Talent and host-member checks live in their own apps (talents/access.py, hosts/access.py).
"""

from eyeforai.accounts.mfa import session_used_mfa

PROGRAMME_MANAGERS_GROUP = "Programme managers"


def in_staff_group(user, group):
    """An active staff user in `group` (or a superuser): the check behind each managers' role."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    # Cached per request object: templates and views ask more than once.
    cache = user.__dict__.setdefault("_staff_groups", {})
    if group not in cache:
        cache[group] = user.groups.filter(name=group).exists()
    return cache[group]


def is_programme_manager(user):
    return in_staff_group(user, PROGRAMME_MANAGERS_GROUP)


def acts_as_programme_manager(request):
    """A manager's powers, in or out of the admin, need a session that passed the second factor:
    a stolen password alone opens nothing that only managers may see."""
    return is_programme_manager(request.user) and session_used_mfa(request)
