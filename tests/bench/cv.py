"""`make bench-cv`: hostile CVs uploaded to the portal while a second client reads /healthz.

Seeds the demo programme into a database of its own, serves it with gunicorn under production
settings on loopback (the helpers of `make bench-load`), signs in as the demo talent with a draft
application, and uploads each PDF of tests/hostile_pdfs.py as their CV: object streams that inflate
to 40 MB each, an object stream of 400,000 objects, a content-stream bomb, arrays and dictionaries
nested 100,000 deep, 5 MB of array tokens, 62,000 pages (with an honest and a lying /Count), cyclic
page trees and cross-reference chains, cross-reference sections of 60 million and 240,000 entries;
then two and four at once. Meanwhile another thread reads /healthz in a loop.

Prints per upload: the answer's time and message, and /healthz latency p50/p95/max while it ran.
A benchmark, not a test: exits 0 whatever the figures. Loopback only; a couple of minutes in all.
"""

import argparse
import html
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from tests.bench.load import BASE_DIR, HOST, bench_env, serve
from tests.bench.setup import prepare, recreate_database
from tests.hostile_pdfs import KINDS, content_bomb, objstm_bomb, wide_arrays

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One person's cookies over plain http.client; redirects are reported, not followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, *, body=None, headers=None, timeout=60):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return response.status, content

    def form_token(self, path):
        status, page = self.request("GET", path)
        match = TOKEN.search(page)
        if status != 200 or not match:
            raise SystemExit(f"GET {path} answered {status} without a form")
        return match.group(1).decode()


def sign_in(browser, email, password):
    token = browser.form_token("/accounts/login/")
    body = urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _ = browser.request("POST", "/accounts/login/", body=body, headers=headers)
    if status != 302:
        raise SystemExit(f"Signing in as {email} answered {status}, not a redirect")


def multipart(fields, *, name, filename, content):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def answer_message(status, page):
    if status == 302:
        return "saved"
    for pattern in (rb'id="id_cv_error">(.*?)</ul>', rb'class="form-errors"[^>]*>(.*?)</div>'):
        if match := re.search(pattern, page, re.DOTALL):
            return html.unescape(re.sub(r"<[^>]+>|\s+", " ", match.group(1).decode())).strip()
    return "(no message)"


def upload(browser, content):
    """(HTTP status, seconds, message) for saving the draft with `content` as its CV."""
    token = browser.form_token("/talent/application/")
    fields = {"csrfmiddlewaretoken": token, "action": "save", "motivation": "Benchmark draft"}
    body, content_type = multipart(fields, name="cv", filename="cv.pdf", content=content)
    started = time.monotonic()
    try:
        status, page = browser.request(
            "POST", "/talent/application/", body=body, headers={"Content-Type": content_type}
        )
    except OSError as error:
        return 0, time.monotonic() - started, f"no answer: {error}"
    return status, time.monotonic() - started, answer_message(status, page)


class HealthReader(threading.Thread):
    """Reads /healthz in a loop (a new connection each time, like a load balancer), keeping
    (started at, milliseconds, status) per request."""

    def __init__(self, port, pause=0.02):
        super().__init__(daemon=True)
        self.port, self.pause = port, pause
        self.samples = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            started = time.monotonic()
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=40)
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                response.read()
                status = response.status
                connection.close()
            except OSError:
                status = 0
            self.samples.append((started, (time.monotonic() - started) * 1000, status))
            self.done.wait(self.pause)

    def between(self, start, end):
        return [(ms, status) for at, ms, status in list(self.samples) if start <= at <= end]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


HEADER = (
    f"{'PDF':<38}{'size':>9}{'HTTP':>6}{'answer s':>10}  {'message':<58}"
    f"{'healthz n':>10}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'errors':>7}"
)


def row(label, size, status, seconds, message, samples):
    latencies = [ms for ms, _ in samples]
    errors = sum(status != 200 for _, status in samples)
    short = message if len(message) <= 56 else message[:55] + "…"
    print(
        f"{label:<38}{size / 1024:>7.0f}KB{status:>6}{seconds:>10.2f}  {short:<58}{len(samples):>10}"
        f"{percentile(latencies, 0.5):>8.1f}{percentile(latencies, 0.95):>8.1f}{max(latencies, default=0):>8.1f}"
        f"{errors:>7}",
        flush=True,
    )


