"""Emails that carry a secret (reset, confirmation, invitation links) never keep it readable at rest.

The link reaches the recipient; the outbox row, the admin and a database dump never show it.
"""

import importlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from eyeforai.mail import sealing, services
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from hosts.models import HostMembership
from hosts.services.invitations import invite_member
from tests.conftest_helpers import free_port, wait_until
from tests.factories import PASSWORD, OutboundEmailFactory, UserFactory
from tests.mailbox import delivered_text
from tests.smtp import RecordingHandler, SMTPServer

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "A brand new passphrase 42"


def path_in(text, pattern):
    return re.search(r"https?://[^/\s]+(" + pattern + r")", text).group(1)


def outbox_table_dump():
    """Every column of every outbox row, as a database backup would hold them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM mail_outboundemail")
        return repr(cursor.fetchall())


def assert_kept_out_of_the_outbox(client, manager, email, secret):
    assert secret not in outbox_table_dump()
    client.force_login(manager)
    page = client.get(reverse("admin:mail_outboundemail_change", args=[email.pk])).content.decode()
    assert email.to in page and email.subject in page
    assert "Body withheld: carries a secret." in page
    assert secret not in page
    client.logout()


def test_a_password_reset_link_reaches_the_talent_but_is_never_kept_readable(client, talent, manager):
    client.post(reverse("account_reset_password"), {"email": talent.email})
    email = OutboundEmail.objects.get(to=talent.email, template="account/password_reset_key")
    assert email.carries_secret and email.body_text == "" and email.body_html == ""

    text = delivered_text(email)
    link = path_in(text, r"/accounts/password/reset/key/[^/\s]+/")
    key = link.rstrip("/").rsplit("/", 1)[1]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.sealed_body == ""
    assert_kept_out_of_the_outbox(client, manager, email, key)

    # The link still works: allauth moves the key into the session and asks for the new password.
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert authenticate(email=talent.email, password=NEW_PASSWORD) == talent


def test_an_email_confirmation_link_reaches_the_person_but_is_never_kept_readable(client, manager):
    client.post(reverse("account_signup"), {"email": "luis@example.org", "password1": PASSWORD, "password2": PASSWORD})
    email = OutboundEmail.objects.get(to="luis@example.org")
    assert email.template == "account/email_confirmation_signup" and email.carries_secret

    link = path_in(delivered_text(email), r"/accounts/confirm-email/[^/\s]+/")
    key = link.rstrip("/").rsplit("/", 1)[1]
    assert_kept_out_of_the_outbox(client, manager, email, key)

    client.post(link)
    assert EmailAddress.objects.get(email="luis@example.org").verified


def test_a_host_invitation_link_reaches_the_invitee_but_is_never_kept_readable(client, host_organization, manager):
    invitation = invite_member(host_organization, "new.colleague@hospital.example.org", by=manager)
    email = OutboundEmail.objects.get(template="hosts/invitation")
    assert email.carries_secret
    assert invitation.token not in outbox_table_dump(), "not even while it waits for delivery"

    link = path_in(delivered_text(email), r"/host/invitations/[^/\s]+/")
    assert invitation.token in link
    assert_kept_out_of_the_outbox(client, manager, email, invitation.token)

    user = UserFactory(email="new.colleague@hospital.example.org")
    client.force_login(user)
    client.post(link)
    assert HostMembership.objects.filter(user=user, organization=host_organization).exists()
    assert client.get(link)["Location"] == reverse("portal:host_dashboard")  # a member starts on the overview


def test_an_email_without_a_secret_keeps_its_body_for_the_admin(client, manager):
    email = services.queue_email(
        key="notice:plain", to="a@example.org", template="notice", context={"paragraphs": ["Read me."]}
    )
    assert not email.carries_secret and "Read me." in email.body_text
    services.deliver(email.pk)
    client.force_login(manager)
    page = client.get(reverse("admin:mail_outboundemail_change", args=[email.pk])).content.decode()
    assert "Read me." in page and "Body withheld" not in page


def test_the_admin_preview_of_an_email_carrying_a_secret_is_not_found(client, talent, manager):
    client.post(reverse("account_reset_password"), {"email": talent.email})
    email = OutboundEmail.objects.get(to=talent.email)
    client.force_login(manager)
    assert client.get(reverse("admin:mail_outboundemail_preview", args=[email.pk])).status_code == 404


class RefusesTheFirstAttempt(RecordingHandler):
    """A mail server that is busy once ("451"), then accepts."""

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            refuse = self.attempts == 0
            if refuse:
                self.attempts += 1
        if refuse:
            return "451 4.3.0 Mailbox busy, try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.xdist_group("celery")
def test_a_reset_link_survives_a_temporary_smtp_failure_and_is_gone_after_delivery(celery_worker, client, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    user = UserFactory(email="retry@example.org")
    handler = RefusesTheFirstAttempt()
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        client.post(reverse("account_reset_password"), {"email": user.email})
        wait_until(lambda: OutboundEmail.objects.filter(to=user.email, status=EmailStatus.SENT).exists())

    email = OutboundEmail.objects.get(to=user.email)
    assert email.attempts == 2 and handler.attempts == 2
    [message] = handler.messages
    text = next(p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain")
    key = path_in(text, r"/accounts/password/reset/key/[^/\s]+/").rstrip("/").rsplit("/", 1)[1]
    assert key not in outbox_table_dump()
    assert email.sealed_body == ""


def test_while_waiting_for_a_retry_the_body_is_sealed_not_readable(client, talent, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    client.post(reverse("account_reset_password"), {"email": talent.email})
    email = OutboundEmail.objects.get(to=talent.email)
    assert services.deliver(email.pk) == EmailStatus.QUEUED
    email.refresh_from_db()
    assert email.sealed_body and "/accounts/password/reset/key/" not in outbox_table_dump()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.deliver(email.pk) == EmailStatus.SENT
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_permanently_refused_secret_email_drops_its_body_and_cannot_be_sent_again(host_organization, settings):
    invite_member(host_organization, "nobody@hospital.example.org", by=None)
    email = OutboundEmail.objects.get(template="hosts/invitation")
    with SMTPServer(RecordingHandler(refuse_with="550 5.1.1 No such user")) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        assert services.deliver(email.pk) == EmailStatus.FAILED
    email.refresh_from_db()
    assert email.sealed_body == "" and "550" in email.last_error
    with pytest.raises(ValidationError, match="request a new link"):
        services.requeue(email)


def test_send_again_in_the_admin_refuses_a_delivered_secret_email_with_a_message(client, talent, manager):
    client.post(reverse("account_reset_password"), {"email": talent.email})
    email = OutboundEmail.objects.get(to=talent.email)
    services.deliver(email.pk)
    client.force_login(manager)
    response = client.post(
        reverse("admin:mail_outboundemail_changelist"),
        {"action": "send_again", "_selected_action": [email.pk]},
        follow=True,
    )
    assert "request a new link" in response.content.decode()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_a_sealed_body_no_current_key_opens_fails_the_row_with_a_reason(talent, settings):
    with transaction.atomic():
        email = services.queue_rendered_email(
            key="secret:rotated", to=talent.email, template="t", subject="S", body_text="k", carries_secret=True
        )
    settings.SECRET_KEY = "another-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = []
    assert services.deliver(email.pk) == EmailStatus.FAILED
    email.refresh_from_db()
    assert "SECRET_KEY" in email.last_error and email.sealed_body == ""
    assert mail.outbox == []


def test_a_body_sealed_before_a_key_rotation_opens_with_the_fallback_key(settings):
    sealed = sealing.seal("the text", "")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-key-" + "y" * 50
    assert sealing.unseal(sealed) == ("the text", "")


def test_the_migration_seals_waiting_secret_rows_and_empties_delivered_ones(db):
    migration = importlib.import_module("eyeforai.mail.migrations.0003_outbound_sealed_body")
    sent = OutboundEmailFactory(template="account/password_reset_key", body_text="key-123", status=EmailStatus.SENT)
    waiting = OutboundEmailFactory(template="hosts/invitation", body_text="token-456", body_html="<p>token-456</p>")
    notice = OutboundEmailFactory(template="notice", body_text="harmless")

    migration.seal_existing_secrets(apps, None)

    assert "key-123" not in outbox_table_dump() and "token-456" not in outbox_table_dump()
    for email in (sent, waiting, notice):
        email.refresh_from_db()
    assert sent.carries_secret and sent.sealed_body == ""
    assert waiting.carries_secret and services.body_of(waiting) == ("token-456", "<p>token-456</p>")
    assert not notice.carries_secret and notice.body_text == "harmless"
