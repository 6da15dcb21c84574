"""Small helpers shared by fixtures and tests (kept out of conftest.py so modules can import them)."""

import re
import socket
import time


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout=30.0, interval=0.05, message="condition"):
    """Poll a real process (worker, server) until `condition()` is true; fail after `timeout` seconds.

    This waits for work another process does, it does not simulate time: tests of time use time_machine.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def person_loaded_afresh():
    """The next request loads the signed-in person from the database (portal/signed_in_user.py), as after
    any write to the account tables, so a query count includes that load whatever the test did before."""
    from eyeforai import write_watch  # noqa: PLC0415 - Django is set up by then
    from portal import signed_in_user  # noqa: PLC0415 - Django is set up by then

    write_watch.new_generation(signed_in_user.GENERATION_KEY)


def admin_pages_built_afresh():
    """The next view of a kept admin page (eyeforai/admintools/kept_pages.py) builds it from the database,
    as after any write to the tables it reads: its response has its context and its query count is the
    whole page's."""
    from eyeforai import write_watch  # noqa: PLC0415 - Django is set up by then
    from eyeforai.admintools import kept_pages  # noqa: PLC0415 - Django is set up by then

    write_watch.new_generation(kept_pages.GENERATION_KEY)


def erase_now(user, manager, capture_on_commit):
    """Erase `user`'s account as a manager confirms it (portal/erasure.py), running what waits for the
    commit (files deleted, kept copies forgotten again): `capture_on_commit` is the
    django_capture_on_commit_callbacks fixture."""
    from portal import erasure  # noqa: PLC0415 - Django is set up by then

    request = erasure.request_erasure(user, by=user)
    erasure.confirm_erasure(request, by=manager)
    with capture_on_commit(execute=True):
        erasure.erase_account(request)


def without_tokens(html):
    """The page without its forms' CSRF tokens, which each request (and each render) masks anew."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
