"""Demo accounts: users who can sign in at once, and a second factor for demo managers.

Every app's demo data (talents/demo.py, hosts/demo.py, …) makes its people through `demo_user`.
"""

from functools import cache

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password


def demo_user(email, *, password, first_name="", last_name="", is_staff=False, role=""):
    """A user who can sign in straight away: verified primary email, known password, and the role
    (a Role) their talent profile or host membership gives them (PostgreSQL would set it too)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": is_staff, "role": role},
    )
    if created:
        user.password = _hashed(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@cache
def _hashed(password):
    # One PBKDF2 hash shared by every demo account: hashing per user costs ~0.3 s each, minutes at
    # benchmark scale. A shared salt only matters for real passwords, and demo ones are printed anyway.
    return make_password(password)


def demo_second_factor(manager):
    """Managers need TOTP for the admin: give a demo manager an authenticator once and return
    (TOTP secret, an unused recovery code) for the login list."""
    totp = Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(manager, generate_totp_secret()).instance
    codes = RecoveryCodes.activate(manager)
    unused = codes.get_unused_codes()
    return decrypt(totp.data["secret"]), unused[0] if unused else None
