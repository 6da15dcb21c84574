"""The one settings module: every deploy knob is read from the environment.

With nothing set it runs the quick start (SQLite under var/, eager tasks, mail to files).
With DATABASE_URL / CELERY_BROKER_URL / EMAIL_URL set it runs on PostgreSQL, Redis and SMTP.
A value that cannot be understood stops start-up with a message naming the variable.
"""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from eyeforai.env import Environment

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = Environment()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.secret_key("SECRET_KEY", debug=DEBUG)
# Earlier keys, still accepted for signatures and sealed outbox bodies while a rotation settles.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A failed CSRF check (a form left open past a new sign-in) in the layout, with what was typed.
CSRF_FAILURE_VIEW = "eyeforai.http.errors.csrf_failure"
# Absolute address of the portal, for links in emails and calendar feeds.
SITE_URL = env.url("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "eyeforai.accounts",
    "eyeforai.programme",
    "eyeforai.mail",
    "eyeforai.activity",
    "eyeforai.http",
    "talents",
    "hosts",
    "courses",
    "rotations",
    "blog",
    "portal",
    "eyeforai.admintools.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # First: a request no page can mean (a control character in the address) gets 400 before anything else.
    "eyeforai.http.middleware.RejectControlCharactersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "eyeforai.accounts.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "eyeforai.accounts.mfa.AdminRequiresMFAMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "eyeforai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eyeforai.accounts.context_processors.roles",
                "eyeforai.accounts.context_processors.programme_team",
                "hosts.context_processors.host_member",
                "talents.context_processors.talent",
                "portal.header.header",
                "portal.layout.layout",
            ],
            # Template tags outside an app's templatetags package: the admin's (PortalAdminConfig is
            # django.contrib.admin's app, so eyeforai/admintools has no templatetags of its own).
            "libraries": {"quick_admin": "eyeforai.admintools.frame"},
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.database(
        "DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("CONN_MAX_AGE", default=60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ON_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "eyeforai.redis_cache.KeptClientRedisCache"  # one client per pool (why: there)
# Sessions are read on every signed-in request: from the shared cache (Redis in production), falling
# back to the database. A per-process cache (locmem) cannot hold them: a sign-out in one worker would
# not reach the others.
SHARED_CACHE = "locmem" not in CACHES["default"]["BACKEND"] and "dummy" not in CACHES["default"]["BACKEND"]
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if SHARED_CACHE else "db")
# Longest life of a cached public page; any change to what it shows replaces it at once (pages/cache.py).
PUBLIC_PAGE_SECONDS = env.int("PUBLIC_PAGE_SECONDS", default=600)

