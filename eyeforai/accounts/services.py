"""State changes of accounts: one function each, with its side effects in its docstring."""

import uuid
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.accounts.choices import Role
from eyeforai.activity.services import record
from eyeforai.personal_data import mentions, scrub


@transaction.atomic
def take_role(user, role, *, by):
    """Make `user` hold `role` (a Role): one person, one role.

    Reads and writes the role under a lock on the user's row, the lock the PostgreSQL triggers
    (portal/migrations/0001_one_role_per_person.py) take before a talent profile or a host
    membership is inserted, so two concurrent requests cannot give one person two roles.
    Refused (ValidationError, code "other_role") when the user holds another role, which is then on
    `user.role`. Side effects: `user.role` set (on the row and on the object); the activity entry
    "user.role_taken". Nothing changes when the user already holds `role`.
    """
    held = get_user_model().objects.select_for_update().values_list("role", flat=True).get(pk=user.pk)
    user.role = held
    if held == role:
        return user
    if held:
        raise ValidationError(
            _("This person already takes part as %(role)s; a person holds one role in the portal."),
            code="other_role",
            params={"role": Role(held).label},
        )
    get_user_model().objects.filter(pk=user.pk).update(role=role)
    user.role = role
    record(user, "user.role_taken", by=by, from_state="", to_state=role)
    return user


# --- Erasure (the whole erasure is put together in portal/erasure.py) --------------------------------

ERASED_EMAIL_DOMAIN = "erased.invalid"  # .invalid never resolves (RFC 2606): nothing can be sent there


def addresses_of(user):
    """Every address the person signed in or was written to with, in lower case: what their emails,
    invitations and forms are matched on when the account is exported or erased."""
    addresses = {user.email.lower()}
    addresses.update(email.lower() for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return sorted(addresses)


def _delete_sessions(user):
    """End every session of `user`, wherever the session engine keeps them (the database, the shared
    cache in front of it). Sessions carry no index by user, so this reads the live ones: a rare
    background task's cost. A cookie-only engine keeps nothing to delete; the unusable password
    below ends such sessions anyway (Django checks the password's hash on each request)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    live = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    keys = [row.session_key for row in live.iterator() if row.get_decoded().get(SESSION_KEY) == str(user.pk)]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


@transaction.atomic
def anonymise_user(user):
    """Strip and deactivate the account of a person whose erasure a manager confirmed.

    The row stays (placements and evaluations that must be kept point at it through the talent
    profile) with: an unusable unique placeholder address, no names, an unusable password, no
    groups or permissions, not active and not staff. Side effects: allauth's email addresses and
    authenticators (TOTP, recovery codes) deleted; every session of the person ended; the admin's
    own log (django_admin_log) loses the person's name and address. Returns the placeholder address.
    """
    words = [*addresses_of(user), user.get_full_name()]
    placeholder = f"erased-{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _delete_sessions(user)
    user.email = placeholder
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    about = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
    about.update(object_repr=placeholder, change_message="")
    for entry in LogEntry.objects.filter(mentions(("object_repr", "change_message"), words)):
        for text in ("object_repr", "change_message"):
            setattr(entry, text, scrub(getattr(entry, text), words, placeholder))
        entry.save(update_fields=["object_repr", "change_message"])
    record(user, "user.erased", by=None)
    return placeholder
