"""The header's forms (portal/header.py): sign out and the language switch."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">')


def header_tokens(html):
    header = html[html.index("<header") : html.index("</header>")]
    return TOKEN.findall(header)


def test_the_header_forms_share_one_masked_token_per_request(client, talent):
    client.force_login(talent)

    first = header_tokens(client.get(reverse("portal:privacy")).text)
    second = header_tokens(client.get(reverse("portal:privacy")).text)

    assert len(first) == 2  # sign out, the language switch
    assert first[0] == first[1]
    assert second[0] != first[0]  # masked anew for each request


def test_a_signed_in_person_can_sign_out_and_switch_language_with_the_shared_token(client, talent):
    client.force_login(talent)
    client.handler.enforce_csrf_checks = True
    token = header_tokens(client.get(reverse("portal:privacy")).text)[0]

    switched = client.post(
        reverse("set_language"), {"language": "sv", "next": "/privacy/", "csrfmiddlewaretoken": token}
    )
    signed_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})

    assert switched.status_code == 302
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session
