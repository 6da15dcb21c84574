"""Strict reading of deploy knobs from the environment.

django-environ parses URLs well but quietly turns a mistyped boolean into False and an unknown
database scheme into a broken engine name. A deploy should rather stop with a sentence that names
the variable and what it expected, so every reader here raises ImproperlyConfigured on nonsense.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
EMAIL_SCHEMES = {"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "filemail", "memorymail", "dummymail"}
DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-never-use-in-production"  # refused unless DEBUG  # noqa: S105  # nosec B105


class Environment:
    def __init__(self, environ_mapping=None):
        self.values = os.environ if environ_mapping is None else environ_mapping

    def _raw(self, name):
        return self.values.get(name)

    def str(self, name, *, default):
        raw = self._raw(name)
        return default if raw is None else raw

    def bool(self, name, *, default):
        raw = self._raw(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")

    def int(self, name, *, default):
        raw = self._raw(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
        if value < 0:
            raise ImproperlyConfigured(f"{name} must not be negative, not {raw!r}.")
        return value

    def list(self, name, *, default):
        raw = self._raw(name)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def path(self, name, *, default):
        raw = self._raw(name)
        if raw is None or raw.strip() == "":
            return Path(default)
        path = Path(raw)
        if not path.is_absolute():
            raise ImproperlyConfigured(f"{name} must be an absolute path, not {raw!r}.")
        return path

    def url(self, name, *, default):
        raw = self.str(name, default=default)
        parts = urlsplit(raw)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ImproperlyConfigured(
                f"{name} must be an http(s) address such as https://eyeforai.ai.se, not {raw!r}."
            )
        return raw

    def secret_key(self, name, *, debug):
        raw = self._raw(name)
        if raw:
            if not debug and (len(raw) < 50 or raw == DEVELOPMENT_SECRET_KEY):
                raise ImproperlyConfigured(f"{name} must be a random string of at least 50 characters.")
            return raw
        if debug:
            return DEVELOPMENT_SECRET_KEY
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (a random string of 50+ characters).")

    def database(self, name, *, default, conn_max_age):
        raw = self.str(name, default=default)
        scheme = urlsplit(raw).scheme
        if scheme not in DATABASE_SCHEMES:
            raise ImproperlyConfigured(
                f"{name} must be a postgres://user@host:port/name or sqlite:////path URL, not {raw!r}."
            )
        config = environ.Env.db_url_config(raw)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        else:
            config["CONN_MAX_AGE"] = conn_max_age
            config["CONN_HEALTH_CHECKS"] = True
        return config

    def cache(self, name, *, default):
        raw = self.str(name, default=default)
        try:
            return environ.Env.cache_url_config(raw)
        except (KeyError, ImproperlyConfigured):
            raise ImproperlyConfigured(
                f"{name} must be a cache URL such as redis://host:6379/1, not {raw!r}."
            ) from None

    def email(self, name, *, default):
        """EMAIL_* settings from one URL; filemail:///abs/dir writes each message to a file there."""
        raw = self.str(name, default=default)
        scheme = urlsplit(raw).scheme
        if scheme not in EMAIL_SCHEMES:
            raise ImproperlyConfigured(f"{name} must be an smtp://user:password@host:port URL, not {raw!r}.")
        config = environ.Env.email_url_config(raw)
        if scheme == "filemail":
            # django-environ drops the leading slash of the directory; keep the path as written.
            config["EMAIL_FILE_PATH"] = urlsplit(raw).path
        return {key: value for key, value in config.items() if value is not None}
