"""Error pages in the site's layout and words, each with the way on; a failed CSRF check keeps what was typed."""

import re
from html import unescape

import pytest
from django.template import loader
from django.test import Client

from talents.models import Application
from tests.factories import CohortFactory, UserFactory

LAYOUT = 'class="site-header"'
WAYS_ON = "Where to go from here"
OWN_ORIGIN = "http://testserver"
MOTIVATION = "I have built triage models for two hospitals.\nNow I want to learn how Swedish regions work."


def test_an_unknown_address_is_a_404_in_the_layout_with_the_way_on(db, client):
    response = client.get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404
    assert LAYOUT in text and "We could not find that page" in text and WAYS_ON in text
    assert 'href="/accounts/login/"' in text


def test_a_404_offers_a_signed_in_talent_their_overview(client, talent):
    client.force_login(talent)
    text = client.get("/no-such-page/").content.decode()
    assert 'href="/talent/">Your programme overview' in text
    assert "/accounts/login/" not in text


def test_a_400_is_in_the_layout(db, client):
    response = client.get("/hosts/?sector=%00")
    text = response.content.decode()
    assert response.status_code == 400
    assert LAYOUT in text and "We could not read that request" in text and WAYS_ON in text


@pytest.mark.urls("tests.core.urls_with_failing_pages")
def test_a_refused_page_is_a_403_in_the_layout(client, talent):
    client.force_login(talent)
    response = client.get("/refused/")
    text = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in text and "This page is not open to your account" in text
    assert 'href="/talent/">Your programme overview' in text


@pytest.mark.urls("tests.core.urls_with_failing_pages")
def test_a_broken_page_is_a_500_in_the_site_look(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    text = response.content.decode()
    assert response.status_code == 500
    assert LAYOUT in text and "Something went wrong on our side" in text and 'href="/"' in text


def test_the_500_page_renders_without_a_request_or_the_database():
    """No `db` fixture: any query here fails the test. Django renders it with an empty context."""
    text = loader.get_template("500.html").render()
    assert "Something went wrong on our side" in text and LAYOUT in text


def test_a_host_member_opening_the_admin_gets_the_portals_page(client, host_member):
    client.force_login(host_member)
    response = client.get("/admin/", follow=True)
    text = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in text and "The admin is for the programme team" in text
    assert 'href="/host/">Your organisation' in text
    assert "403 Forbidden" not in text


def test_a_signed_in_person_without_a_role_opening_the_admin_gets_the_portals_page(client, db):
    client.force_login(UserFactory())
    response = client.get("/admin/talents/application/", follow=True)
    assert response.status_code == 403
    assert "The admin is for the programme team" in response.content.decode()


# --- A failed CSRF check ----------------------------------------------------------------------


def _stale_post(client, path, data, origin):
    """A post whose token no longer matches (the person signed in again in another tab)."""
    client.get(path)  # the page sets the csrftoken cookie the form was made with
    return client.post(path, {"csrfmiddlewaretoken": "x" * 32, **data}, HTTP_ORIGIN=origin)


def _resend_form(text):
    """(action, fields) of the page's "Send it again" form, as a browser would post it."""
    form = re.search(r'<form method="post" action="([^"]*)" class="resend-form">(.*?)</form>', text, re.S)
    assert form, "no form to send again"
    action, body = unescape(form.group(1)), form.group(2)
    fields = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body):
        fields.setdefault(unescape(name), []).append(unescape(value))
    for name, value in re.findall(r'<textarea[^>]* name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        fields.setdefault(unescape(name), []).append(unescape(value).removeprefix("\n"))
    return action, fields


@pytest.fixture
def open_call(db):
    return CohortFactory(name="Cohort 2027")


def test_an_expired_application_form_comes_back_with_the_text_and_sends_as_a_draft(talent, open_call):
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent)
    data = {"motivation": MOTIVATION, "why_sweden": "Open data and a strong public sector.", "action": "save"}

    response = _stale_post(client, "/talent/application/", data, OWN_ORIGIN)

    text = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in text and "This form expired before it was sent" in text
    action, fields = _resend_form(text)
    assert action == "/talent/application/"
    assert fields["motivation"] == [MOTIVATION]
    assert fields["why_sweden"] == ["Open data and a strong public sector."]
    assert fields["csrfmiddlewaretoken"][0] != "x" * 32
    assert not Application.objects.exists()

    resent = client.post(action, fields, HTTP_ORIGIN=OWN_ORIGIN)

    assert resent.status_code == 302
    application = Application.objects.get(talent__user=talent)
    assert application.motivation == MOTIVATION
    assert application.why_sweden == "Open data and a strong public sector."


