import re

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, OutboundEmailFactory

pytestmark = pytest.mark.django_db


def test_home_tells_the_story_and_the_open_call(client):
    cohort = CohortFactory(name="Cohort 2027")
    response = client.get(reverse("portal:home"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "18 months" in text and "six months" in text and "AI Sweden" in text
    assert "Applications for Cohort 2027 are open." in text
    assert cohort.application_deadline.astimezone().strftime("%Y") in text


def test_home_without_an_open_call_says_so(client):
    response = client.get(reverse("portal:home"))
    assert "The call for the next cohort is not open yet" in response.content.decode()


@pytest.mark.parametrize("cohorts", [1, 6])
def test_home_issues_a_fixed_number_of_queries(client, django_assert_max_num_queries, cohorts):
    for number in range(cohorts):
        CohortFactory(name=f"Cohort {2040 + number}")
    # the featured cohort (Cohort.objects.featured), its periods, one per landing section (hosts), the latest
    # blog posts (none here; tests/blog/test_reading.py counts them with posts)
    with django_assert_max_num_queries(4):
        client.get(reverse("portal:home"))


def test_healthz_reports_database_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_says_which_check_failed(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")


def test_an_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("portal:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_the_outbox_preview_is_sandboxed_by_its_own_policy(client, manager):
    email = OutboundEmailFactory(body_html="<p>Hi <script>alert(1)</script></p>")
    client.force_login(manager)
    response = client.get(reverse("admin:mail_outboundemail_preview", args=[email.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_the_outbox_admin_lists_and_searches(client, manager, django_assert_max_num_queries):
    OutboundEmailFactory.create_batch(5, subject="Welcome to Eye for AI")
    OutboundEmailFactory(subject="Other", to="findme@example.org")
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:mail_outboundemail_changelist"), {"q": "findme"})
    assert "findme@example.org" in response.content.decode()
    assert "Welcome to Eye for AI" not in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("portal:host_list", "Hosts"),
        ("hosts_public:interest", "Hosts"),
        ("portal:host_dashboard", "Host dashboard"),
        ("hosts_members:projects", "Projects"),
        ("hosts_members:project_create", "Projects"),
        ("hosts_members:profile", "Host dashboard"),
        ("hosts_members:account", "Host dashboard"),
        ("rotations_host:talents", "Our talents"),
    ],
)
def test_the_menu_marks_the_section_of_the_page(client, host_member, url_name, current):
    client.force_login(host_member)
    page = client.get(reverse(url_name)).content.decode()
    marked = re.findall(r'aria-current="page">([^<]+)</a>', page)
    assert marked == [current]
