"""The portal's answers when a request cannot be served: a refused permission and a failed CSRF check,
both in the site's layout and words (templates/403.html, templates/403_csrf.html).

Named in portal/urls.py (`handler403`) and settings.CSRF_FAILURE_VIEW. The 400, 404 and 500 pages are
Django's own views with the portal's templates.
"""

from urllib.parse import urlsplit

from django.http import HttpResponseForbidden
from django.template import loader
from django.urls import reverse

# Never shown or sent again: the old token, and anything a person would not want on a screen.
SECRET_FIELD_WORDS = ("csrfmiddlewaretoken", "password", "secret", "token", "code", "key")
# A posted value longer than this, or holding a space or a line break, is shown as text to copy;
# shorter ones (a choice, an id, a ticked box) are sent again unseen.
SHORT_VALUE = 40


def _in_admin(request):
    return request.path.startswith(reverse("admin:index"))


def permission_denied(request, exception=None):
    """403 in the layout. A signed-in person without the staff flag who opens /admin/ lands here
    (the admin sends them to its sign-in page, which refuses a signed-in non-staff account): the
    page says the admin is for the programme team and shows their own way on."""
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({"in_admin": _in_admin(request)}, request))


def is_same_origin(request):
    """True when the browser says the post came from one of our own pages (Origin, else Referer).

    Only then are the posted values shown again: a post forged on another site must never become a
    page where one click sends the forger's values with a valid token.
    """
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else None
    return origin == own


def _is_secret(name):
    return any(word in name.lower() for word in SECRET_FIELD_WORDS)


def posted_values(request):
    """(texts, others): the posted values worth keeping, as (name, label, value) to show and (name,
    value) to send again unseen. Files are never among them; secrets never."""
    texts, others = [], []
    for name, values in request.POST.lists():
        if _is_secret(name):
            continue
        for value in values:
            if len(value) > SHORT_VALUE or any(char.isspace() for char in value):
                texts.append((name, name.replace("_", " ").capitalize(), value))
            else:
                others.append((name, value))
    return texts, others


def csrf_failure(request, reason=""):
    """The form expired (its token no longer matches: signed in again elsewhere, or the page stayed
    open too long). For a post from our own pages, what was typed comes back in a form with a fresh
    token that posts to the same address; a cross-site post gets the explanation alone."""
    texts, others, files_dropped = [], [], False
    if request.method == "POST" and is_same_origin(request):
        texts, others = posted_values(request)
        files_dropped = bool(request.FILES)
    context = {
        "texts": texts,
        "others": others,
        "files_dropped": files_dropped,
        "resend_to": request.get_full_path(),
        "sign_in_next": request.get_full_path(),
    }
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render(context, request))