# --- Accounts (django-allauth) ----------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# allauth's sign-in by email, loading each request's user with the object of their role in the same
# query (portal/signed_in_user.py). Sessions name their backend: one signed in under another is ended.
AUTHENTICATION_BACKENDS = ["portal.signed_in_user.SignedInUserBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
ACCOUNT_ADAPTER = "portal.allauth_adapter.AccountAdapter"
# TOTP keys and recovery-code seeds sealed under SECRET_KEY in the database (eyeforai/accounts/mfa_secrets.py).
MFA_ADAPTER = "eyeforai.accounts.mfa_secrets.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
# A changed password, address or second factor is told to the person by email (templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# No prefix of allauth's own: the outbox puts EMAIL_SUBJECT_PREFIX on every email, allauth's too.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split(":", 1)[0]
# allauth's rate limits stay at their defaults (on); they count in the cache above.

# Django 6 makes https the default scheme of URL form fields; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Internationalisation ---------------------------------------------------
# English for a visitor whose browser asks for neither language; the first visit follows Accept-Language,
# a signed-in person's own choice (User.language) wins everywhere (eyeforai/accounts/language.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("sv", _("Swedish"))]
# locale/sv/LC_MESSAGES/django.po: `make messages` extracts, the set-up of both commands compiles (Makefile).
LOCALE_PATHS = [BASE_DIR / "locale"]
# The portal's own date formats per language ("1 Sep 2027"): eyeforai/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["eyeforai.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded files are never served under a public URL: views hand them to people allowed to see them.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# A CV is read in a child process with these limits (talents/cv.py); one that needs more is refused.
CV_MAX_PAGES = env.int("CV_MAX_PAGES", default=30)
CV_CHECK_CPU_SECONDS = env.int("CV_CHECK_CPU_SECONDS", default=3)
CV_CHECK_MEMORY_MB = env.int("CV_CHECK_MEMORY_MB", default=256)
CV_CHECK_TIMEOUT_SECONDS = env.int("CV_CHECK_TIMEOUT_SECONDS", default=4)
# A talent may save or submit an application this many times per window (seconds).
APPLICATION_SAVE_RATE_LIMIT = env.int("APPLICATION_SAVE_RATE_LIMIT", default=30)
APPLICATION_SAVE_RATE_WINDOW = env.int("APPLICATION_SAVE_RATE_WINDOW", default=3600)
# At most this many "become a host" posts per client address per window (seconds).
HOSTS_INTEREST_RATE_LIMIT = env.int("HOSTS_INTEREST_RATE_LIMIT", default=10)
HOSTS_INTEREST_RATE_WINDOW = env.int("HOSTS_INTEREST_RATE_WINDOW", default=3600)
# A host member may invite this many colleagues (each an email) per window (seconds).
HOST_INVITATION_RATE_LIMIT = env.int("HOST_INVITATION_RATE_LIMIT", default=10)
HOST_INVITATION_RATE_WINDOW = env.int("HOST_INVITATION_RATE_WINDOW", default=3600)
# A talent's ranking counts in matching once it has this many projects at this many different host
# organisations (lowered to what a cohort's approved projects offer): with three periods at three
# different hosts, a shorter list would leave the matching to place the talent blind, and a cut list
# must never be a way to be placed better (rotations/services/preferences.py, README "Ranking").
MATCHING_MIN_RANKED_PROJECTS = env.int("MATCHING_MIN_RANKED_PROJECTS", default=6)
MATCHING_MIN_RANKED_HOSTS = env.int("MATCHING_MIN_RANKED_HOSTS", default=3)
# Retention (the privacy page says the same): the CV of an application that was not accepted is
# deleted this many days after its cohort's start date (talents/services/retention.py); an email's
# body (text and HTML) is emptied this many days after it was written (eyeforai/mail/retention.py).
RETENTION_REJECTED_CV_DAYS = env.int("RETENTION_REJECTED_CV_DAYS", default=180)
RETENTION_OUTBOX_BODY_DAYS = env.int("RETENTION_OUTBOX_BODY_DAYS", default=90)
# A confirmed erasure whose task has not run this long after the confirmation is carried out by beat.
ERASURE_OVERDUE_AFTER_SECONDS = env.int("ERASURE_OVERDUE_AFTER_SECONDS", default=600)

# --- Email ------------------------------------------------------------------
globals().update(env.email("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Eye for AI <eyeforai@ai.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email the portal sends carries it once, added by eyeforai/mail/services.py (queue_rendered_email).
EMAIL_SUBJECT_PREFIX = "[Eye for AI] "
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Where notes meant for the programme team go (new host interest, …).
PROGRAMME_TEAM_EMAIL = env.str("PROGRAMME_TEAM_EMAIL", default="eyeforai-team@ai.se")

# --- Celery -----------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker the quick start runs every task in-process, right after the commit that queued it.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="eyeforai")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# A request that commits while Redis is down must not hang on the publish: two short tries, then
# the outbox row waits for the re-dispatcher (worst case about 2 x 2 s connect timeouts).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Outbox: how often and how hard delivery is tried.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_STUCK_AFTER_SECONDS = env.int("OUTBOX_STUCK_AFTER_SECONDS", default=300)
# The re-dispatcher runs this often and picks up rows queued longer ago than the grace period.
OUTBOX_REDISPATCH_EVERY_SECONDS = env.int("OUTBOX_REDISPATCH_EVERY_SECONDS", default=60)
OUTBOX_REDISPATCH_AFTER_SECONDS = env.int("OUTBOX_REDISPATCH_AFTER_SECONDS", default=30)

# Every periodic task, in CELERY_TIMEZONE (Europe/Stockholm). Each email's idempotency key keeps a
# re-run from sending twice. Early morning: placement statuses first, then the reminders that read them.
CELERY_BEAT_SCHEDULE = {
    "mail.redispatch": {
        "task": "mail.redispatch_waiting_emails",
        "schedule": float(OUTBOX_REDISPATCH_EVERY_SECONDS),
    },
    "talents.daylog_reminders": {
        "task": "talents.send_daylog_reminders",
        "schedule": crontab(hour=9, minute=0, day_of_week="fri"),
    },
    "talents.draft_reminders": {"task": "talents.send_draft_reminders", "schedule": crontab(minute=15)},
    "rotations.advance_placements": {"task": "rotations.advance_placements", "schedule": crontab(hour=5, minute=0)},
    "rotations.send_placement_reminders": {
        "task": "rotations.send_placement_reminders",
        "schedule": crontab(hour=5, minute=15),
    },
    "rotations.send_preference_reminders": {
        "task": "rotations.send_preference_reminders",
        "schedule": crontab(hour=9, minute=30),
    },
    # The course's one reminder after seven days without progress; nudged_at makes it once per participant.
    "courses.nudge_quiet_participants": {
        "task": "courses.nudge_quiet_participants",
        "schedule": crontab(hour=9, minute=45),
    },
    # A seat offered from a workshop's waiting list and not taken in time passes to the next in line.
    "courses.expire_offers": {"task": "courses.expire_offers", "schedule": crontab(minute="*/5")},
    "courses.send_workshop_reminders": {"task": "courses.send_workshop_reminders", "schedule": crontab(minute=5)},
    # A scheduled post goes public within a minute of its time.
    "blog.publish_scheduled_posts": {"task": "blog.publish_scheduled_posts", "schedule": crontab(minute="*")},
    # Retention, at night: CVs of applications not accepted, then old outbox bodies.
    "talents.delete_expired_cvs": {"task": "talents.delete_expired_cvs", "schedule": crontab(hour=3, minute=30)},
    "mail.discard_old_bodies": {"task": "mail.discard_old_bodies", "schedule": crontab(hour=3, minute=45)},
    # A confirmed erasure whose task was lost (broker down, worker killed) is not left waiting.
    "portal.erase_overdue_accounts": {"task": "portal.erase_overdue_accounts", "schedule": crontab(minute="*/10")},
}

# --- Security ---------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand in front of gunicorn, each appending to X-Forwarded-For (the TLS proxy
# the README recommends: 1). The client's address, for every rate limit, is the Nth entry from the
# right (eyeforai.ratelimit.client_address); 0 reads no header, for gunicorn facing the internet.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# allauth asks the adapter (portal/allauth_adapter.py), which asks client_address; its own reading of
# the header is given the same count in case a later allauth reads it directly.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for allauth's TOTP QR code, rendered as an inline SVG image.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Calendar tokens and emailed keys in addresses are masked in every log line ("Not Found: <path>",
    # runserver's access log); gunicorn's access log masks them too (./gunicorn.conf.py).
    "filters": {"mask_secrets": {"()": "eyeforai.http.access_log.MaskSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_secrets"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print its records unmasked: they go to ours.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},  # runserver's access log
        # fpdf2 subsets the statement's font (courses/certificates.py) with fontTools, a dozen INFO lines each time.
        "fontTools": {"level": "WARNING"},
    },
}
