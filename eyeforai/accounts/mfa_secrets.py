"""Second factors' secrets encrypted in the database: the TOTP key and the recovery codes' seed.

allauth stores them through its MFA adapter's encrypt()/decrypt() hooks, which by default keep them
in the clear, so a database backup held every manager's second factor. Here they are sealed with
Fernet under a key derived from SECRET_KEY (in the environment, never in the database) by
eyeforai/sealing_keys.py, the derivation the outbox's sealed bodies use too (with another salt);
SECRET_KEY_FALLBACKS open secrets sealed before a key rotation. Rows written in the clear before
this adapter (all of them start otherwise than a Fernet token) are read as they are and sealed by
migration 0005.

A secret no key opens (SECRET_KEY rotated without keeping the old one in SECRET_KEY_FALLBACKS) reads
as empty: no code matches it, the manager is told the code is wrong instead of seeing an error
page, and the log says why. A superuser then removes that manager's authenticator to set a new one.
"""

import logging

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import InvalidToken

from eyeforai.sealing_keys import sealing_keys

logger = logging.getLogger(__name__)

KEY_SALT = "eyeforai.accounts.mfa_secrets"
FERNET_PREFIX = "gAAAAA"  # every Fernet token: version byte 0x80 and a timestamp, base64


def _keys():
    return sealing_keys(salt=KEY_SALT, purpose="second factor secrets")


def is_sealed(text):
    return text.startswith(FERNET_PREFIX)


def seal(text):
    return _keys().encrypt(text.encode()).decode("ascii")


def unseal(text):
    """The secret in `text`: sealed by seal(), or a row from before sealing, read as it is."""
    if not is_sealed(text):
        return text
    try:
        return _keys().decrypt(text.encode("ascii")).decode()
    except InvalidToken:
        logger.error(
            "A second factor's secret is sealed with a key that is neither SECRET_KEY nor in SECRET_KEY_FALLBACKS."
        )
        return ""


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return seal(text)

    def decrypt(self, encrypted_text):
        return unseal(encrypted_text)
