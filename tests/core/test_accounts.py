import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eyeforai.accounts.models import User
from eyeforai.accounts.roles import PROGRAMME_MANAGERS_GROUP, is_programme_manager
from eyeforai.mail.models import OutboundEmail
from tests.factories import PASSWORD, ManagerFactory, UserFactory
from tests.mailbox import delivered_text

pytestmark = pytest.mark.django_db


def link_in(email):
    return re.search(r"https?://\S+", delivered_text(email)).group(0)


def test_sign_up_queues_a_verification_email_in_the_outbox(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "Amara.Okafor@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="amara.okafor@example.org")
    email = OutboundEmail.objects.get(to__iexact="amara.okafor@example.org")
    assert email.template == "account/email_confirmation_signup"
    assert "/accounts/confirm-email/" in delivered_text(email)
    assert not EmailAddress.objects.get(user=user).verified


def test_following_the_verification_link_verifies_and_signs_in(client):
    client.post(reverse("account_signup"), {"email": "luis@example.org", "password1": PASSWORD, "password2": PASSWORD})
    url = link_in(OutboundEmail.objects.get(to="luis@example.org"))
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="luis@example.org").verified
    assert client.get(reverse("portal:home")).wsgi_request.user.email == "luis@example.org"


def test_an_unverified_user_cannot_sign_in(client):
    UserFactory(email="unverified@example.org", verified=False)
    response = client.post(reverse("account_login"), {"login": "unverified@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_a_verified_user_signs_in_with_email_and_password(client, talent):
    response = client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(talent.pk)


def test_password_reset_goes_through_the_outbox(client, talent):
    client.post(reverse("account_reset_password"), {"email": talent.email})
    email = OutboundEmail.objects.get(to=talent.email)
    assert email.template == "account/password_reset_key"
    assert "/accounts/password/reset/key/" in delivered_text(email)


def test_password_reset_for_an_unknown_address_looks_the_same(client, db):
    """Enumeration prevention: the page answers alike; the unknown address is told it has no account."""
    known = UserFactory(email="known@example.org")
    first = client.post(reverse("account_reset_password"), {"email": known.email})
    second = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert OutboundEmail.objects.get(to="nobody@example.org").template == "account/unknown_account"


def test_signing_up_with_a_taken_address_does_not_reveal_it(client, talent):
    response = client.post(
        reverse("account_signup"), {"email": talent.email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302  # same answer as a fresh sign-up
    assert User.objects.filter(email=talent.email).count() == 1
    assert OutboundEmail.objects.get(to=talent.email).template == "account/account_already_exists"


def test_repeated_failed_logins_are_throttled(client, talent):
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": talent.email, "password": "wrong password"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_admin_sign_in_goes_through_allauth(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_staff_without_the_manager_group_is_not_a_manager(db):
    staff = UserFactory(is_staff=True)
    assert not is_programme_manager(staff)
    assert is_programme_manager(ManagerFactory())


def test_managers_group_can_run_the_programme_and_read_the_outbox(db):
    codenames = set(Group.objects.get(name=PROGRAMME_MANAGERS_GROUP).permissions.values_list("codename", flat=True))
    assert {"add_cohort", "change_cohort", "change_period", "add_skill", "view_outboundemail"} <= codenames
    assert "change_outboundemail" not in codenames


def test_manager_reaches_the_admin_and_a_talent_does_not(client, manager, talent):
    client.force_login(manager)
    assert client.get(reverse("admin:programme_cohort_changelist")).status_code == 200
    client.force_login(talent)
    assert client.get(reverse("admin:programme_cohort_changelist")).status_code == 302


@pytest.mark.parametrize("email", ["MIXED@Example.org"])
def test_email_addresses_are_unique_whatever_their_case(db, email):
    UserFactory(email="mixed@example.org")
    with pytest.raises(Exception, match=r"accounts_user_email_ci_unique|duplicate key"):
        User.objects.create(email=email)


def test_a_session_read_from_redis_costs_no_query_and_dies_at_sign_out(client, talent, settings):
    """Production's cached_db sessions: served from Redis, and gone there too when the person signs out."""
    broker = django_settings.CELERY_BROKER_URL  # the test run's own Redis database
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(talent)
    page = reverse("portal:talent_dashboard")
    assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    assert not [query for query in queries if "django_session" in query["sql"]]

    stolen_cookie = client.cookies["sessionid"].value
    cache_key = cached_db.KEY_PREFIX + stolen_cookie
    assert caches["default"].get(cache_key)  # the session is in Redis ...
    client.post(reverse("account_logout"))
    assert caches["default"].get(cache_key) is None  # ... until the person signs out
    thief = Client()
    thief.cookies["sessionid"] = stolen_cookie
    assert thief.get(page).status_code == 302  # to the sign-in page: the session is gone from Redis and the table
