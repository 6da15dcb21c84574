"""Rate limits behind the TLS proxy count per client, not per proxy; one function names the client.

Every request here arrives as it would through one proxy of ours: REMOTE_ADDR is the proxy, and the
proxy has appended the address it was reached from to X-Forwarded-For.
"""

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from eyeforai.ratelimit import client_address
from hosts.models import HostInterest
from tests.factories import PASSWORD, UserFactory
from tests.hosts.test_interest import interest_data

PROXY = "10.0.0.5"
ATTACKER = "198.51.100.66"
REAL_USER = "203.0.113.7"


def through_proxy(client_address_seen_by_proxy, *, written_by_client=""):
    """The request headers our proxy hands gunicorn; a client may have written its own X-Forwarded-For."""
    forwarded = (
        f"{written_by_client}, {client_address_seen_by_proxy}" if written_by_client else client_address_seen_by_proxy
    )
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}, PROXY),  # no proxy trusted: header ignored
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}, ATTACKER),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"1.2.3.4, {ATTACKER}"}, ATTACKER),  # forged entry left
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"1.2.3.4, {ATTACKER}, 10.0.0.9"}, ATTACKER),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER},
            PROXY,
        ),  # shorter than the proxies: not through them
        (1, {"REMOTE_ADDR": PROXY}, PROXY),  # no header
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "unknown"}, PROXY),  # not an address
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66:51234"}, ATTACKER),  # with a port
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "[2001:db8::1]:443"}, "2001:db8::1"),
    ],
)
def test_the_client_is_the_nth_forwarded_address_from_the_right(settings, trusted, meta, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected


def failed_login(client, email, address, **forged):
    return client.post(
        reverse("account_login"), {"login": email, "password": "not the password"}, **through_proxy(address, **forged)
    )


@time_machine.travel("2030-03-01 10:00 +0100", tick=False)
def test_thirty_failed_logins_through_the_proxy_do_not_lock_out_a_real_user_elsewhere(db, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    real_user = UserFactory(email="karin@ai.se")
    for number in range(30):
        failed_login(client, f"made-up-{number}@example.org", ATTACKER)
    assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"), {"login": real_user.email, "password": PASSWORD}, **through_proxy(REAL_USER)
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(real_user.pk)


@time_machine.travel("2030-03-01 10:00 +0100", tick=False)
def test_the_attacking_address_is_limited_even_when_it_forges_its_own_forwarded_header(db, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    real_user = UserFactory(email="karin@ai.se")
    for number in range(30):
        # The proxy appends the attacker's real address after whatever the attacker wrote.
        failed_login(client, f"made-up-{number}@example.org", ATTACKER, written_by_client=f"192.0.2.{number}")
    limited = client.post(
        reverse("account_login"),
        {"login": real_user.email, "password": PASSWORD},
        **through_proxy(ATTACKER, written_by_client="192.0.2.200"),
    )
    assert limited.status_code == 429  # allauth's "too many requests" page
    assert "_auth_user_id" not in client.session


def test_without_a_trusted_proxy_every_visitor_is_the_proxy(db, client, settings):
    """TRUSTED_PROXY_COUNT=0 behind a proxy: what the setting is for (the lock-out the issue saw)."""
    settings.TRUSTED_PROXY_COUNT = 0
    real_user = UserFactory(email="karin@ai.se")
    with time_machine.travel("2030-03-01 10:00 +0100", tick=False):
        for number in range(30):
            failed_login(client, f"made-up-{number}@example.org", ATTACKER)
        response = client.post(
            reverse("account_login"), {"login": real_user.email, "password": PASSWORD}, **through_proxy(REAL_USER)
        )
    assert response.status_code == 429


def test_the_become_a_host_limit_is_per_client_behind_the_proxy(client, open_cohort, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("hosts_public:interest")
    with time_machine.travel("2030-03-01 10:00 +0100", tick=False):
        for number in range(10):
            response = client.post(url, interest_data(email=f"p{number}@example.org"), **through_proxy(ATTACKER))
            assert response.status_code == 302
        refused = client.post(url, interest_data(email="eleventh@example.org"), **through_proxy(ATTACKER))
        neighbour = client.post(url, interest_data(email="neighbour@example.org"), **through_proxy(REAL_USER))
    assert refused.status_code == 429
    assert neighbour.status_code == 302
    assert HostInterest.objects.filter(email="neighbour@example.org").exists()
    assert not HostInterest.objects.filter(email="eleventh@example.org").exists()
