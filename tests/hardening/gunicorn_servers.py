"""Several gunicorn servers started as production starts them (README, "Running in production"), on
this test run's PostgreSQL and Redis, and a visitor that talks to any of them as it would through the
load balancer in front."""

import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from django.conf import settings

from eyeforai.celery import app as celery_app
from tests.conftest_helpers import free_port, wait_until
from tests.workers import test_database_url

GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "127.0.0.1"


def production_env(*, media_root, email_url):
    """What every server shares with the others and with this test run: secret, database, Redis, files."""
    return {
        **os.environ,
        "DEBUG": "false",
        # The workers open the sealed bodies of emails a server queued (a reset link) with the same key.
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": test_database_url(),
        # The broker's Redis database holds the cache too: Django's keys (":1:…") never meet Celery's.
        "CACHE_URL": settings.CELERY_BROKER_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": celery_app.conf.task_default_queue,
        "EMAIL_URL": email_url,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; no TLS proxy in front here
        "SESSION_COOKIE_SECURE": "false",
        "TRUSTED_PROXY_COUNT": "1",  # the visitor's X-Forwarded-For stands for the load balancer's
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path


def _start(name, *, env, log_dir):
    port, log = free_port(), log_dir / f"gunicorn-{name}.log"
    # Each its own control socket, or none: by default every gunicorn on a machine takes the same path
    # (~/.gunicorn/gunicorn.ctl), the last one started answering for all.
    command = [str(GUNICORN), "eyeforai.wsgi", "--bind", f"{HOST}:{port}", "--workers", "2", "--no-control-socket"]
    with log.open("w") as output:  # reads ./gunicorn.conf.py (threads, masked access log) from BASE_DIR
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT)
    return Server(name, port, process, log)


def _healthy(server):
    if server.process.poll() is not None:
        raise AssertionError(f"gunicorn {server.name} exited:\n{server.log.read_text()}")
    try:
        with urllib.request.urlopen(f"http://{HOST}:{server.port}/healthz", timeout=5) as response:
            return response.status == 200
    except OSError:  # not listening yet, or 503 while the database or broker is unreachable
        return False


def _stop(servers):
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextmanager
def gunicorn_servers(names, *, env, log_dir):
    """One server per name, each on a free port; yields them once every /healthz answers 200."""
    servers = []
    try:
        for name in names:
            servers.append(_start(name, env=env, log_dir=log_dir))
        for server in servers:
            wait_until(lambda server=server: _healthy(server), timeout=60, message=f"gunicorn {server.name}'s /healthz")
        yield servers
    finally:
        _stop(servers)


@dataclass
class Response:
    status: int
    headers: dict
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser at client `address`: every request arrives as through one proxy (X-Forwarded-For).

    Its cookies are kept per host, not per port, as a browser keeps them for the one site name the load
    balancer answers: whichever server answers a request gets the cookies another one set. Redirects are
    returned, not followed.
    """

    def __init__(self, address):
        self.address = address
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def get(self, server, path, *, headers=None):
        url = f"http://{HOST}:{server.port}{path}"
        return self._open(urllib.request.Request(url, headers=self._headers(headers)))

    def post(self, server, path, data):
        url, body = f"http://{HOST}:{server.port}{path}", urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, headers=self._headers(None)))

    def cookie(self, name):
        return next(cookie.value for cookie in self.cookies if cookie.name == name)

    def _headers(self, extra):
        return {"X-Forwarded-For": self.address, **(extra or {})}

    def _open(self, request):
        try:
            with self._opener.open(request, timeout=30) as response:
                return Response(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Response(error.code, dict(error.headers), error.read().decode())


def csrf_token(page):
    """The token of the first form on `page` (a Response)."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
