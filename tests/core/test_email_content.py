"""What an email says: plain-text subjects and text parts, escaped HTML parts, links only to SITE_URL."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template.loader import get_template
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import render_plain
from hosts.services.invitations import invite_member
from tests.factories import PASSWORD, HostOrganizationFactory
from tests.mailbox import delivered, delivered_text

pytestmark = pytest.mark.django_db

HOSTILE = "AT&T O'Brien <x>"
EMAIL_TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "email"


# Not answered, so the |date filter sees no date and prints nothing (it would raise on a made-up month).
DATE_PARTS = {
    *("year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "utcoffset", "timetuple"),
    *("weekday", "isoweekday", "isoformat"),  # a named format ("DATETIME_FORMAT") read as letters asks these
}


class Anything:
    """Whatever a template asks of it (an attribute, a key, a loop) it answers; printed, it is HOSTILE."""

    def __getattr__(self, name):
        if name.startswith("__") or name in DATE_PARTS:
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __iter__(self):
        return iter([self])

    def __str__(self):
        return HOSTILE


class EveryName(dict):
    """A template context in which every variable is Anything."""

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return Anything()


def template_names(pattern):
    return sorted(str(path.relative_to(EMAIL_TEMPLATES.parent)) for path in EMAIL_TEMPLATES.rglob(pattern))


def test_there_is_a_subject_template_for_every_email():
    assert len(template_names("*_subject.txt")) >= 22


@pytest.mark.parametrize("name", template_names("*.txt"))
def test_subjects_and_text_parts_are_plain_text(name):
    text = render_plain(name, EveryName())
    for escaped in ("&amp;", "&#x27;", "&#39;", "&lt;", "&gt;", "&quot;"):
        assert escaped not in text
    # Every printed value shows up unescaped; a plural's {{ count }} is a number, not a value to check.
    if re.search(r"\{\{\s*(?!count\b)\w", Path(EMAIL_TEMPLATES.parent, name).read_text()):
        assert HOSTILE in text


@pytest.mark.parametrize("name", template_names("*.html"))
def test_html_parts_stay_escaped(name):
    html = get_template(name).render(EveryName())
    assert "<x>" not in html


def test_an_organisation_named_with_ampersand_quote_and_angle_brackets_arrives_intact():
    organization = HostOrganizationFactory(name=HOSTILE, slug="att-obrien")
    invite_member(organization, "contact@att.example.org", by=None)
    email = OutboundEmail.objects.get(template="hosts/invitation")
    assert email.subject == f"[Eye for AI] You are invited to join {HOSTILE}"

    message = delivered(email)
    assert message.subject == f"[Eye for AI] You are invited to join {HOSTILE}"
    assert f"act for {HOSTILE} in Eye for AI" in message.body
    [(html, _mimetype)] = message.alternatives
    assert "AT&amp;T O&#x27;Brien &lt;x&gt;" in html and "<x>" not in html


def test_the_team_note_about_a_host_interest_keeps_the_organisation_name_intact(client, open_cohort):
    client.post(
        reverse("hosts_public:interest"),
        {
            "organization_name": HOSTILE,
            "contact_name": "Greta Lindahl",
            "email": "greta@att.example.org",
            "phone": "",
            "sector": "industry",
            "city": "Örebro",
            "message": "Tom & Jerry's <robots>",
            "cohort": "cohort-2031",
            "fax_number": "",
        },
    )
    note = OutboundEmail.objects.get(template="hosts/interest_note")
    assert note.subject == f"[Eye for AI] New host interest: {HOSTILE}"
    assert "Tom & Jerry's <robots>" in note.body_text


# --- Links come from SITE_URL, never from the request's Host header -------------------------------

SITE_URL = "https://eyeforai.example.org"


def reset(client, email):
    client.post(reverse("account_reset_password"), {"email": email}, HTTP_HOST="localhost:6666")


def sign_up(client, email):
    form = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    client.post(reverse("account_signup"), form, HTTP_HOST="localhost:6666")


@pytest.mark.parametrize(
    ("flow", "address", "template"),
    [
        (reset, "talent", "account/password_reset_key"),
        (reset, "nobody@example.org", "account/unknown_account"),
        (sign_up, "new.person@example.org", "account/email_confirmation_signup"),
        (sign_up, "talent", "account/account_already_exists"),
    ],
)
def test_every_link_in_allauths_emails_starts_with_site_url(client, settings, talent, flow, address, template):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    address = talent.email if address == "talent" else address

    flow(client, address)

    text = delivered_text(OutboundEmail.objects.get(to=address, template=template))
    links = re.findall(r"https?://\S+", text)
    assert links, "the email has links"
    assert all(link.startswith(SITE_URL + "/") for link in links), links
    assert "localhost" not in text and "6666" not in text
