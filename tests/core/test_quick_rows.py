"""The application list draws its rows in one pass (eyeforai/admintools/lists.py: QuickRowsChangeList):
the same table Django's {% result_list %} draws, cell for cell."""

import datetime

import pytest
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_list
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talents.choices import ApplicationStatus
from tests.factories import ApplicationFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:talents_application_changelist"


def _tables(response):
    """(Django's table, the quick table) of the change list the response drew, as their template gets them."""
    changelist = response.context["cl"]
    return result_list(changelist), changelist.result_table()


def _rows(table):
    return ["".join(row) for row in table["results"]]


@pytest.fixture
def applications(call_cohort, media_root):
    """A full row, and one with every column that may be empty left empty."""
    full = ApplicationFactory(
        cohort=call_cohort, manager_score=4, talent=TalentProfileFactory(nationality="<b>Ghanaian</b>")
    )
    sparse = ApplicationFactory(
        cohort=call_cohort,
        status=ApplicationStatus.DRAFT,
        cv=None,
        submitted_at=None,
        talent=TalentProfileFactory(nationality=" ", degree=""),
    )
    return full, sparse


@pytest.mark.parametrize("query", [{}, {"status__exact": "submitted"}, {"o": "-3.2"}, {"q": "example"}])
def test_the_application_list_draws_the_same_rows_as_django(client, manager, applications, query):
    client.force_login(manager)
    response = client.get(reverse(CHANGELIST), query)
    django_table, quick_table = _tables(response)
    assert _rows(quick_table) == _rows(django_table)
    assert len(quick_table["results"]) == len(response.context["cl"].result_list) > 0
    assert quick_table["result_headers"] == django_table["result_headers"]
    assert quick_table["num_sorted_fields"] == django_table["num_sorted_fields"]


@pytest.mark.parametrize("query", [{}, {"o": "-3.2"}])
def test_the_quick_table_template_draws_the_same_table_as_djangos(client, manager, applications, query):
    """templates/admin/quick/change_list_results.html, given the rows as one string, draws what
    Django's admin/change_list_results.html draws from its list of rows (sorted by two columns too)."""
    client.force_login(manager)
    response = client.get(reverse(CHANGELIST), query)
    django_table, quick_table = _tables(response)
    request = response.wsgi_request
    django_html = render_to_string("admin/change_list_results.html", django_table, request=request)
    quick_html = render_to_string(quick_table["template"], quick_table, request=request)
    assert quick_table["template"] == "admin/quick/change_list_results.html"
    assert quick_html == django_html
    assert quick_html.count("<tr>") == len(response.context["cl"].result_list) + 1


@pytest.mark.parametrize(
    "query",
    [{}, {"status__exact": "submitted"}, {"talent__nationality": "<b>Ghanaian</b>", "_facets": "True"}, {"q": "a&b"}],
)
def test_the_filter_panels_are_drawn_as_djangos_tag_draws_them(client, manager, applications, query):
    """eyeforai/admintools/filters.py: the same panels, choices, selected marks, links and counts."""
    client.force_login(manager)
    response = client.get(reverse(CHANGELIST), query)
    changelist = response.context["cl"]
    django_panels = "".join(admin_list_filter(changelist, spec) for spec in changelist.filter_specs)
    assert changelist.filter_panels() == django_panels
    assert "&lt;b&gt;Ghanaian&lt;/b&gt;" in django_panels and "<b>" not in django_panels
    assert django_panels in response.content.decode()


DATE_TAG = Template("{% load admin_list %}{% date_hierarchy cl %}")


def _utc(*parts):
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("dates", "queries"),
    [
        ([], 1),  # nothing submitted yet: no links
        ([_utc(2025, 3, 4, 23, 30)], 2),  # one day (Stockholm's 5 March): Django's two queries
        ([_utc(2025, 3, 4), _utc(2025, 3, 9)], 2),  # the days of one month
        ([_utc(2025, 3, 4), _utc(2025, 11, 9)], 1),  # the months of one year
        ([_utc(2024, 12, 31, 23, 30), _utc(2026, 1, 2)], 1),  # the years (2025 in Stockholm, 2026)
    ],
)
def test_the_date_links_are_djangos_from_no_more_queries(client, manager, call_cohort, dates, queries):
    """eyeforai/admintools/dates.py: the years, months or days Django's {% date_hierarchy %} links,
    the same markup, in one query where Django asks two (two for a single month, as Django)."""
    for submitted_at in dates:
        ApplicationFactory(cohort=call_cohort, submitted_at=submitted_at)
    client.force_login(manager)
    changelist = client.get(reverse(CHANGELIST)).context["cl"]
    with CaptureQueriesContext(connection) as django_queries:
        django_links = DATE_TAG.render(Context({"cl": changelist, "opts": changelist.opts}))
    with CaptureQueriesContext(connection) as quick_queries:
        quick_links = changelist.date_links()
    assert quick_links == django_links
    assert len(quick_queries) == queries
    assert len(django_queries) == 2


def test_a_chosen_year_is_left_to_djangos_date_links(client, manager, applications):
    client.force_login(manager)
    response = client.get(reverse(CHANGELIST), {"submitted_at__year": "2025"})
    assert response.context["cl"].date_links() is None
    assert 'class="date-back"' in response.content.decode()


def test_the_rows_keep_the_filters_in_each_change_link_and_escape_what_talents_typed(client, manager, applications):
    client.force_login(manager)
    page = client.get(reverse(CHANGELIST), {"status__exact": "submitted"}).content.decode()
    full, _sparse = applications
    change_url = reverse("admin:talents_application_change", args=[full.pk])
    assert f'href="{change_url}?_changelist_filters=status__exact%3Dsubmitted"' in page
    assert "&lt;b&gt;Ghanaian&lt;/b&gt;" in page and "<b>Ghanaian</b>" not in page


def test_a_list_without_the_checkbox_column_is_drawn_the_same_way(client, manager, applications):
    """As for a viewer who may run no action: the first column is then the row's linked header."""
    client.force_login(manager)
    changelist = client.get(reverse(CHANGELIST)).context["cl"]
    changelist.list_display = [name for name in changelist.list_display if name != "action_checkbox"]
    quick_rows = _rows(changelist.result_table())
    assert quick_rows == _rows(result_list(changelist))
    assert quick_rows[0].startswith('<th class="field-talent_name"><a href=')
