import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from eyeforai.mail.services import queue_rendered_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's emails (verification, password reset, …) go through the outbox like every other.

        Each call is its own event — a second "resend verification" is meant to send again — so the
        idempotency key carries a fresh UUID.
        """
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
        name = template_prefix.rsplit("/", 1)[-1]
        queue_rendered_email(
            key=f"account:{name}:{uuid.uuid4().hex}",
            to=email,
            template=f"account/{name}",
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )
