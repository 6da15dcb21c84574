"""The application list's action bar and page links drawn in Python (eyeforai/admintools/frame.py): the
same markup Django's {% admin_actions %} and {% pagination %} draw."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from talents.admin.applications import ApplicationAdmin
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:talents_application_changelist"
ACTIONS_CONTEXT = [
    "cl",
    "opts",
    "action_form",
    "actions_selection_counter",
    "selection_note",
    "selection_note_all",
    "module_name",
]


@pytest.fixture
def twelve_pages(call_cohort, monkeypatch):
    """Twelve applications one to a page: enough pages for Django to elide some of their links."""
    monkeypatch.setattr(ApplicationAdmin, "list_per_page", 1)
    return ApplicationFactory.create_batch(12, cohort=call_cohort)


def _response(client, manager, query):
    client.force_login(manager)
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return response


def _render(source, response):
    context = {key: response.context[key] for key in ACTIONS_CONTEXT}
    return Template(source).render(Context(context))


@pytest.mark.parametrize("query", [{}, {"p": "6"}, {"all": ""}, {"q": "no such talent"}])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_action_bars_are_drawn_as_djangos_tag_draws_them(client, manager, twelve_pages, query, language):
    """Top and bottom (the button's value counts the bars), with the selection counter and its
    "Select all" across pages when the page shows fewer than the list holds."""
    with translation.override(language):
        response = _response(client, manager, query)
        django_bars = _render("{% load admin_list %}{% admin_actions %}{% admin_actions %}", response)
        quick_bars = _render("{% load quick_admin %}{% quick_admin_actions %}{% quick_admin_actions %}", response)
    assert quick_bars == django_bars
    assert 'name="index" value="1"' in quick_bars
    assert ('class="question hidden"' in quick_bars) == (query in ({}, {"p": "6"}))


@pytest.mark.parametrize("query", [{}, {"p": "6"}, {"p": "12"}, {"all": ""}, {"q": "no such talent"}])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_page_links_are_drawn_as_djangos_tag_draws_them(client, manager, twelve_pages, query, language):
    with translation.override(language):
        response = _response(client, manager, query)
        changelist = response.context["cl"]
        django_links = Template("{% load admin_list %}{% pagination cl %}").render(
            Context({"cl": changelist, "opts": changelist.opts})
        )
        quick_links = changelist.pagination_links()
    assert quick_links == django_links
    assert django_links in response.content.decode()


def test_one_application_is_counted_in_the_singular(client, manager, call_cohort):
    ApplicationFactory(cohort=call_cohort)
    changelist = _response(client, manager, {}).context["cl"]
    django_links = Template("{% load admin_list %}{% pagination cl %}").render(
        Context({"cl": changelist, "opts": changelist.opts})
    )
    assert changelist.pagination_links() == django_links
    assert "1 application\n" in django_links
