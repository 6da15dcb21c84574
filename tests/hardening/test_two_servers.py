"""Past one machine: two gunicorn servers behind a load balancer, on one PostgreSQL and one Redis
(README, "Growing past one machine"). Sessions, rate limits, the public pages' cache, the kept
signed-in person and the outbox are held there, not in a server, so a visitor may land on either
server for any request.

Both servers run the production WSGI application with DEBUG off, the same secret and this test run's
database and Redis. Every visitor comes from a client address of its own, so the rate-limit counts it
meets, which outlive the run in Redis, are this test's only.
"""

import ipaddress
import secrets
import uuid

import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from hosts.choices import OrganizationStatus
from hosts.models import HostOrganization
from tests.conftest_helpers import wait_until
from tests.factories import PASSWORD, HostOrganizationFactory, TalentProfileFactory, UserFactory
from tests.hardening.gunicorn_servers import Visitor, csrf_token, gunicorn_servers, production_env
from tests.smtp import RecordingHandler, SMTPServer
from tests.workers import worker_processes

# One group, so `--dist loadgroup` starts the servers once. Split over xdist workers anyway, each worker
# starts its own pair on its own database and queue: slower, still correct.
pytestmark = pytest.mark.xdist_group("two-servers")

LOGIN, LOGOUT, RESET = "/accounts/login/", "/accounts/logout/", "/accounts/password/reset/"
WRONG_PASSWORD = str(DefaultAccountAdapter.error_messages["email_password_mismatch"])
TOO_MANY_FAILURES = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])


@pytest.fixture(scope="module")
def smtp():
    with SMTPServer(RecordingHandler()) as server:
        yield server


@pytest.fixture(scope="module")
def servers(django_db_setup, smtp, tmp_path_factory):
    """Servers A and B, started once for the module; the test database exists before they start."""
    directory = tmp_path_factory.mktemp("two-servers")
    env = production_env(media_root=directory / "media", email_url=smtp.url)
    with gunicorn_servers(["A", "B"], env=env, log_dir=directory) as (a, b):
        yield a, b


@pytest.fixture
def cache_of_the_servers(settings):
    """This process's cache is the servers' one (the same Redis database, no key prefix): a change
    saved here starts the new generation of public pages the servers read."""
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": django_settings.CELERY_BROKER_URL}}


def new_client_address():
    """A documentation address (2001:db8::/32) in a /64 of its own, the unit the rate limits count."""
    return str(ipaddress.IPv6Address((0x20010DB8 << 96) | (secrets.randbits(32) << 64) | 1))


def person(**fields):
    """A talent the servers can sign in: this process hashes with MD5 for speed (tests/conftest.py),
    which production's PASSWORD_HASHERS do not read. Each run's own address, as the per-address
    limits count in Redis beyond the run."""
    user = UserFactory(email=f"{uuid.uuid4().hex[:12]}@example.org", **fields)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    TalentProfileFactory(user=user)
    return user


def sign_in(visitor, server, email, password):
    form = visitor.get(server, LOGIN)
    return visitor.post(server, LOGIN, {"csrfmiddlewaretoken": csrf_token(form), "login": email, "password": password})


def per_address_limit(action):
    """allauth's per-address limit for `action`: its default, which the portal keeps (settings.py)."""
    [rate] = [rate for rate in parse_rates(allauth_settings.RATE_LIMITS[action]) if rate.per == "ip"]
    return rate.amount


def test_a_session_made_on_one_server_is_valid_on_the_other_and_a_sign_out_ends_it_on_both(transactional_db, servers):
    a, b = servers
    amara = person(first_name="Amara", last_name="Okafor")
    browser = Visitor(new_client_address())
    signed_in = sign_in(browser, a, amara.email, PASSWORD)
    assert signed_in.status == 302 and signed_in.headers["Location"] == "/talent/"

    on_b = browser.get(b, "/talent/")
    assert on_b.status == 200 and "Amara" in on_b.text
    session = {"Cookie": f"{django_settings.SESSION_COOKIE_NAME}={browser.cookie(django_settings.SESSION_COOKIE_NAME)}"}
    assert Visitor(new_client_address()).get(a, "/talent/", headers=session).status == 200

    confirm = browser.get(b, LOGOUT)
    assert browser.post(b, LOGOUT, {"csrfmiddlewaretoken": csrf_token(confirm)}).status == 302

    # The same cookie, kept by someone who copied it, opens nothing on A any more.
    on_a = Visitor(new_client_address()).get(a, "/talent/", headers=session)
    assert on_a.status == 302 and on_a.headers["Location"].startswith(LOGIN)


