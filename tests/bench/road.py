"""`make bench-road`: the road to 800's figures and pages at 10,000 participants, and at 1,000 for the growth.

In a database of its own (dropped after): migrate and collectstatic, then participants written in bulk, spread
unevenly over the listed public bodies (some counties dense, several with nobody) and over the past 18 months:
about 40 % through the self-study part, 25 % completed after a workshop, with the ~60 sessions they booked.
First --small participants, then the rest up to --participants, each followed by VACUUM ANALYZE and the
measurements: per figure or page, its queries and the median and p95 of --runs runs after two warm-ups, called
in this process under production settings (DEBUG off) through Django's test client where it is a page.
Prints a table; exits 0 whatever the figures (a benchmark, not a test).
"""

import argparse
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

from tests.bench.load import bench_env
from tests.bench.setup import MANAGE, recreate_database, session_cookie

BASE_DIR = Path(__file__).resolve().parents[2]
BATCH_SIZE = 1000
HISTORY_DAYS = 548  # 18 months of sign-ups
PAST_SESSIONS, UPCOMING_SESSIONS = 48, 12
# Where leaders work: listed municipalities, regions and agencies, and "other public organisation" (unmapped).
KIND_SHARES = {"municipality": 0.65, "region": 0.15, "agency": 0.15, "other": 0.05}
DENSE_COUNTIES = {"01": 12.0, "14": 8.0, "12": 6.0}  # Stockholm, Västra Götaland, Skåne
EMPTY_COUNTIES = 4  # counties (their region and municipalities) nobody has joined from
# (city, county code) of the in-person sessions; every other session is digital.
CITIES = [("Stockholm", "01"), ("Göteborg", "14"), ("Malmö", "12"), ("Umeå", "24"), ("Linköping", "05")]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10_000, help="participants at the second measurement")
    parser.add_argument("--small", type=int, default=1_000, help="participants at the first measurement (0: skip)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure or page")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eyeforai_bench_road"),
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()
    sizes = [size for size in (args.small, args.participants) if 0 < size <= args.participants]

    workdir = Path(tempfile.mkdtemp(prefix="eyeforai-bench-road-"))
    # The test client asks for host "testserver"; everything else as bench-load's gunicorn has it.
    env = {**bench_env(args, workdir / "static", workdir / "media"), "ALLOWED_HOSTS": "testserver"}
    os.environ.update(env)
    print(f"Migrating {args.database_url} ...", flush=True)
    recreate_database(args.database_url)
    try:
        started = time.monotonic()
        for command in (
            ["migrate", "--noinput", "--verbosity", "0"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
        ):
            subprocess.run([*MANAGE, *command], env=env, cwd=BASE_DIR, check=True)
        subprocess.run(["redis-cli", "-u", args.cache_url, "FLUSHDB"], check=False, capture_output=True)
        import django  # noqa: PLC0415 - configured from the environment set above

        django.setup()
        print(f"Migrated and collected static files in {time.monotonic() - started:.0f} s.", flush=True)
        results = run(args, sizes)
        print_table(sizes, results, args.runs)
    finally:
        if "django.db" in sys.modules:
            sys.modules["django.db"].connections.close_all()  # FORCE would end them anyway; this says goodbye
        if not args.keep:
            recreate_database(args.database_url, drop_only=True)
        subprocess.run(["redis-cli", "-u", args.cache_url, "FLUSHDB"], check=False, capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, sizes):
    """{size: [(label, queries, median ms, p95 ms)]}, seeding up to each size before measuring it."""
    from courses.models import PublicBody  # noqa: PLC0415

    plan = Plan(list(PublicBody.objects.all()), sessions=sessions(args.participants))
    manager = course_manager()
    print(f"Nobody joins from these counties (their region and municipalities): {', '.join(plan.empty_counties)}.")
    results, made = {}, 0
    for size in sizes:
        started = time.monotonic()
        seed(plan, range(made, size))
        made = size
        analyze()
        print(f"{size:,} participants written and analysed in {time.monotonic() - started:.1f} s: {summary()}")
        results[size] = measure_all(manager, args.runs)
    return results


# --- The data ----------------------------------------------------------------------------------------------


def sessions(participants):
    """~60 sessions: 48 past (one every ten days until last week) and 12 upcoming, each with seats enough
    that the completed quarter of `participants` fits in the past ones with room to spare."""
    from django.utils import timezone  # noqa: PLC0415

    from courses.choices import BodyKind, PartnerOrganisation, SessionFormat  # noqa: PLC0415
    from courses.models import PublicBody, Session  # noqa: PLC0415

    capacity = max(20, math.ceil(participants * 0.25 * 1.3 / PAST_SESSIONS / 10) * 10)
    regions = {body.county_code: body for body in PublicBody.objects.filter(kind=BodyKind.REGION)}
    today = timezone.localdate()
    days = [-7 - 10 * n for n in range(PAST_SESSIONS)] + [7 * (n + 1) for n in range(UPCOMING_SESSIONS)]
    organisations = list(PartnerOrganisation)
    rows = []
    for n, offset in enumerate(days):
        starts_at = timezone.make_aware(datetime.combine(today + timedelta(days=offset), clock(9)))
        city, county = CITIES[n // 2 % len(CITIES)] if n % 2 else ("", "")
        rows.append(
            Session(
                format=SessionFormat.IN_PERSON if city else SessionFormat.DIGITAL,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=7),
                language="sv" if n % 5 else "en",
                capacity=capacity,
                organisation=organisations[n % len(organisations)],
                meeting_url="" if city else f"https://meet.example.se/bench-road-{n}",
                city=city,
                region=regions.get(county),
                created_at=starts_at - timedelta(days=60),
            )
        )
    return Session.objects.bulk_create(rows)


class Plan:
    """Who joins from where and when: draws from a random.Random per participant, so the first 1,000 are
    the same people whatever --participants is. Keeps the seats each session has left across phases."""

    def __init__(self, bodies, sessions):
        from django.utils import timezone  # noqa: PLC0415

        from courses.choices import BodyKind  # noqa: PLC0415

        rng = random.Random("road-to-800 bodies")
        regions = sorted((b for b in bodies if b.kind == BodyKind.REGION), key=lambda b: b.county_code)
        quiet = [r.county_code for r in regions if r.county_code not in DENSE_COUNTIES]
        empty = set(rng.sample(quiet, EMPTY_COUNTIES))
        county_weight = {
            r.county_code: 0.0 if r.county_code in empty else DENSE_COUNTIES.get(r.county_code, rng.uniform(0.3, 2))
            for r in regions
        }
        self.empty_counties = sorted(r.name for r in regions if r.county_code in empty)
        municipalities = [b for b in bodies if b.kind == BodyKind.MUNICIPALITY]
        rng.shuffle(municipalities)
        # Within a county a few municipalities are dense and most have a leader or two (1 / rank).
        rank, seen = {}, {}
        for body in municipalities:
            seen[body.county_code] = rank[body.pk] = seen.get(body.county_code, 0) + 1
        agencies = [b for b in bodies if b.kind == BodyKind.AGENCY]
        rng.shuffle(agencies)
        self.choices = {
            "municipality": (municipalities, [county_weight[b.county_code] / rank[b.pk] for b in municipalities]),
            "region": (regions, [county_weight[r.county_code] for r in regions]),
            "agency": (agencies, [1 / (n + 1) for n in range(len(agencies))]),
        }
        now = timezone.now()
        self.past = [s for s in sessions if s.ends_at < now]
        self.upcoming = [s for s in sessions if s.starts_at > now]
        self.taken = {}

    def body(self, rng):
        kind = rng.choices(list(KIND_SHARES), weights=list(KIND_SHARES.values()))[0]
        if kind == "other":
            return None
        bodies, weights = self.choices[kind]
        return rng.choices(bodies, weights=weights)[0]

    def seat(self, rng, candidates):
        """A session of `candidates` with a seat left (a random one first, then the next), or None."""
        start = rng.randrange(len(candidates)) if candidates else 0
        for session in candidates[start:] + candidates[:start]:
            if self.taken.get(session.pk, 0) < session.capacity:
                self.taken[session.pk] = self.taken.get(session.pk, 0) + 1
                return session
        return None


def seed(plan, indices):
    """Users with the role, participants, and the bookings of those who took or booked a workshop."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.db.models import F  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from courses.choices import LeaderRole  # noqa: PLC0415
    from courses.models import Booking, Participant, Session  # noqa: PLC0415
    from eyeforai.accounts.choices import Role  # noqa: PLC0415

    now = timezone.now()
    before = dict(plan.taken)
    people, bookings = [], []
    for index in indices:
        rng = random.Random(f"road-to-800 {index}")
        body = plan.body(rng)
        row = {
            "title": "Head of unit",
            "role": rng.choices(list(LeaderRole), weights=[25, 45, 20, 10])[0],
            "public_body": body,
            "other_organisation": "" if body else f"Kommunalförbund {index % 40}",
            "joined_at": now - timedelta(days=HISTORY_DAYS * rng.random() ** 1.4),  # more of them lately
        }
        stage, session = rng.random(), None
        if stage < 0.25:
            # Completed: a past workshop they attended, after the self-study part done before it.
            session = plan.seat(rng, plan.past)
            if session is not None:
                earliest = max(now - timedelta(days=HISTORY_DAYS), session.starts_at - timedelta(days=200))
                row["joined_at"] = earliest + (session.starts_at - timedelta(days=3) - earliest) * rng.random()
                row["part_one_completed_at"] = row["joined_at"] + (session.starts_at - row["joined_at"]) * 0.8
                row["part_two_completed_at"] = row["completed_at"] = session.ends_at
        if "completed_at" not in row and stage < 0.40:
            row["part_one_completed_at"] = row["joined_at"] + (now - row["joined_at"]) * rng.uniform(0.2, 0.9)
            if rng.random() < 0.5:  # half of them have booked an upcoming workshop
                session = plan.seat(rng, plan.upcoming)
        row["last_progress_at"] = row.get("part_one_completed_at") or row["joined_at"]
        people.append((index, row, session))

    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                email=f"leader-{index}@road.bench.example",
                first_name="Leader",
                last_name=str(index),
                password="!",  # no password: these people never sign in here
                role=Role.COURSE_PARTICIPANT,
                date_joined=row["joined_at"],
            )
            for index, row, _session in people
        ],
        batch_size=BATCH_SIZE,
    )
    participants = Participant.objects.bulk_create(
        [Participant(user=user, **row) for user, (_index, row, _session) in zip(users, people, strict=True)],
        batch_size=BATCH_SIZE,
    )
    for participant, (_index, row, session) in zip(participants, people, strict=True):
        if session is not None:
            booked_at = row["part_one_completed_at"] + (min(session.starts_at, now) - row["part_one_completed_at"]) / 2
            bookings.append(
                Booking(
                    session=session, participant=participant, booked_at=booked_at, attended_at=row.get("completed_at")
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
    for pk, taken in plan.taken.items():
        if taken != before.get(pk, 0):
            Session.objects.filter(pk=pk).update(seats_held=F("seats_held") + taken - before.get(pk, 0))


def analyze():
    # Fresh statistics, as autovacuum would have gathered on a live database (tests/bench/setup.py says why).
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def summary():
    from django.utils import timezone  # noqa: PLC0415

    from courses.models import Booking  # noqa: PLC0415
    from courses.road_to_800 import dashboard  # noqa: PLC0415

    figures = dashboard(timezone.now())
    totals = figures.totals
    return (
        f"{totals.part_one:,} through part 1, {totals.completed:,} completed, {Booking.objects.count():,} bookings; "
        f"{figures.municipalities_reached} of {figures.municipalities} municipalities and "
        f"{figures.regions_reached} of {figures.regions} regions reached, {len(figures.agencies_reached)} agencies."
    )


def course_manager():
    """A course manager with TOTP, as the admin requires."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: PLC0415
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.models import Group  # noqa: PLC0415

    from eyeforai.accounts.permissions import COURSE_MANAGERS_GROUP  # noqa: PLC0415

    manager = get_user_model().objects.create_user(email="course.manager@road.bench.example", is_staff=True)
    manager.groups.add(Group.objects.get(name=COURSE_MANAGERS_GROUP))
    TOTP.activate(manager, generate_totp_secret())
    return manager


# --- The measurements --------------------------------------------------------------------------------------


def measure_all(manager, runs):
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from courses.progress_to_goal import goal_progress  # noqa: PLC0415
    from courses.road_to_800 import dashboard, public_reach  # noqa: PLC0415

    signed_in = Client(raise_request_exception=True)
    # A session as a sign-in with the second factor leaves it (the admin's MFA middleware asks for it).
    for cookie in session_cookie(manager).split("; "):
        name, value = cookie.split("=", 1)
        signed_in.cookies[name] = value
    anonymous = Client(raise_request_exception=True)
    cases = [
        ("road_to_800.dashboard()", lambda: dashboard(timezone.now())),
        ("road_to_800.public_reach()", public_reach),
        ("progress_to_goal.goal_progress()", goal_progress),
        ("/admin/road-to-800/ (manager)", lambda: page(signed_in, reverse("portal:road_to_800"))),
        ("the CSV export (manager)", lambda: page(signed_in, reverse("portal:road_to_800_export"))),
        ("/course/ (anonymous)", lambda: page(anonymous, reverse("courses:course"))),
    ]
    return [(label, *measure(call, runs)) for label, call in cases]


def page(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}, not 200: nothing to measure")
    return response.content


def measure(call, runs, warmups=2):
    """(queries, median ms, p95 ms): the queries of one call after the warm-ups, the times of `runs` more."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    for _ in range(warmups):
        call()
    with CaptureQueriesContext(connection) as queries:
        call()
    count = len(queries)  # now: the next request's request_started empties the log it reads
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return count, statistics.median(times), times[math.ceil(0.95 * len(times)) - 1]


def print_table(sizes, results, runs):
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"\nQueries, then median and p95 in ms of {runs} runs after 2 warm-ups, in-process, DEBUG off.")
    print(f"{os.cpu_count()} CPUs, load average {load} (other work on the machine shows in the times).")
    header = f"{'':<34}" + "".join(f"{f'{size:,} participants':>30}" for size in sizes)
    columns = f"{'':<34}" + f"{'queries':>10}{'median':>10}{'p95':>10}" * len(sizes)
    print(header)
    print(columns)
    print("-" * len(columns))
    for n, (label, *_figures) in enumerate(results[sizes[0]]):
        line = f"{label:<34}"
        for size in sizes:
            _label, queries, median, p95 = results[size][n]
            line += f"{queries:>10}{median:>10.1f}{p95:>10.1f}"
        print(line)


if __name__ == "__main__":
    main()
