"""Real Celery worker processes on Redis, pointed at the test database, for delivery tests."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from eyeforai.celery import app as celery_app
from tests.conftest_helpers import wait_until

CELERY = Path(sys.executable).with_name("celery")


def test_database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def worker_processes(count, *, email_url, concurrency=1, extra_env=None):
    """Start `count` worker processes on this test process's queue; stop them on exit."""
    queue = celery_app.conf.task_default_queue
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "EMAIL_URL": email_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        **(extra_env or {}),
    }
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    processes = []
    try:
        for index in range(count):
            command = [
                str(CELERY), "-A", "eyeforai", "worker", "-Q", queue,
                f"--hostname=test-{queue}-{index}@%h", f"--concurrency={concurrency}",
                "--loglevel=WARNING", "--without-gossip", "--without-mingle",
            ]  # fmt: skip
            processes.append(subprocess.Popen(command, env=env, cwd=settings.BASE_DIR))
        names = {f"test-{queue}-{index}" for index in range(count)}

        def all_answer():
            replies = celery_app.control.ping(timeout=0.5) or []
            answered = {name.split("@")[0] for reply in replies for name in reply}
            return names <= answered

        wait_until(all_answer, timeout=60, message=f"{count} workers to answer a ping")
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
