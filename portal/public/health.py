"""Checks behind /healthz: can we reach the database and the broker?"""

from django.conf import settings
from django.db import connection


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    from eyeforai.celery import app  # noqa: PLC0415 - only the health check needs a broker connection

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def run_checks():
    """{name: "ok" | "not configured" | "error: …"} and whether all passed."""
    results = {}
    for name, check, configured in [
        ("database", check_database, True),
        ("broker", check_broker, bool(settings.CELERY_BROKER_URL)),
    ]:
        if not configured:
            results[name] = "not configured (tasks run in-process)"
            continue
        try:
            check()
        except Exception as error:  # any failure is a finding to report, not a crash
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    healthy = all(not value.startswith("error") for value in results.values())
    return results, healthy
