"""Which language a person reads the portal in.

A visitor's first page follows the browser's Accept-Language (Django's LocaleMiddleware). Choosing a
language in the header's switcher sets the language cookie for this browser and, for a signed-in
person, stores the choice on their account (`User.language`), which then wins on every device
(UserLanguageMiddleware). A new account starts in the language its sign-up was made in, so the
confirmation email and every later one speak it (eyeforai/mail/services.py reads `User.language`).
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as set_language_cookie


def supported(code):
    """The code if the portal speaks it ("sv", "en"), else None."""
    return code if code in dict(settings.LANGUAGES) else None


class UserLanguageMiddleware:
    """After the user is known: a signed-in person's stored language beats the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = supported(user.language) if user is not None and user.is_authenticated else None
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


@csrf_exempt
@require_POST
def set_language(request):
    """Django's set_language (the cookie and the redirect back), and the choice kept on the account.

    A visitor's switch needs no CSRF token: it only sets this browser's language cookie, and a token in
    the header's form would set a CSRF cookie on every public page and keep it out of the page cache
    (portal/public/cache.py). Changing a signed-in person's account is checked as every other post is.
    """
    if request.user.is_authenticated:
        return _set_for_account(request)
    return set_language_cookie(request)


@csrf_protect
def _set_for_account(request):
    response = set_language_cookie(request)
    language = supported(request.POST.get("language"))
    if language and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
