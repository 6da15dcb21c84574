"""Access checks shared by every app: anonymous people go to the login page, others get a 404.

A 404 rather than a 403 for people without the role: the portal does not confirm that a page or
an object exists to someone who may not see it.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404


def role_required(check):
    """Decorator factory: `check(user)` must be true, else login (anonymous) or 404 (others)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
