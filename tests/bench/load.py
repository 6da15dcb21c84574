"""`make bench-load`: seed a large programme, serve it with gunicorn under production settings on loopback, and
measure each page as the role that uses it.

Per page: saturated throughput (wrk, 50 connections), latency p50/p95/p99 at a fixed 100 requests a second
(tests/bench/pacer.py, open loop), and errors; against the ceiling of a trivial Django view measured in the same
run (at its start, midway and at its end; the median of the three); and the median CPU milliseconds of one
request in this process (tests/bench/inprocess.py), which other load on the machine does not move. A form (a
lesson's knowledge check) is posted the same ways, by several participants in turn, its success the 302 back to
the page. Prints a table; exits 0 whatever the figures (a benchmark, not a test).
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.bench.inprocess import cpu_ms, profile
from tests.bench.pacer import paced_run
from tests.bench.setup import (
    blog_author_path,
    blog_host_path,
    blog_post_path,
    blog_tag_path,
    board_path,
    host_page_path,
    knowledge_check_posts,
    lesson_path,
    prepare,
    project_page_path,
    recreate_database,
    signed_in_cookies,
)

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# (label, role, path or a callable giving it, target share of the ceiling). Issue 20's targets: public
# pages 0.5, every signed-in talent, host, course and blog page 0.07, the admin's list and board 0.03.
PUBLIC, SIGNED_IN, ADMIN = 0.5, 0.07, 0.03
PAGES = [
    ("/", "anonymous", "/", PUBLIC),
    ("/hosts/", "anonymous", "/hosts/", PUBLIC),
    ("a host's page", "anonymous", host_page_path, PUBLIC),
    ("a project's page", "anonymous", project_page_path, PUBLIC),
    ("/blog/", "anonymous", "/blog/", PUBLIC),
    ("a blog post", "anonymous", blog_post_path, PUBLIC),
    ("a blog tag's page", "anonymous", blog_tag_path, PUBLIC),
    ("a host's blog page", "anonymous", blog_host_path, PUBLIC),
    ("a blog author's page", "anonymous", blog_author_path, PUBLIC),
    ("the blog's Atom feed", "anonymous", "/blog/feed.atom", PUBLIC),
    ("/talent/", "talent", "/talent/", SIGNED_IN),
    ("/talent/days/", "talent", "/talent/days/", SIGNED_IN),
    ("/talent/application/", "talent", "/talent/application/", SIGNED_IN),
    ("/talent/blog/", "talent", "/talent/blog/", SIGNED_IN),
    ("/host/", "host member", "/host/", SIGNED_IN),
    ("/host/projects/", "host member", "/host/projects/", SIGNED_IN),
    ("/host/talents/", "host member", "/host/talents/", SIGNED_IN),
    ("/host/blog/", "host member", "/host/blog/", SIGNED_IN),
    ("/course/me/", "participant", "/course/me/", SIGNED_IN),
    ("a course lesson", "participant", lesson_path, SIGNED_IN),
    ("/course/workshops/", "participant", "/course/workshops/", SIGNED_IN),
    ("/facilitator/", "facilitator", "/facilitator/", SIGNED_IN),
    ("admin application list", "manager", "/admin/talents/application/", ADMIN),
    ("admin rotation board", "manager", board_path, ADMIN),
]
# Forms posted, as (label, role, path, target): each request from one of POSTERS participants in turn
# (one person's row locked POSTERS times over would measure the lock); success is the 302 back to the page.
POSTS = [
    ("lesson: check answered", "participant", lesson_path, SIGNED_IN),
]
POSTERS = 50
FORM = "application/x-www-form-urlencoded"


def bench_env(args, static_root, media_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eyeforai.settings",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; no TLS proxy in front here
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }


def wrk(url, cookie, *, seconds, connections=50, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    socket = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rate, non_2xx + socket


def answers_200(port, path, cookie):
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def posts_302_back(port, path, cookie, body):
    """A form post answers 302 back to `path` (not to the sign-in page, not a CSRF 403)."""
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}", data=body.encode(), headers={"Cookie": cookie, "Content-Type": FORM}
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "")
        return (302 if error.code == 302 and location.startswith(path) else error.code), location


def post_script(cookies, body, directory):
    """A wrk Lua script posting `body` as each of `cookies` in turn (the two threads start apart)."""
    quoted = ", ".join(f'"{cookie}"' for cookie in cookies)
    script = directory / "post.lua"
    script.write_text(
        f"""local cookies = {{{quoted}}}
