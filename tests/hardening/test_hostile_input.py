"""Every form, as every role, gets random, oversized, unicode and malformed values: no 500, and a
refused post leaves the database exactly as it was. The counts are printed at the end of the run.

Forms are found by GETting every page (tests/hardening/forms.py) and reading their <form> tags.
"""

from collections import Counter

import pytest
from django.db import connection, transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access import ROLES
from tests.hardening.forms import argumentless_paths, forms_on
from tests.hardening.fuzz import form_data, with_control_characters
from tests.test_access_matrix import MATRIX, outbound_email  # noqa: F401 - a fixture the matrix's URLs use

EXAMPLES_PER_FORM = 12
# Posting these would end the session being swept or remove the manager's second factor.
SKIPPED_ACTIONS = {"account_logout", "admin:logout", "mfa_deactivate_totp"}
# Tables a refused post may still touch: the session itself.
UNCHECKED_TABLES = {"django_session"}


def database_fingerprint():
    """One hash over every row of every table (the test database is small)."""
    tables = [name for name in connection.introspection.table_names() if name not in UNCHECKED_TABLES]
    # Table names come from introspection, never from input.
    per_table = "SELECT '{0}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest"
    per_table += ' FROM "{0}" t'
    parts = " UNION ALL ".join(per_table.format(name) for name in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(string_agg(name || digest, '' ORDER BY name)) FROM ({parts}) AS t")  # noqa: S608
        return cursor.fetchone()[0]


def pages_for(role, fixture):
    """(URL) of every page this role can open: matrix entries answering 200 to GET, then the resolver's."""
    urls = []
    for name, entry in sorted(MATRIX.items()):
        if entry.method == "get" and entry.for_role(role) == 200:
            try:
                with transaction.atomic():
                    urls.append(entry.build_url(name, fixture))
            except Exception as error:  # fixtures of two entries that cannot coexist: swept by its own test run
                pytest.fail(f"could not build {name} for {role}: {error!r}")
    return [*urls, *argumentless_paths()]


def action_name(action):
    try:
        match = resolve(action.split("?")[0])
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def sweep(client, form, role, counts):
    """Post EXAMPLES_PER_FORM hypothesis-drawn sets of values to one form."""

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def post_hostile_values(data):
        values = data.draw(form_data(form))
        before = database_fingerprint()
        send = client.post if form.method == "post" else client.get
        try:
            response = send(form.action, values)
        except Exception as error:  # the test client re-raises a view's exception: name the form that caused it
            raise AssertionError(f"{role}: {form.method} {form.action} raised {error!r}") from error
        counts[f"{form.method.upper()} answered {response.status_code}"] += 1
        assert response.status_code < 500, f"{role}: {form.method} {form.action} {values!r}"
        if response.status_code != 302 or form.method == "get":
            assert database_fingerprint() == before, (
                f"{role}: {form.method} {form.action} answered {response.status_code} but changed the database"
            )

    post_hostile_values()


@pytest.fixture
def no_rate_limits(settings):
    """The sweep posts hundreds of times: without this, later forms would only meet a 429 and their
    validation would go unswept. The limits have tests of their own."""
    settings.ACCOUNT_RATE_LIMITS = False
    settings.APPLICATION_SAVE_RATE_LIMIT = 10**6
    settings.HOSTS_INTEREST_RATE_LIMIT = 10**6


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_form_never_give_a_500_and_refused_posts_save_nothing(
    db, role, client_for, request, media_root, no_rate_limits
):
    client = client_for(role)
    fixture = request.getfixturevalue
    counts = Counter()
    forms = {}
    for url in pages_for(role, fixture):
        response = client.get(url)
        counts["pages opened"] += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(response.content.decode(), url):
            if form.fields and action_name(form.action) not in SKIPPED_ACTIONS:
                forms.setdefault(form.signature, form)
    counts["forms found"] = len(forms)

    for form in forms.values():
        sweep(client, form, role, counts)
        counts["forms swept"] += 1
    request.node.user_properties.append(("hostile-input sweep", {"role": role, **counts}))
    assert counts["forms swept"] == len(forms)
    assert not any(key.endswith("answered 429") for key in counts), counts


@pytest.mark.parametrize("role", ROLES)
def test_control_characters_in_any_page_address_answer_400_never_500(db, role, client_for, request, media_root):
    """Every GET page this role can open, with NUL and other control characters in its query string
    (its own parameters too: a calendar token, an admin filter) and in its path."""
    client = client_for(role)
    counts = Counter()
    for url in pages_for(role, request.getfixturevalue):
        counts["pages"] += 1
        for hostile in with_control_characters(url):
            response = client.get(hostile)
            counts["control-character addresses"] += 1
            assert response.status_code == 400, f"{role}: GET {hostile!r} answered {response.status_code}"
    request.node.user_properties.append(("hostile-input sweep", {"role": role, **counts}))
    assert counts["control-character addresses"] > counts["pages"] * 8


@pytest.mark.parametrize(
    "url",
    ["/talent/calendar.ics?token=%00", "/host/calendar.ics?token=ab%00cd", "/admin/talents/application/?status=%00"],
)
def test_the_addresses_the_probe_found_answer_400_as_a_manager(db, client, manager, url):
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


def test_a_tab_in_a_query_string_is_not_refused(db, client):
    """A paste into a search box often carries a tab: harmless, so the page answers as usual."""
    assert client.get("/hosts/?sector=%09").status_code == 200
