"""allauth, wired to the portal: its emails (verification, password reset, …) go through the outbox,
and each person lands on their own overview after signing in, signing up or confirming their address."""

import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy

from courses.access import is_facilitator, is_participant
from eyeforai.accounts.choices import Role
from eyeforai.accounts.language import supported
from eyeforai.accounts.signup import HOST_MEMBER, mark_signup_role, signup_role
from eyeforai.mail.services import queue_rendered_email, recipient_language
from eyeforai.ratelimit import client_address
from hosts.access import is_host_member
from talents.access import is_talent

# Context entries through which allauth hands an email a key or code that grants access (reset,
# address confirmation, sign-in by code). An email given any of them is marked as carrying a secret.
SECRET_CONTEXT_KEYS = {"key", "code", "activate_url"}


def on_site(url):
    """`url` moved onto SITE_URL: same path, query and fragment, scheme and host from the settings.

    allauth builds absolute links from the request, whose Host header the visitor chooses
    (`Host: localhost:6666` gave a reset link to port 6666); every link in an email names SITE_URL.
    """
    site = urlsplit(settings.SITE_URL)
    bits = urlsplit(url)
    return urlunsplit((site.scheme, site.netloc, site.path.rstrip("/") + bits.path, bits.query, bits.fragment))


def portal_site():
    """What allauth's templates call current_site, from SITE_URL (not the request's Host header).
    Its name is lazy: translated when the email is rendered, in the recipient's language (send_mail)."""
    return SimpleNamespace(name=gettext_lazy("Eye for AI · AI Sweden"), domain=urlsplit(settings.SITE_URL).netloc)


def overview_url(user, request=None):  # noqa: PLR0911 - one answer per role, in order
    """Where a signed-in person starts: their role's overview. Staff work in the admin; someone
    who signed up from the course and has not joined yet finishes joining (/course/join/); anyone
    else without a role yet (a sign-up whose profile is still to come) starts on the programme page."""
    if user.is_staff:
        return reverse("admin:index")
    if is_talent(user):
        return reverse("portal:talent_dashboard")
    if is_host_member(user):
        return reverse("portal:host_dashboard")
    if is_participant(user):
        return reverse("courses:overview")
    if is_facilitator(user):
        return reverse("facilitators:sessions")
    if not user.role and request is not None and signup_role(request) == Role.COURSE_PARTICIPANT:
        return reverse("courses:join")
    return reverse("portal:home")


class AccountAdapter(DefaultAccountAdapter):
    """allauth asks these only when no safe `next` was given: allauth checks a posted or linked
    `next` against the allowed hosts first (allauth.account.utils.get_login_redirect_url)."""

    def save_user(self, request, user, form, commit=True):
        """A new account speaks the language its sign-up page was read in (User.language). A sign-up
        sent from the course (/course/join/ passes itself as `next`) is marked as the course's, so the
        talents app does not make it a talent; any other sign-up drops a course mark an earlier visit left."""
        user.language = supported(translation.get_language()) or ""
        from_the_course = request.POST.get("next", request.GET.get("next")) == reverse("courses:join")
        if from_the_course:
            mark_signup_role(request, Role.COURSE_PARTICIPANT.value)
        elif signup_role(request) == Role.COURSE_PARTICIPANT:
            mark_signup_role(request, None)
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return overview_url(request.user, request)

    def get_signup_redirect_url(self, request):
        # With mandatory verification this is reached once the address is confirmed and the
        # sign-up's login resumes; by then the talent profile or the host membership exists.
        return overview_url(request.user, request)

    def format_email_subject(self, subject):
        """No prefix here: the outbox adds the portal's one prefix to every email (queue_rendered_email)."""
        return force_str(subject)

    def get_client_ip(self, request):
        """allauth's rate limits (sign-in, sign-up, reset) count per client address as the portal's do:
        behind TRUSTED_PROXY_COUNT proxies, not per proxy."""
        return client_address(request)

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (verification, password reset, …) go through the outbox like every other.

        Each call is its own event — a second "resend verification" is meant to send again — so the
        idempotency key carries a fresh UUID. Every link allauth put in the context (`*_url`: the
        ones above and the sign-up and reset pages of other emails) is moved onto SITE_URL, and an
        email holding a key or code is queued as carrying a secret (its body is never stored readable).
        """
        request = allauth_context.request
        links = {
            name: on_site(value)
            for name, value in context.items()
            if name.endswith("_url") and isinstance(value, str) and value
        }
        context = {
            "request": request,
            "email": email,
            **context,
            **links,
            "current_site": portal_site(),
            "site_url": settings.SITE_URL,
            # A sign-up from a host invitation is not an application: the confirmation says so.
            "joining_as_host": signup_role(request) == HOST_MEMBER,
            # A sign-up from the course page (/course/join/) is not an application either.
            "joining_course": signup_role(request) == Role.COURSE_PARTICIPANT,
            # A sign-up from a facilitator's invitation (/facilitator/invitation/…) neither.
            "joining_as_facilitator": signup_role(request) == Role.FACILITATOR,
        }
        # In the recipient's language: a reset asked for from an English browser by a Swedish-speaking
        # account is still written in Swedish; a new account's is the language it signed up in.
        language = recipient_language(email, default=translation.get_language())
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
        name = template_prefix.rsplit("/", 1)[-1]
        queue_rendered_email(
            key=f"account:{name}:{uuid.uuid4().hex}",
            to=email,
            template=f"account/{name}",
            language=language,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            carries_secret=bool(SECRET_CONTEXT_KEYS & context.keys()),
        )