local body = "{body}"
local started = 0
function setup(thread)
  thread:set("offset", started * 25)
  started = started + 1
end
local i = nil
function request()
  i = ((i or offset or 0) % #cookies) + 1
  return wrk.format("POST", nil, {{["Cookie"] = cookies[i], ["Content-Type"] = "{FORM}"}}, body)
end
"""
    )
    return script


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def measure(port, path, cookie, args):
    url = f"http://{HOST}:{port}{path}"
    wrk(url, cookie, seconds=1)  # warm-up: connections, caches, the workers' imports
    rate, errors = wrk(url, cookie, seconds=args.seconds)
    headers = {"Cookie": cookie} if cookie else {}
    paced = paced_run(host=HOST, port=port, path=path, headers=headers, rate=args.rate, seconds=args.seconds)
    return rate, errors + paced.errors, paced


def measure_post(port, path, cookies, body, args, directory):
    url = f"http://{HOST}:{port}{path}"
    script = post_script(cookies, body, directory)
    wrk(url, "", seconds=1, script=script)  # warm-up
    rate, errors = wrk(url, "", seconds=args.seconds, script=script)  # wrk counts a 3xx as answered
    headers = [{"Cookie": cookie, "Content-Type": FORM} for cookie in cookies]
    paced = paced_run(
        host=HOST, port=port, path=path, headers=headers, rate=args.rate, seconds=args.seconds,
        method="POST", body=body.encode(), ok_statuses=(302,),
    )  # fmt: skip
    return rate, errors + paced.errors, paced


def serve(env, port, workers):
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "tests.bench.wsgi", "--bind", f"{HOST}:{port}",
        "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=BASE_DIR)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if answers_200(port, "/bench/trivial", "") == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=42, help="seed_demo --scale (42: ~1,000 talents)")
    parser.add_argument("--seconds", type=int, default=5, help="length of each measurement")
    parser.add_argument("--rate", type=int, default=100, help="fixed request rate for the latency run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (threads as in gunicorn.conf.py)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eyeforai_bench"),
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"))
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--profile", metavar="LABEL", help="print cProfile's table for one page (a row's label) only")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="eyeforai-bench-"))
    env = bench_env(args, workdir / "static", workdir / "media")
    os.environ.update(env)  # this process reads the same database to sign the roles in
    print(f"Seeding seed_demo --scale {args.scale} into {args.database_url} ...", flush=True)
    recreate_database(args.database_url)
    server = None
    try:
        started = time.monotonic()
        prepare(env, scale=args.scale, cwd=BASE_DIR)
        import django  # noqa: PLC0415 - configured from the environment set above

        django.setup()
        print_counts(time.monotonic() - started)
        subprocess.run(["redis-cli", "-u", args.cache_url, "FLUSHDB"], check=False, capture_output=True)
        cookies = signed_in_cookies()
        pages = [(label, role, path() if callable(path) else path, target) for label, role, path, target in PAGES]
        posts = []
        for label, role, path, target in POSTS:
            path = path() if callable(path) else path  # noqa: PLW2901
            posts.append((label, role, path, target, *knowledge_check_posts(path, POSTERS)))
        if args.profile:
            print_profile(args.profile, pages, cookies)
            return
        cpu = in_process_cpu(pages, posts, cookies)
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
        server = serve(env, args.port, args.workers)
        report(args, cookies, pages, posts, workdir, cpu)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            from django.db import connections  # noqa: PLC0415

            if server:
                connections.close_all()
            recreate_database(args.database_url, drop_only=True)
        shutil.rmtree(workdir, ignore_errors=True)


def print_counts(seconds):
    from courses.models import LessonProgress, Participant  # noqa: PLC0415
    from hosts.models import HostOrganization  # noqa: PLC0415
    from rotations.models import Placement  # noqa: PLC0415
    from talents.models import DayLog, TalentProfile  # noqa: PLC0415

    counts = [
        f"{TalentProfile.objects.count()} talents",
        f"{HostOrganization.objects.count()} hosts",
        f"{DayLog.objects.count()} day logs",
        f"{Placement.objects.count()} placements",
        f"{Participant.objects.count()} course participants",
        f"{LessonProgress.objects.count()} lesson progress rows",
    ]
    print(f"Seeded in {seconds:.0f} s: {', '.join(counts)}.")


REFERENCES = [("trivial view", "/bench/trivial"), ("empty layout page", "/bench/empty")]


def in_process_cpu(pages, posts, cookies):
    """{label: median CPU ms of one request in this process} (tests/bench/inprocess.py), measured before
    gunicorn starts, so the machine's other load does not count: the trend a noisy run still shows."""
    print("Measuring each page's in-process CPU time ...", flush=True)
    cpu = {"trivial view (ceiling)": cpu_ms("/bench/trivial", "")}
    cpu.update({label: cpu_ms(path, cookies["talent"]) for label, path in REFERENCES})
    cpu.update({label: cpu_ms(path, cookies[role]) for label, role, path, _target in pages})
    for label, _role, path, _target, posters, body in posts:
        cpu[label] = cpu_ms(path, posters[0], method="POST", body=body, content_type=FORM)
    return cpu


def print_profile(label, pages, cookies):
    for page_label, role, path, _target in pages:
        if page_label == label:
            print(profile(path, cookies[role]))
            return
    raise SystemExit(f"No page labelled {label!r}; the labels: {', '.join(page[0] for page in pages)}")


def report(args, cookies, pages, posts, directory, cpu):
    workers = f"gunicorn {args.workers} workers (threads: gunicorn.conf.py)"
    print(f"{workers}; wrk 50 connections {args.seconds} s; {args.rate}/s open loop", flush=True)
    # The ceiling divides every row, so one noisy sample of it would move them all: it is measured at the
    # start, midway and at the end of the run, and the median of the three is the 1.000 of the table.
    ceilings = [measure(args.port, "/bench/trivial", "", args)]
    rows = []  # (label, role, measurement or the reason it was not measured, target, reference)
    # What every signed-in page pays before its own content: session, user, CSRF, the layout.
    for label, path in REFERENCES:
        rows.append((label, "talent", measure(args.port, path, cookies["talent"], args), None, True))
    for number, (label, role, path, target) in enumerate(pages):
        if number == len(pages) // 2:
            ceilings.append(measure(args.port, "/bench/trivial", "", args))
        status = answers_200(args.port, path, cookies[role])
        measured = measure(args.port, path, cookies[role], args) if status == 200 else f"answers {status}, not 200"
        rows.append((label, role, measured, target, False))
    for label, role, path, target, posters, body in posts:
        status, location = posts_302_back(args.port, path, posters[0], body)
        if status == 302:
            measured = measure_post(args.port, path, posters, body, args, directory)
        else:
            measured = f"answers {status} {location}, not 302 back"
        rows.append((label, role, measured, target, False))
    ceilings.append(measure(args.port, "/bench/trivial", "", args))
    ceiling_rate, errors0, ceiling_paced = sorted(ceilings, key=lambda sample: sample[0])[1]
    samples = ", ".join(f"{sample[0]:.0f}" for sample in ceilings)
    print(f"The trivial view's req/s at the start, midway and at the end: {samples}; the median is the ceiling.")
    header = f"{'page':<24}{'role':<13}{'req/s @50':>10}{'x ceiling':>10}{'target':>8}{'p50 ms':>8}{'p95 ms':>8}"
    header += f"{'p99 ms':>8}{'errors':>8}{'cpu ms':>8}  verdict"
    print(header)
    print("-" * len(header))
    label = "trivial view (ceiling)"
    row(label, "anonymous", ceiling_rate, share=1.0, target=None, paced=ceiling_paced, errors=errors0, cpu=cpu[label])
    missed = 0
    for label, role, measured, target, reference in rows:
        if isinstance(measured, str):
            print(f"{label:<24}{role:<13} {measured}: not measured")
            missed += 1
            continue
        rate, errors, paced = measured
        met = row(
            label,
            role,
            rate,
            share=rate / ceiling_rate,
            target=target,
            paced=paced,
            errors=errors,
            cpu=cpu[label],
            reference=reference,
        )
        missed += not (met or reference)
    total = len(pages) + len(posts)
    print(f"{total - missed} of {total} pages meet their targets.")


def row(label, role, rate, *, share, target, paced, errors, cpu, reference=False):
    p50, p95, p99 = (paced.percentile(q) for q in (0.50, 0.95, 0.99))
    ok = errors == 0 and p95 <= 50 and (target is None or share >= target)
    verdict = "reference" if reference else "ok" if ok else "MISSED"
    print(
        f"{label:<24}{role:<13}{rate:>10.0f}{share:>10.3f}{(f'{target:.2f}' if target else '-'):>8}"
        f"{p50:>8.1f}{p95:>8.1f}{p99:>8.1f}{errors:>8}{cpu:>8.1f}  {verdict}",
        flush=True,
    )
    return ok


if __name__ == "__main__":
    main()
