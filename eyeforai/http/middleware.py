"""One answer for requests no page can mean: 400 for control characters in the path or query string.

A NUL byte reaching PostgreSQL is an error (psycopg refuses it), so `?token=%00` on any page that
looks a parameter up used to be a 500; the other control characters are no better as part of an
address. Refusing them here, before any middleware or view, fixes the class of problem for every page
instead of one form field at a time. Tab (%09) is let through: it is what a paste into a search box
most often carries, and it is harmless. Form bodies are not looked at: forms refuse NUL themselves
(Django's ProhibitNullCharactersValidator) and a textarea may rightly hold line breaks.
"""

import logging
import re
from urllib.parse import unquote_to_bytes

from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

# One line per refusal, never the address itself (it holds the control characters) nor a traceback:
# anyone can send these, and each must not cost a screenful of log.
logger = logging.getLogger("django.security.ControlCharacterInRequest")

# C0 controls and DEL, except tab.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class ControlCharacterInRequest(SuspiciousOperation):
    """What the 400 page (templates/400.html) is rendered for."""


def has_control_characters(path, query_string):
    """True when the (already decoded) path or the percent-decoded query string holds a control character."""
    return bool(CONTROL_CHARACTERS.search(path) or CONTROL_BYTES.search(unquote_to_bytes(query_string)))


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request.path_info, request.META.get("QUERY_STRING", "")):
            logger.warning("Refused a request whose address holds a control character (400).")
            return bad_request(request, ControlCharacterInRequest(_("The address holds a control character.")))
        return self.get_response(request)