def test_failed_sign_ins_count_across_both_servers(transactional_db, servers):
    """allauth's two per-address limits: failed sign-ins (past it, a form error instead of a password
    check) and sign-in posts of any outcome (past it, 429). Alternating servers gains nothing."""
    a, b = servers
    amara = person(first_name="Amara", last_name="Okafor")
    failures_allowed, posts_allowed = per_address_limit("login_failed"), per_address_limit("login")
    attacker = Visitor(new_client_address())
    token = csrf_token(attacker.get(a, LOGIN))  # the cookie's token: valid on either server

    def failed_sign_in(number):
        server = (a, b)[number % 2]
        data = {"csrfmiddlewaretoken": token, "login": f"made-up-{number}@example.org", "password": "not it"}
        return attacker.post(server, LOGIN, data)

    answers = [failed_sign_in(number) for number in range(posts_allowed + 2)]

    checked = answers[:failures_allowed]
    assert all(answer.status == 200 and WRONG_PASSWORD in answer.text for answer in checked)
    not_checked = answers[failures_allowed:posts_allowed]
    assert len(not_checked) >= 2  # on both servers
    assert all(answer.status == 200 and TOO_MANY_FAILURES in answer.text for answer in not_checked)
    assert [answer.status for answer in answers[posts_allowed:]] == [429, 429]  # on A, then on B

    assert sign_in(Visitor(new_client_address()), b, amara.email, PASSWORD).status == 302


def test_an_account_deactivated_anywhere_is_signed_out_on_both_servers_at_once(
    transactional_db, servers, cache_of_the_servers
):
    a, b = servers
    jonas = person(first_name="Jonas", last_name="Berg")
    browser = Visitor(new_client_address())
    assert sign_in(browser, a, jonas.email, PASSWORD).status == 302
    # Both servers now read the person from the copy kept in Redis (portal/signed_in_user.py).
    assert browser.get(a, "/talent/").status == 200 and browser.get(b, "/talent/").status == 200

    # A write in a third process, by a QuerySet (no signal): noted where the SQL runs, in the shared cache.
    get_user_model().objects.filter(pk=jonas.pk).update(is_active=False)

    for server in (a, b):
        page = browser.get(server, "/talent/")
        assert page.status == 302 and page.headers["Location"].startswith(LOGIN)


def test_a_change_replaces_the_public_page_on_both_servers_at_once(transactional_db, servers, cache_of_the_servers):
    a, b = servers
    # Created with this process's cache on Redis: its save starts a new generation, so no copy an
    # earlier run left there is served.
    host = HostOrganizationFactory(name="Västerstrand Hospital", status=OrganizationStatus.ACTIVE)

    def public_page(server):  # an anonymous visitor: no cookies
        return Visitor(new_client_address()).get(server, "/hosts/").text

    assert "Västerstrand Hospital" in public_page(a) and "Västerstrand Hospital" in public_page(b)
    # An UPDATE that sends no signal starts no generation: both servers keep serving the copy.
    HostOrganization.objects.filter(pk=host.pk).update(name="Changed Behind The Cache")
    assert "Västerstrand Hospital" in public_page(a) and "Västerstrand Hospital" in public_page(b)

    host.name = "Västerstrand University Hospital"
    host.save()

    assert "Västerstrand University Hospital" in public_page(a)
    assert "Västerstrand University Hospital" in public_page(b)


@pytest.mark.worker
def test_emails_queued_on_either_server_are_delivered_once_by_two_workers(transactional_db, servers, smtp):
    a, b = servers
    first, second = person(), person()
    with worker_processes(2, email_url=smtp.url):
        for server, someone in ((a, first), (b, second)):
            visitor = Visitor(new_client_address())
            form = visitor.get(server, RESET)
            asked = visitor.post(server, RESET, {"csrfmiddlewaretoken": csrf_token(form), "email": someone.email})
            assert asked.status == 302
        wait_until(
            lambda: OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 2,
            timeout=60,
            message="both reset emails sent",
        )

    emails = OutboundEmail.objects.all()
    assert sorted(email.to for email in emails) == sorted([first.email, second.email])
    assert all(email.status == EmailStatus.SENT for email in emails)
    # The only emails this module sends: each arrived once, none twice.
    assert smtp.handler.keys == {email.key: 1 for email in emails}