def test_a_cross_site_post_gets_the_explanation_without_the_values(talent, open_call):
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent)

    response = _stale_post(client, "/talent/application/", {"motivation": MOTIVATION}, "https://evil.example")

    text = response.content.decode()
    assert response.status_code == 403
    assert "This form expired before it was sent" in text
    assert "triage models" not in text and "resend-form" not in text


def test_a_post_without_origin_or_referer_gets_no_values(talent, open_call):
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent)
    client.get("/talent/application/")
    response = client.post("/talent/application/", {"csrfmiddlewaretoken": "x" * 32, "motivation": MOTIVATION})
    assert response.status_code == 403
    assert "triage models" not in response.content.decode()


def test_a_same_origin_referer_is_enough_to_get_the_values_back(talent, open_call):
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent)
    client.get("/talent/application/")
    response = client.post(
        "/talent/application/",
        {"csrfmiddlewaretoken": "x" * 32, "motivation": MOTIVATION},
        HTTP_REFERER=OWN_ORIGIN + "/talent/application/",
    )
    assert "triage models" in response.content.decode()


def test_an_expired_sign_in_form_never_echoes_the_password(db):
    client = Client(enforce_csrf_checks=True)
    secret = "correct horse battery staple 42"

    response = _stale_post(client, "/accounts/login/", {"login": "amara@example.org", "password": secret}, OWN_ORIGIN)

    text = response.content.decode()
    assert response.status_code == 403
    assert secret not in text and "correct horse" not in text
    assert "x" * 32 not in text
    assert 'href="/accounts/login/' in text


def test_a_signed_out_talent_posting_the_application_is_sent_to_sign_in_and_back(client, talent, open_call):
    """The session ended while the form was open (the CSRF cookie outlives it): the post reaches the
    view, which sends them to sign in with `next` back to the form. The typed text is not kept by the
    server (a redirect cannot carry a post); the page's draft keeper restores it in the browser."""
    response = client.post("/talent/application/", {"motivation": MOTIVATION, "action": "save"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/talent/application/"
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("secure", "headers", "shown"),
    [
        (False, {"HTTP_ORIGIN": "null"}, False),
        (True, {"HTTP_ORIGIN": "null", "HTTP_REFERER": "https://testserver/talent/application/"}, False),
        (True, {"HTTP_REFERER": "http://testserver/talent/application/"}, False),
        (True, {"HTTP_REFERER": "https://testserver/talent/application/"}, True),
        (False, {"HTTP_REFERER": "https://testserver/talent/application/"}, False),
        (True, {"HTTP_REFERER": "https://testserver.evil.example/talent/application/"}, False),
        (True, {"HTTP_REFERER": "https://evil.example@testserver/talent/application/"}, False),
        (True, {"HTTP_ORIGIN": "http://testserver"}, False),
        (True, {"HTTP_ORIGIN": "https://testserver"}, True),
    ],
    ids=[
        "null-origin",
        "null-origin-wins-over-a-same-host-referer",
        "http-referer-to-https",
        "https-referer-to-https",
        "https-referer-to-http",
        "look-alike-host",
        "userinfo-in-referer",
        "http-origin-to-https",
        "https-origin-to-https",
    ],
)
def test_the_values_come_back_only_for_a_post_from_our_own_origin(talent, open_call, secure, headers, shown):
    """A null Origin (sandboxed frame, data: page), another scheme or a look-alike host is not our page:
    the values stay off the page, so a forged post cannot become a one-click resend."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent)
    client.get("/talent/application/", secure=secure)
    response = client.post(
        "/talent/application/", {"csrfmiddlewaretoken": "x" * 32, "motivation": MOTIVATION}, secure=secure, **headers
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert ("triage models" in text) is shown
    assert ("resend-form" in text) is shown
