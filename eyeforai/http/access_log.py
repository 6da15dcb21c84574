"""Access logs without the secrets some addresses carry.

A calendar app can only sign in with the private token in its feed's address (?token=…), and a few
links in emails carry a key in their path (address confirmation, password reset, host invitations).
Written to the access log in full, anyone who reads the logs could subscribe to a talent's calendar
or use a link meant for one person. The log keeps the first four characters, enough to tell two
apart, and masks the rest.

A filter on the console handler every log line of the portal goes through (settings.LOGGING:
runserver's access log, Django's "Not Found: <path>"), and gunicorn's access log
(eyeforai/http/gunicorn_logging.py, named in ./gunicorn.conf.py).
"""

import logging
import re

SHOWN = 4
SECRET_IN_QUERY = re.compile(r"([?&](?:token|key|code)=)([^&\s\"]+)", re.IGNORECASE)
# allauth's address confirmation and reset-from-key links, the host invitation; allauth's reset link
# redirects to ".../key/<uid>-set-password/", which is no secret. Also percent-encoded, as in the
# ?next=%2Fhost%2Finvitations%2F<token>%2F of the sign-in page an invitation leads to.
_SLASH = r"(?:/|%2F)"
SECRET_IN_PATH = re.compile(
    rf"({_SLASH}(?:confirm-email|invitations){_SLASH}|{_SLASH}password{_SLASH}reset{_SLASH}key{_SLASH}[0-9A-Za-z]+-)"
    rf"(?!set-password)((?:(?!%2F)[^/?&\s\"])+)",
    re.IGNORECASE,
)


def _keep_start(match):
    secret = match.group(2)
    return match.group(1) + secret[:SHOWN] + "***" if len(secret) > SHOWN else match.group(0)


def mask_secrets(text):
    """`text` (a request line, a path, a referer) with the secrets in its address masked."""
    return SECRET_IN_PATH.sub(_keep_start, SECRET_IN_QUERY.sub(_keep_start, text))


def mask_query_string(query_string):
    return mask_secrets("?" + query_string)[1:]


class MaskSecrets(logging.Filter):
    """A logging filter: the record's message arguments (runserver logs the request line as one) masked."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(mask_secrets(arg) if isinstance(arg, str) else arg for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = mask_secrets(record.msg)
        return True
