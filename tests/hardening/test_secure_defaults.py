"""Secure defaults under the production settings: headers, login throttling, the deploy checklist."""

import os
import secrets
import subprocess
import sys

from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.workers import test_database_url as database_url


def test_pages_carry_the_security_headers(db, client):
    assert not settings.DEBUG  # the test run uses the production settings module with DEBUG off
    response = client.get(reverse("portal:home"), secure=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_plain_http_is_redirected_to_https_when_ssl_redirect_is_on(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True  # the default without DEBUG; the test environment turns it off
    response = client.get(reverse("portal:home"))
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_repeated_wrong_passwords_lock_the_account_out_even_for_the_right_one(db, client):
    user = UserFactory(email="amara@example.org")
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong password"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "eyeforai.ai.se",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        # Production shares its cache between processes (a per-process one is a check error: test_shared_cache.py).
        "CACHE_URL": settings.CELERY_BROKER_URL,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
