"""Sealed bodies: how an email that carries a secret (a reset, confirmation or invitation link) waits.

Why sealed rather than rendered at send time: the secret exists only where the email is written.
allauth makes its reset and confirmation keys inside the request and hands us the finished text,
and an invitation's raw token is stored nowhere (only its hash), so a worker could not recreate it
later. So the finished body is kept, but only encrypted and only until the row reaches a final state:

- sealed with Fernet under a key derived from SECRET_KEY (eyeforai/sealing_keys.py; the key is in
  the environment, never in the database): a database backup or a manager reading the outbox sees
  ciphertext or nothing;
- discarded (the column emptied) once the email is sent or has failed for good, so after delivery
  the row keeps only recipient, subject, status and errors;
- kept while a temporary SMTP failure waits for its retry, so the retry sends the same link.

SECRET_KEY_FALLBACKS open bodies sealed before a key rotation; a body no key opens fails the row
with a message saying so (the person asks for a new link).
"""

import json

from cryptography.fernet import InvalidToken

from eyeforai.sealing_keys import sealing_keys

KEY_SALT = "eyeforai.mail.sealing"


class Unsealable(Exception):
    """The sealed body is gone (discarded after delivery) or no current key opens it."""


def _keys():
    return sealing_keys(salt=KEY_SALT, purpose="outbox sealed bodies")


def seal(body_text, body_html):
    """Encrypt an email's text and HTML parts into one token for OutboundEmail.sealed_body."""
    payload = json.dumps({"text": body_text, "html": body_html}).encode()
    return _keys().encrypt(payload).decode("ascii")


def unseal(sealed_body):
    """Return (body_text, body_html) from seal()'s token, or raise Unsealable."""
    if not sealed_body:
        raise Unsealable("the body was discarded after delivery")
    try:
        payload = json.loads(_keys().decrypt(sealed_body.encode("ascii")))
    except InvalidToken as error:
        raise Unsealable("no current SECRET_KEY opens the sealed body") from error
    return payload["text"], payload["html"]
