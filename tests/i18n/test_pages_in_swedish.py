"""Every page of every role, the admin, the account pages, the error pages and every email, read in
Swedish: no English may be left (tests/i18n/english.py says what counts as English).

Templates are checked for unmarked words statically (tests/i18n/unmarked.py); this finds what only
shows when a page is served: text written in Python (messages, form errors, choices, admin labels,
CSV and calendar headers) that is not marked, and entries the Swedish catalogue does not translate.
The pages are the access matrix's (tests/test_access_matrix.py): each URL opened as every role that
gets it (200), with the browser asking for Swedish; actions posted are checked for their messages.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.messages import get_messages
from django.template.loader import get_template, render_to_string
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from eyeforai.mail.services import render_plain
from tests.access import OK, ROLES
from tests.core.test_email_content import HOSTILE, EveryName
from tests.factories import ManagerFactory, OutboundEmailFactory
from tests.i18n.english import english_in, report, typed_content, visible_text
from tests.test_access_matrix import MATRIX

pytestmark = pytest.mark.django_db

SWEDISH = {"accept-language": "sv"}
ENGLISH = {"accept-language": "en"}
REDIRECT = 302
READABLE = ("text/html", "text/plain", "text/csv", "text/calendar")


def readable_text(response):
    """What a person reads in the answer: a page's visible text, a CSV or calendar as it is; None for
    files that are not text (PDF, ZIP, JSON data exports)."""
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if kind not in READABLE:
        return None
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(response.charset or "utf-8", errors="replace")
    if kind == "text/calendar":  # a long line goes on in the next one, after a space (RFC 5545 folding)
        text = text.replace("\r\n ", "").replace("\n ", "")
    return visible_text(text) if kind == "text/html" else text


def english_on(text):
    """English lines in `text`; what people typed is looked up only when something looks English."""
    if not english_in(text):
        return []
    return english_in(text, typed_content())


def check(response, where, findings, *, posted=False):
    """Add the English a person meets in this answer to `findings` under `where`."""
    if posted and response.status_code == REDIRECT:
        with translation.override("sv"):  # a lazy message is put into words when it is shown
            text = "\n".join(str(message) for message in get_messages(response.wsgi_request))
    else:
        text = readable_text(response) or ""
    lines = english_on(text)
    if lines:
        findings[where] = lines


def _pages():
    """Matrix entries someone gets as a page (200), or posts to and is sent on with a message."""
    return sorted(
        name
        for name, entry in MATRIX.items()
        if any(answer == OK or (entry.method == "post" and answer == REDIRECT) for answer in map(entry.for_role, ROLES))
    )


@pytest.fixture
def outbound_email(db):
    """The outbox preview's email (the access matrix has its own): stored in its recipient's language."""
    return OutboundEmailFactory(subject="Ett meddelande", body_text="Hej", body_html="<p>Hej</p>")


# --- The detection itself ------------------------------------------------------------------------


def test_an_english_sentence_is_found():
    found = english_in("Din ansökan\nYour application has been saved.\nSpara")
    assert found == ["«Your» «application» «has» «been» «saved»."]


def test_a_swedish_sentence_is_not_found():
    text = "Din ansökan är sparad. Du kan ändra den till sista dag för ansökan, den 1 sep 2027 i svensk tid."
    assert english_in(text + "\nIn i huset, för alla men inte under hand. Glad, över land och IT.") == []


def test_typed_content_names_and_addresses_are_not_found():
    text = "Projekt: Triage notes with the NLP team\nSkickat till amara@example.org av Eye for AI och AI Sweden"
    assert english_in(text, typed={"Triage notes with the NLP team"}) == []
    assert english_in(text) == ["Projekt: Triage «notes» «with» «the» NLP team"]


def test_visible_text_keeps_what_people_read_and_drops_code_and_other_languages():
    html = """<html><head><title>Översikt</title><style>.the {}</style></head><body>
      <script>var the = "and";</script><img alt="Your photo"><input type="submit" value="Save">
      <input type="hidden" value="the"><button lang="en">English</button><p title="Edit this">Hej</p></body></html>"""
    assert visible_text(html).splitlines() == ["Översikt", "Your photo", "Save", "Edit this", "Hej"]
    # A page that says it is English (<html lang="en">) is still read: that is what is checked.
    assert visible_text(html.replace("<html>", '<html lang="en">')) == visible_text(html)


def test_the_same_page_asked_for_in_english_is_found(client_for):
    """The whole way (page, visible text, typed content removed) finds English where there is English."""
    response = client_for("talent").get(reverse("talents:profile"), headers=ENGLISH)
    findings = {}
    check(response, "the profile page in English", findings)
    assert findings


def test_typed_content_comes_from_the_database(host_project, talent):
    typed = typed_content()
    assert {"Triage notes with NLP", "Västkust University Hospital", talent.first_name, talent.email} <= typed


# --- Every page of every role ----------------------------------------------------------------------


# Words written for someone else are in that person's language: a calendar feed in its owner's (a
# calendar app sends no Accept-Language), an email previewed to a manager in its recipient's.
READER = {
    "rotations_talent:calendar": "talent",
    "rotations_host:calendar": "host_member",
    "admin:talents_application_stage": "talent",
}


@pytest.mark.parametrize("name", _pages())
def test_page_in_swedish(name, client_for, request):
    entry = MATRIX[name]
    if name in READER:
        reader = request.getfixturevalue(READER[name])
        reader.language = "sv"
        reader.save(update_fields=["language"])
    url = entry.build_url(name, request.getfixturevalue)
    findings = {}
    for role in ROLES:
        expected = entry.for_role(role)
        posted = entry.method == "post"
        if expected != OK and not (posted and expected == REDIRECT):
            continue
        response = getattr(client_for(role), entry.method)(url, entry.data, headers=SWEDISH)
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}, expected {expected}"
        check(response, f"{name} as {role} ({entry.method.upper()} {url})", findings, posted=posted)
    assert not findings, report(findings)


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("talent", "portal:talent_dashboard"),
        ("talent", "talents:profile"),
        ("host_member", "portal:host_dashboard"),
        ("manager", "portal:admin_index"),
    ],
)
def test_the_accounts_language_wins_over_the_browsers(role, name, client_for, request):
    user = request.getfixturevalue(role)
    user.language = "sv"
    user.save(update_fields=["language"])
    response = client_for(role).get(reverse(name), headers=ENGLISH)
    assert response.status_code == OK
    assert response["Content-Language"] == "sv"
    findings = {}
    check(response, f"{name} as {role} with language sv, browser en", findings)
    assert not findings, report(findings)

    user.language = "en"
    user.save(update_fields=["language"])
    assert client_for(role).get(reverse(name), headers=SWEDISH)["Content-Language"] == "en"


# --- The admin: every registered model's list, add and change page ------------------------------------


@pytest.fixture
def everything(request):
    """One object of (nearly) every kind, so each admin change page has something to show."""
    for name in (
        "talent_application",
        "talent_placement",
        "matching_run",
        "talent_absence",
        "talent_erasure_request",
        "host_invitation",
        "host_interest",
        "public_host_project",
        "other_host_project",
        "prospect_organization",
    ):
        request.getfixturevalue(name)
    OutboundEmailFactory(subject="Ett meddelande", body_text="Hej", body_html="<p>Hej</p>")


# allauth's second factors: their created_at / last_used_at fields carry no label, so Django names them
# "Created at" in every language; a superuser's page only, left as allauth ships it.
UNLABELLED_BY_THEIR_AUTHORS = {"mfa.Authenticator"}


def test_admin_pages_in_swedish(everything, client):
    # A superuser: the user groups, email addresses and second factors are beyond a manager's grants.
    client.force_login(ManagerFactory(email="superuser@ai.se", is_superuser=True))
    findings = {}
    unopened = []
    for model in admin.site._registry:
        opts = model._meta
        if opts.label in UNLABELLED_BY_THEIR_AUTHORS:
            continue
        pages = [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        ]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
        for url in pages:
            response = client.get(url, headers=SWEDISH)
            if response.status_code != OK:
                unopened.append(f"{url} ({response.status_code})")
                continue
            check(response, f"admin {opts.label} ({url})", findings)
    assert not findings, report(findings)
    # Add pages of what is only ever made by the portal answer 403; every list and change page opens.
    assert not [url for url in unopened if "/add/" not in url], unopened


# --- allauth's account pages, and the error pages -------------------------------------------------------


def _account_urls():
    urls = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
                module = getattr(entry.callback, "view_class", entry.callback).__module__
                if module.startswith("allauth.") and "<" not in str(entry.pattern):
                    urls.append(entry.name)

    walk(get_resolver().url_patterns, "")
    return sorted(set(urls))


@pytest.mark.parametrize("role", ["anonymous", "talent", "manager"])
def test_account_pages_in_swedish(role, client_for):
    client = client_for(role)
    findings = {}
    for name in _account_urls():
        response = client.get(reverse(name), headers=SWEDISH)
        if response.status_code == OK:
            check(response, f"{name} as {role} ({reverse(name)})", findings)
    assert not findings, report(findings)


def test_error_pages_in_swedish(client_for):
    findings = {}
    check(client_for("anonymous").get("/no-such-page/", headers=SWEDISH), "404 page", findings)
    forbidden = client_for("talent").get(reverse("admin:login"), headers=SWEDISH)
    assert forbidden.status_code == 403
    check(forbidden, "403 page (admin sign-in as a talent)", findings)
    with translation.override("sv"):
        for template in ("400.html", "403_csrf.html", "500.html"):
            lines = english_in(visible_text(render_to_string(template, {"reason": ""})))
            if lines:
                findings[template] = lines
    assert not findings, report(findings)


# --- Every email, rendered in Swedish ----------------------------------------------------------------

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _email_templates():
    return sorted(
        str(path.relative_to(TEMPLATES))
        for folder in (TEMPLATES / "email", TEMPLATES / "account" / "email")
        for path in folder.rglob("*")
        if path.suffix in {".txt", ".html"}
    )


@pytest.mark.parametrize("name", _email_templates())
def test_email_in_swedish(name):
    with translation.override("sv"):
        if name.endswith(".html"):
            text = visible_text(get_template(name).render(EveryName()))
        else:
            text = render_plain(name, EveryName())
    lines = english_in(text, typed={HOSTILE})
    assert not lines, report({name: lines})
