"""The sealed columns share one key derivation (eyeforai/sealing_keys.py) but never one key."""

import pytest
from cryptography.fernet import InvalidToken

from eyeforai.accounts import mfa_secrets
from eyeforai.mail import sealing
from eyeforai.sealing_keys import sealing_keys


def test_a_token_sealed_for_one_column_does_not_open_in_another():
    token = sealing_keys(salt=sealing.KEY_SALT, purpose="outbox sealed bodies").encrypt(b"reset link")
    with pytest.raises(InvalidToken):
        sealing_keys(salt=mfa_secrets.KEY_SALT, purpose="second factor secrets").decrypt(token)


def test_a_second_factor_secret_sealed_before_a_key_rotation_opens_with_the_fallback(settings):
    sealed = mfa_secrets.seal("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-" + settings.SECRET_KEY
    assert mfa_secrets.unseal(sealed) == "JBSWY3DPEHPK3PXP"
    settings.SECRET_KEY_FALLBACKS = []
    assert mfa_secrets.unseal(sealed) == ""
