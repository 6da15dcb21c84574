"""Programme managers reach the admin only with a second factor (allauth's TOTP).

The admin holds every talent's personal data, so a stolen password alone must not open it. Staff
without an activated authenticator are sent to allauth's page that sets one up; staff whose
session was signed in without the second factor (a password-only session from before they
activated it) are asked for a code on allauth's reauthentication page. Both pages come back here
via `next`.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_mfa(request):
    """True when allauth recorded a second-factor step (login stage or reauthentication) for this session."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class AdminRequiresMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # The session check comes first and costs no query, so admin pages keep their query counts.
        if user.is_authenticated and user.is_staff and self._guarded(request.path) and not session_used_mfa(request):
            target = "mfa_reauthenticate" if has_totp(user) else "mfa_activate_totp"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _guarded(path):
        # Signing out needs no second factor; signing in is allauth's, which asks for it itself.
        exempt = (reverse("admin:logout"), reverse("admin:login"))
        return path.startswith(reverse("admin:index")) and not path.startswith(exempt)
