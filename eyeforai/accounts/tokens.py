"""The digest under which an emailed single-use token (a host member's or a facilitator's invitation) is
stored: the raw token exists only in the link, so a leaked database hands out no access."""

import hashlib


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()
