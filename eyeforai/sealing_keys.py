"""The one derivation of the Fernet keys that seal secrets in the database.

The outbox's sealed bodies (eyeforai/mail/sealing.py) and the second factors' secrets
(eyeforai/accounts/mfa_secrets.py) both need a key that lives in the environment, never in the
database, and both must keep opening what was sealed before a SECRET_KEY rotation. Two copies of
that would drift apart (one already read SECRET_KEY_FALLBACKS with getattr, the other without), so
both ask here. Each caller passes its own `salt`: the same SECRET_KEY gives each column a different
key, and a token from one column never opens in the other.
"""

import base64

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac


def _fernet(salt, purpose, secret):
    key = salted_hmac(salt, purpose, secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def sealing_keys(*, salt, purpose):
    """A MultiFernet that seals under SECRET_KEY and opens what SECRET_KEY or any of
    SECRET_KEY_FALLBACKS sealed. Changing `salt` or `purpose` makes every existing token unreadable."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(salt, purpose, secret) for secret in secrets])
