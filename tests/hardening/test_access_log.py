"""Access logs (runserver's and gunicorn's) never hold a calendar token or an emailed key in full.

Both servers are started for real, as the README starts them, and asked for addresses carrying secrets.
"""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from eyeforai.http.access_log import mask_secrets
from rotations.models.calendars import new_calendar_token
from tests.conftest_helpers import free_port, wait_until
from tests.workers import test_database_url as database_url


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '"GET /talent/calendar.ics?token=Zx9abcdefgh HTTP/1.1" 200 12',
            '"GET /talent/calendar.ics?token=Zx9a*** HTTP/1.1" 200 12',
        ),
        ("/host/calendar.ics?lang=en&token=Zx9abcdefgh&x=1", "/host/calendar.ics?lang=en&token=Zx9a***&x=1"),
        ("/accounts/confirm-email/MTI:1tQ2:abcdefgh/", "/accounts/confirm-email/MTI:***/"),
        ("/accounts/password/reset/key/1b-cdef0123456789/", "/accounts/password/reset/key/1b-cdef***/"),
        ("/accounts/password/reset/key/1b-set-password/", "/accounts/password/reset/key/1b-set-password/"),
        ("/host/invitations/k3ZqQw1234567/", "/host/invitations/k3Zq***/"),
        (
            "/accounts/login/?next=%2Fhost%2Finvitations%2Fk3ZqQw1234567%2F",
            "/accounts/login/?next=%2Fhost%2Finvitations%2Fk3Zq***%2F",
        ),
        ("/hosts/?sector=pharma", "/hosts/?sector=pharma"),
    ],
)
def test_secrets_in_addresses_are_masked_keeping_four_characters(line, expected):
    assert mask_secrets(line) == expected


def secret_addresses():
    """Secrets, and addresses carrying them: a feed, an invitation link and the sign-in page it leads to."""
    token, key = new_calendar_token(), new_calendar_token()
    paths = [
        f"/talent/calendar.ics?token={token}",
        f"/host/invitations/{key}/",
        f"/accounts/login/?next=%2Fhost%2Finvitations%2F{key}%2F",
    ]
    return [token, key], paths


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def answers(port):
    try:
        get(port, "/healthz")
    except OSError:
        return False
    return True


def serve(command, *, env, port):
    process = subprocess.Popen(
        command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_until(lambda: answers(port), timeout=60, message=f"{command[0]} on port {port}")
    except AssertionError:
        process.kill()
        raise
    return process


def stop(process):
    process.terminate()
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def server_env(**extra):
    return {**os.environ, "DATABASE_URL": database_url(), "ALLOWED_HOSTS": "127.0.0.1", **extra}


def test_gunicorn_started_as_the_readme_says_masks_secrets_in_its_access_log(transactional_db, tmp_path):
    port, log = free_port(), tmp_path / "access.log"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "eyeforai.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", str(log)]
    process = serve(command, env=server_env(), port=port)
    secrets, paths = secret_addresses()
    try:
        for path in paths:
            get(port, path)
    finally:
        output = stop(process)
    written = log.read_text()
    assert "/talent/calendar.ics?token=" in written and "/host/invitations/" in written, output
    for secret in secrets:
        assert secret not in written and f"{secret[:4]}***" in written


def test_runserver_masks_secrets_in_its_access_log(transactional_db):
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
    process = serve(command, env=server_env(DEBUG="true"), port=port)
    secrets, paths = secret_addresses()
    try:
        for path in paths:
            get(port, path)
    finally:
        output = stop(process)
    assert "/talent/calendar.ics?token=" in output and "/host/invitations/" in output, output
    for secret in secrets:
        assert secret not in output and f"{secret[:4]}***" in output
