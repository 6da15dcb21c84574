"""Every page issues the same number of SQL queries with ten times the data.

The demo data is seeded at scale 1 and then at scale 10 (seed_demo adds to what is there); each page
the resolver can build without arguments, plus the rotation board of the running cohort, is opened
as each demo role at both sizes. Pages added later are measured as soon as they exist.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from hosts.models import HostMembership
from talents.models import Application, TalentProfile
from tests.accounts_helpers import demo_manager
from tests.hardening.forms import argumentless_paths

# Downloads and actions answer something other than a page; a streamed file is still counted.
SKIPPED = ("/accounts/logout/", "/admin/logout/")


def demo_people():
    return {
        "anonymous": None,
        "talent": Application.objects.accepted().in_running_cohorts().order_by("pk").first().talent.user,
        "host member": HostMembership.objects.order_by("pk").first().user,
        "manager": demo_manager(),
    }


def page_paths():
    running = Cohort.objects.get(status=CohortStatus.RUNNING)
    return [path for path in argumentless_paths() if path not in SKIPPED] + [
        reverse("admin:rotations_board", args=[running.slug])
    ]


def measure(client, people):
    counts = {}
    for role, user in people.items():
        client.logout()
        if user:
            client.force_login(user)
        for path in page_paths():
            client.get(path)  # warm the process-wide caches (content types, permissions) first
            cache.clear()  # the public-page cache would hide the queries behind a page
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            counts[role, path] = (response.status_code, len(queries))
    return counts


@pytest.mark.django_db
def test_every_page_issues_the_same_queries_at_scale_1_and_scale_10(client, media_root):
    call_command("seed_demo", "--allow-without-debug", "--quiet", "--scale", "1")
    small = measure(client, demo_people())
    talents_at_1 = TalentProfile.objects.count()

    call_command("seed_demo", "--allow-without-debug", "--quiet", "--scale", "10")
    assert TalentProfile.objects.count() >= 9 * talents_at_1
    large = measure(client, demo_people())

    grew = {key: (small[key], large[key]) for key in small if small[key] != large[key]}
    assert not grew, "pages whose (status, query count) changed with ten times the data: " + "; ".join(
        f"{role} {path}: {before} -> {after}" for (role, path), (before, after) in sorted(grew.items())
    )
    assert sum(1 for status, _queries in large.values() if status == 200) > 50
