"""The application list draws its rows in one pass (eyeforai/admintools/lists.py: QuickRowsChangeList):
the same table Django's {% result_list %} draws, cell for cell."""

import pytest
from django.contrib.admin.templatetags.admin_list import result_list
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
