"""A real Celery beat process, and pointing this test process's Celery app at another broker."""

import os
import subprocess
from contextlib import contextmanager

from django.conf import settings

from eyeforai.celery import app as celery_app
from tests.workers import CELERY, test_database_url


@contextmanager
def _process(arguments, extra_env):
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CELERY_TASK_DEFAULT_QUEUE": celery_app.conf.task_default_queue,
        **extra_env,
    }
    process = subprocess.Popen([str(CELERY), "-A", "eyeforai", *arguments], env=env, cwd=settings.BASE_DIR)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def beat_process(schedule_file, *, extra_env):
    """`celery beat` on this test process's queue; its schedule (the re-dispatcher) comes from the settings."""
    return _process(["beat", "--loglevel=WARNING", "-s", str(schedule_file)], extra_env)


def worker_process(*, extra_env):
    """A `celery worker` on this test process's queue, not waited for: for a test in which the broker
    is about to go away, so work reaches the worker whenever it is ready (tests/workers.py pings)."""
    queue = celery_app.conf.task_default_queue
    arguments = ["worker", "-Q", queue, "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
    return _process(arguments, extra_env)


def _drop_connections():
    # The app holds a connection pool and a producer pool bound to the old URL; forget both so the
    # next publish (the outbox's dispatch) connects to the broker now configured. They are not
    # closed: kombu keeps one pool per URL in a registry and would hand the closed one back later.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def app_on_broker(url):
    """This process publishes to `url` (e.g. a throwaway redis-server) until the block ends."""
    names = ("broker_url", "broker_read_url", "broker_write_url")  # Celery resolves the last two at start-up
    previous = {name: celery_app.conf[name] for name in names}
    celery_app.conf.update(dict.fromkeys(names, url))
    _drop_connections()
    try:
        yield
    finally:
        celery_app.conf.update(previous)
        _drop_connections()
