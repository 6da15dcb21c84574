"""In-process cost of a page: CPU milliseconds per request through Django's test client, and where
they go (cProfile), on the benchmark's database. The figure wrk cannot give on a noisy machine: it
counts this process's CPU only, so other load on the machine does not move it.

Used by `make bench-load` (the "cpu ms" column) and by hand:

    python -m tests.bench.inprocess --profile /talent/ talent      # top functions of one page
"""

import cProfile
import io
import pstats
import time

from django.test import Client, override_settings

BENCH_URLCONF = "tests.bench.urls"


def _client(cookie):
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)
    if cookie:
        client.defaults["HTTP_COOKIE"] = cookie
    return client


def _request(client, path, *, method="GET", body=None, content_type=None):
    if method == "POST":
        return client.post(path, data=body, content_type=content_type)
    return client.get(path)


def cpu_ms(path, cookie, *, requests=30, **request):
    """Median CPU milliseconds of one request to `path` with `cookie`, after two warm-up requests."""
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        client = _client(cookie)
        for _ in range(2):
            _request(client, path, **request)
        samples = []
        for _ in range(requests):
            started = time.process_time()
            _request(client, path, **request)
            samples.append((time.process_time() - started) * 1000)
    samples.sort()
    return samples[len(samples) // 2]


def profile(path, cookie, *, requests=20, top=35, **request):
    """cProfile's cumulative-time table for `requests` requests to `path` (after a warm-up)."""
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        client = _client(cookie)
        _request(client, path, **request)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            _request(client, path, **request)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()
