"""The product's WSGI application with tests/bench/urls.py as its URLconf (trivial view added)."""

import os

import django
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eyeforai.settings")
django.setup()
# Before the first request builds the resolver; everything else is the production configuration.
settings.ROOT_URLCONF = "tests.bench.urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the URLconf is chosen

application = get_wsgi_application()