def measure(reader, label, browser, content):
    started = time.monotonic()
    status, seconds, message = upload(browser, content)
    row(label, len(content), status, seconds, message, reader.between(started, time.monotonic()))


def measure_together(reader, label, browser, contents):
    """Several uploads at once (one per thread, the same account), /healthz across all of them."""
    results = [None] * len(contents)

    def one(index, content):
        results[index] = upload(browser, content)

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(i, c)) for i, c in enumerate(contents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples = reader.between(started, time.monotonic())
    slowest = max(results, key=lambda result: result[1])
    messages = " | ".join(sorted({message for _, _, message in results}))
    row(label, sum(map(len, contents)), slowest[0], slowest[1], messages, samples)


def generate():
    print("Generating the hostile PDFs ...", flush=True)
    pdfs = [(label, make()) for label, make in KINDS]
    from talents.cv import minimal_pdf  # noqa: PLC0415 - after django.setup()

    return [("a normal one-page CV", minimal_pdf(["Curriculum vitae", "Benchmark Talent"])), *pdfs]


def draft_talent_email():
    from talents.choices import ApplicationStatus  # noqa: PLC0415 - after django.setup()
    from talents.models import Application  # noqa: PLC0415

    draft = Application.objects.filter(status=ApplicationStatus.DRAFT, cohort__in=open_calls()).first()
    if draft is None:
        raise SystemExit("seed_demo made no draft application to an open call")
    return draft.talent.user.email


def open_calls():
    from eyeforai.programme.models import Cohort  # noqa: PLC0415 - after django.setup()

    return Cohort.objects.open_call()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (threads as in gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_CV_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eyeforai_bench_cv"),
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"))
    parser.add_argument("--broker-url", default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="eyeforai-bench-cv-"))
    env = {**bench_env(args, workdir / "static", workdir / "media"), "CELERY_BROKER_URL": args.broker_url}
    os.environ.update(env)  # this process reads the same database to find the talent
    print(f"Seeding seed_demo into {args.database_url} ...", flush=True)
    recreate_database(args.database_url)
    server = reader = None
    try:
        prepare(env, scale=1, cwd=BASE_DIR)
        import django  # noqa: PLC0415 - configured from the environment set above

        django.setup()
        from django.db import connections  # noqa: PLC0415

        from portal.management.commands.seed_demo import DEMO_PASSWORD  # noqa: PLC0415

        email = draft_talent_email()
        pdfs = generate()
        connections.close_all()
        for url in {args.cache_url, args.broker_url}:
            subprocess.run(["redis-cli", "-u", url, "FLUSHDB"], check=False, capture_output=True)
        server = serve(env, args.port, args.workers)
        browser = Browser(args.port)
        sign_in(browser, email, DEMO_PASSWORD)
        reader = HealthReader(args.port)
        reader.start()
        time.sleep(2)  # warm-up: the workers' first requests open connections and import lazily
        report(reader, browser, pdfs, args)
    finally:
        if reader:
            reader.done.set()
        if server:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
        recreate_database(args.database_url, drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)


def report(reader, browser, pdfs, args):
    from django.conf import settings  # noqa: PLC0415

    print(
        f"gunicorn {args.workers} workers (gunicorn.conf.py threads), production settings; CV check limits: "
        f"{settings.CV_CHECK_CPU_SECONDS} s CPU, {settings.CV_CHECK_MEMORY_MB} MB, "
        f"{settings.CV_CHECK_TIMEOUT_SECONDS} s wall clock, {settings.CV_MAX_PAGES} pages"
    )
    print(HEADER)
    print("-" * len(HEADER))
    started = time.monotonic()
    time.sleep(3)
    row("(no upload: /healthz alone, 3 s)", 0, 0, 0.0, "-", reader.between(started, time.monotonic()))
    for label, content in pdfs:
        measure(reader, label, browser, content)
    measure_together(reader, "two object-stream bombs at once", browser, [objstm_bomb(), objstm_bomb()])
    measure_together(reader, "5 MB of arrays + content bomb at once", browser, [wide_arrays(), content_bomb()])
    # More uploads at once than there are workers: threads keep /healthz answered.
    four = [wide_arrays(), content_bomb(), objstm_bomb(), wide_arrays()]
    measure_together(reader, f"four at once ({args.workers} workers)", browser, four)


if __name__ == "__main__":
    main()
