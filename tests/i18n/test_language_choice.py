"""Choosing the language (issue 16): the browser's on a first visit, the switcher's afterwards, and a
signed-in person's stored choice on every device; dates follow the language."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from eyeforai.mail.models import OutboundEmail
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SWEDISH = "sv"


def page_language(response):
    return response.headers["Content-Language"]


def test_a_first_visit_follows_the_browsers_accept_language(client):
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9,en;q=0.5")) == SWEDISH
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")) == "en"


def test_the_page_says_its_language_and_offers_the_other_one(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="sv">' in html
    assert 'name="language" value="en" lang="en"' in html
    assert 'lang="sv" aria-current="true">Svenska</span>' in html


def test_the_switcher_works_without_javascript_and_goes_back_to_the_same_page(client):
    response = client.post(reverse("set_language"), {"language": SWEDISH, "next": "/hosts/"})
    assert response.status_code == 302
    assert response["Location"] == "/hosts/"
    assert page_language(client.get("/hosts/", HTTP_ACCEPT_LANGUAGE="en")) == SWEDISH


def test_a_signed_in_persons_choice_is_kept_on_the_account_and_wins_on_another_device(client, talent):
    client.force_login(talent)
    client.post(reverse("set_language"), {"language": SWEDISH, "next": "/talent/"})
    talent.refresh_from_db()
    assert talent.language == SWEDISH

    other_device = type(client)()
    other_device.force_login(talent)
    assert page_language(other_device.get("/talent/", HTTP_ACCEPT_LANGUAGE="en-GB,en")) == SWEDISH


def test_an_unknown_language_is_refused_and_nothing_is_stored(client, talent):
    talent.language = SWEDISH
    talent.save()
    client.force_login(talent)
    client.post(reverse("set_language"), {"language": "xx", "next": "/talent/"})
    talent.refresh_from_db()
    assert talent.language == SWEDISH


def test_an_account_without_a_language_keeps_the_one_it_signs_in_with(client, talent):
    assert talent.language == ""
    client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="sv")
    talent.refresh_from_db()
    assert talent.language == SWEDISH


def test_the_switcher_only_answers_a_post(client):
    assert client.get(reverse("set_language")).status_code == 405


def test_a_new_account_speaks_the_language_it_signed_up_in_and_its_confirmation_email_too(client):
    client.post(
        reverse("account_signup"),
        {"email": "astrid@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert get_user_model().objects.get(email="astrid@example.org").language == SWEDISH
    email = OutboundEmail.objects.get(to="astrid@example.org")
    assert email.language == SWEDISH
    with translation.override(SWEDISH):
        assert translation.gettext("Confirm your email address to start your application") in email.subject


def test_the_admin_offers_the_switcher_too(client, manager):
    client.force_login(manager)
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'class="language-switch"' in html
    assert 'name="language" value="en" lang="en"' in html


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "1 Sep 2027", "1 Sep 2027, 14:30"),
        ("sv", "1 sep. 2027", "1 sep. 2027 kl. 14.30"),
    ],
)
def test_dates_follow_the_language(language, day, moment):
    with translation.override(language):
        assert formats.date_format(date(2027, 9, 1)) == day
        at = datetime(2027, 9, 1, 14, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
        assert formats.date_format(at, "DATETIME_FORMAT") == moment


def test_swedish_abbreviates_only_the_months_swedish_abbreviates():
    with translation.override(SWEDISH):
        months = [formats.date_format(date(2027, month, 1)) for month in (1, 3, 5, 6, 7, 10)]
    assert months == ["1 jan. 2027", "1 mars 2027", "1 maj 2027", "1 juni 2027", "1 juli 2027", "1 okt. 2027"]


def test_a_visitors_switch_needs_no_csrf_token_so_public_pages_stay_cacheable():
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get("/")
    assert settings.CSRF_COOKIE_NAME not in response.cookies
    assert visitor.post(reverse("set_language"), {"language": SWEDISH, "next": "/"}).status_code == 302
    assert page_language(visitor.get("/")) == SWEDISH


def test_changing_a_signed_in_persons_language_needs_the_csrf_token(talent):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(talent)
    assert browser.post(reverse("set_language"), {"language": SWEDISH, "next": "/"}).status_code == 403
    talent.refresh_from_db()
    assert talent.language == ""
