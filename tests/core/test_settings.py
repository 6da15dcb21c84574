import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from eyeforai.env import Environment

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "eyeforai.ai.se",
    "SITE_URL": "https://eyeforai.ai.se",
    "DATABASE_URL": "postgres://eyeforai@db.internal:5432/eyeforai",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "CACHE_URL": "redis://redis.internal:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
}


# The test run's own knobs that a deployment would not have.
TEST_ONLY = {"SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, env):
    """Run manage.py in a fresh process with `env` instead of this test run's deploy knobs."""
    clean = {key: value for key, value in os.environ.items() if key not in {*PRODUCTION_ENV, *TEST_ONLY}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        check=False,
        env={**clean, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("CONN_MAX_AGE", "a minute", "CONN_MAX_AGE must be a whole number"),
        ("DATABASE_URL", "mysql://root@localhost/eyeforai", "DATABASE_URL must be a postgres://"),
        ("EMAIL_URL", "smtp-with-typo://x", "EMAIL_URL must be an smtp://"),
        ("SITE_URL", "eyeforai.ai.se", "SITE_URL must be an http(s) address"),
        ("MEDIA_ROOT", "relative/media", "MEDIA_ROOT must be an absolute path"),
    ],
)
def test_a_bad_value_stops_start_up_with_a_message_naming_it(name, value, message):
    result = manage("check", env={**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_needs_a_secret_key():
    env = Environment({"DEBUG": "false"})
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set when DEBUG is off"):
        env.secret_key("SECRET_KEY", debug=False)
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        Environment({"SECRET_KEY": "short"}).secret_key("SECRET_KEY", debug=False)


def test_words_for_true_and_false_are_understood():
    env = Environment({"A": "Yes", "B": "off", "C": "1", "D": "0"})
    assert [env.bool(name, default=None) for name in "ABCD"] == [True, False, True, False]
    assert env.bool("MISSING", default=True) is True


def test_email_url_keeps_an_absolute_file_path():
    config = Environment({"EMAIL_URL": "filemail:///srv/eyeforai/mail"}).email("EMAIL_URL", default="")
    assert config["EMAIL_FILE_PATH"] == "/srv/eyeforai/mail"


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_turn_on_the_secure_defaults():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.TIME_ZONE, s.CELERY_TASK_ALWAYS_EAGER, s.DATABASES['default']['ENGINE'])"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split()[-7:] == [
        "True",
        "True",
        "True",
        "31536000",
        "Europe/Stockholm",
        "False",
        "django.db.backends.postgresql",
    ]


def test_quick_start_defaults_to_sqlite_and_eager_tasks(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    # Only DEBUG set (and a SQLite file of the test's own): no DATABASE_URL, broker or EMAIL_URL.
    result = manage("shell", "-c", code, env={"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    assert result.stdout.split()[-3:] == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
    ]


def test_content_security_policy_allows_no_inline_code():
    directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert all("'unsafe-inline'" not in values for values in directives.values())
    assert directives["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("redis://redis.internal:6379/1", "django.contrib.sessions.backends.cached_db"),
        # One cache per process: a sign-out in one worker would not reach the others.
        ("locmemcache://", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_read_from_the_cache_only_when_every_worker_shares_it(cache_url, engine):
    code = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, "CACHE_URL": cache_url})
    assert result.stdout.split()[-1] == engine
