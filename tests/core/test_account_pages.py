"""Signing in lands each person on their own overview; allauth's pages and emails speak the portal's words."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.template.loader import get_template
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import queue_rendered_email, render_plain
from tests.core.test_email_content import EveryName
from tests.factories import PASSWORD, UserFactory, unused_recovery_code
from tests.mailbox import delivered, delivered_text

pytestmark = pytest.mark.django_db

SITE_URL = "https://eyeforai.example.org"
PREFIX = "[Eye for AI] "
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def sign_in(client, email, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD, **extra})


# --- Where a person lands ---------------------------------------------------------------------------


def test_a_talent_lands_on_the_talent_overview_after_signing_in(client, talent):
    assert sign_in(client, talent.email)["Location"] == "/talent/"


def test_a_host_member_lands_on_the_host_overview_after_signing_in(client, host_member):
    assert sign_in(client, host_member.email)["Location"] == "/host/"


def test_a_programme_manager_lands_in_the_admin_after_the_second_factor(client, manager):
    assert sign_in(client, manager.email)["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": unused_recovery_code(manager)})
    assert response["Location"] == "/admin/"


def test_a_person_without_a_role_lands_on_the_programme_page(client, db):
    person = UserFactory(email="no.role@example.org")
    assert sign_in(client, person.email)["Location"] == "/"


def test_a_safe_next_wins_and_an_outside_one_is_ignored(client, talent):
    assert sign_in(client, talent.email, next="/talent/days/")["Location"] == "/talent/days/"
    client.logout()
    assert sign_in(client, talent.email, next="https://evil.example.org/")["Location"] == "/talent/"


def test_confirming_the_address_after_sign_up_lands_on_the_talent_overview(client, settings):
    settings.SITE_URL = SITE_URL
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    text = delivered_text(OutboundEmail.objects.get())
    response = client.post(re.search(re.escape(SITE_URL) + r"(/accounts/confirm-email/\S+)", text).group(1))
    assert response["Location"] == "/talent/"
    assert client.get("/talent/").status_code == 200


# --- The account pages -------------------------------------------------------------------------------

TITLE_CASE = ("Sign In", "Sign Up", "Make Primary", "Email Addresses", "Change Password", "Password Reset",
              "Two-Factor", "Hello from", "Menu:")  # fmt: skip


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_reset_password_done"]
)
def test_the_entrance_pages_use_the_site_layout_and_sentence_case(client, name):
    page = client.get(reverse(name)).content.decode()
    assert "Skip to content" in page  # templates/base.html
    assert not [words for words in TITLE_CASE if words in page]


def test_the_pages_that_ask_to_wait_for_an_email_name_the_programme_teams_address(client, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    sent = client.get(reverse("account_email_verification_sent")).content.decode()
    reset = client.get(reverse("account_reset_password_done")).content.decode()
    for page in (sent, reset):
        assert "write to the programme team at" in page and 'href="mailto:team@ai.se"' in page
        assert "contact us" not in page.lower() and "finalize" not in page


def test_every_page_names_the_programme_teams_address_in_its_footer(client, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"
    page = client.get(reverse("portal:privacy")).content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', page, re.S).group(0)
    assert 'Questions? Write to the programme team at <a href="mailto:team@ai.se">team@ai.se</a>.' in footer


@pytest.mark.parametrize("name", ["account_email", "account_change_password", "mfa_index"])
def test_the_account_pages_use_the_site_layout_the_account_menu_and_sentence_case(client, talent, name):
    client.force_login(talent)
    page = client.get(reverse(name)).content.decode()
    assert "Skip to content" in page
    menu = re.search(r'<nav aria-label="Account" class="subnav">.*?</nav>', page, re.S).group(0)
    assert "Email addresses" in menu and "Change password" in menu and "Two-factor authentication" in menu
    assert not [words for words in TITLE_CASE if words in page]


def test_turning_on_two_factor_first_asks_for_the_password_in_the_sites_words(client, talent):
    client.force_login(talent)
    page = client.get(reverse("mfa_activate_totp"), follow=True).content.decode()
    assert "Skip to content" in page and "Confirm it is you" in page
    assert not [words for words in TITLE_CASE if words in page]


def test_one_address_shows_its_state_and_what_to_do_without_a_radio_or_make_primary(client, talent):
    client.force_login(talent)
    page = client.get(reverse("account_email")).content.decode()
    assert talent.email in page and "Verified" in page
    assert 'type="radio"' not in page
    assert "Make primary" not in page and 'name="action_remove"' not in page
    assert "Add another address" in page
    assert f'href="{reverse("account_change_password")}"' in page


def test_two_addresses_can_be_chosen_and_removing_is_not_the_main_action(client, talent):
    EmailAddress.objects.create(user=talent, email="second@example.org", verified=False, primary=False)
    client.force_login(talent)
    page = client.get(reverse("account_email")).content.decode()
    assert page.count('type="radio"') == 2
    assert "Make primary" in page
    remove = re.search(r"<button[^>]*name=\"action_remove\"[^>]*>", page).group(0)
    assert "button-secondary" in remove


# --- allauth's emails -----------------------------------------------------------------------------


def test_allauths_emails_name_the_portal_and_link_to_site_url(client, settings, talent):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    form = {"password1": PASSWORD, "password2": PASSWORD}
    client.post(reverse("account_signup"), {"email": "new@example.org", **form}, HTTP_HOST="localhost:6666")
    client.post(reverse("account_signup"), {"email": talent.email, **form}, HTTP_HOST="localhost:6666")
    client.post(reverse("account_reset_password"), {"email": talent.email}, HTTP_HOST="localhost:6666")
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST="localhost:6666")
    client.force_login(talent)
    new_password = "another long passphrase 77"
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
        HTTP_HOST="localhost:6666",
    )

    emails = OutboundEmail.objects.order_by("created_at")
    assert [email.template for email in emails] == [
        "account/email_confirmation_signup",
        "account/account_already_exists",
        "account/password_reset_key",
        "account/unknown_account",
        "account/password_changed",
    ]
    for email in emails:
        message = delivered(email)
        assert message.subject.startswith(PREFIX) and message.subject.count("[Eye for AI]") == 1
        assert "Eye for AI · AI Sweden" in message.body and SITE_URL in message.body
        assert "localhost" not in message.body and "6666" not in message.body and "example.com" not in message.body
        assert "Hello from" not in message.body and "Thank you for using" not in message.body
        links = re.findall(r"https?://\S+", message.body)
        assert all(link.startswith(SITE_URL + "/") or link == SITE_URL for link in links), links


# --- One subject prefix ---------------------------------------------------------------------------


def subject_templates():
    for folder in ("email", "account/email", "mfa/email"):
        yield from sorted(str(path.relative_to(TEMPLATES)) for path in (TEMPLATES / folder).rglob("*_subject.txt"))


@pytest.mark.parametrize("name", list(subject_templates()))
def test_every_email_subject_carries_the_prefix_exactly_once(name):
    subject = render_plain(name, EveryName())
    assert "Eye for AI]" not in subject, "the outbox adds the prefix; a template never writes it"
    email = queue_rendered_email(key=name, to="a@example.org", template=name, subject=subject, body_text="text")
    assert email.subject.startswith(PREFIX)
    assert email.subject.count("[Eye for AI]") == 1


@pytest.mark.parametrize("name", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.glob("account/email/*.txt")))
def test_allauths_email_templates_render_in_the_portals_words(name):
    text = get_template(name).render({"site_url": SITE_URL, "email": "a@example.org"})
    if not name.endswith("_subject.txt"):
        assert "Eye for AI · AI Sweden" in text and SITE_URL in text
    assert "Hello from" not in text and "{{" not in text


def test_an_invited_host_member_lands_on_the_host_overview_after_confirming(client, host_invitation):
    """The sign-up link carries a safe `next` (the invitation); the invitation, now bound, sends its
    new member on to the organisation's overview."""
    page = client.get(reverse("hosts_members:invitation", args=[host_invitation.token])).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    client.post(signup_url, {"email": host_invitation.email, "password1": PASSWORD, "password2": PASSWORD})
    text = delivered_text(OutboundEmail.objects.get(to=host_invitation.email, template__startswith="account/"))
    response = client.post(re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", text).group(1), follow=True)
    assert [url for url, _status in response.redirect_chain][-2:] == [
        reverse("hosts_members:invitation", args=[host_invitation.token]),
        reverse("portal:host_dashboard"),
    ]
    assert "You are a member of" in response.content.decode()
    client.logout()
    assert sign_in(client, host_invitation.email)["Location"] == "/host/"


def test_the_confirmation_email_of_an_invited_host_member_does_not_speak_of_an_application(client, host_invitation):
    page = client.get(reverse("hosts_members:invitation", args=[host_invitation.token])).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    client.post(signup_url, {"email": host_invitation.email, "password1": PASSWORD, "password2": PASSWORD})
    email = OutboundEmail.objects.get(to=host_invitation.email, template__startswith="account/")
    assert email.subject == PREFIX + "Confirm your email address to join your organisation"


def test_the_confirmation_email_of_a_talent_signing_up_speaks_of_the_application(client):
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert OutboundEmail.objects.get().subject == PREFIX + "Confirm your email address to start your application"
