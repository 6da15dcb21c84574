"""The admin's application list and rotation board are kept per person, language and address
(eyeforai/admintools/kept_pages.py): each change that shows on them, whoever makes it and however, shows on
the next view; each manager gets their own page and their own token; a message is shown, never kept; a
manager without the permission is refused, not served a copy."""

import re

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rotations.models import Placement
from talents.choices import ApplicationStatus
from talents.models import Application
from tests.conftest import MFAClient
from tests.factories import ApplicationFactory, CohortFactory, HostOrganizationFactory, ManagerFactory
from tests.rotations.fixtures import accepted_talent, approved_project, place

LIST = "admin:talents_application_changelist"


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def row(html, application):
    start = html.index(f'value="{application.pk}"')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_a_stage_set_by_a_queryset_update_shows_on_the_next_view_of_the_list(manager_client, talent_application):
    assert "Submitted" in row(page(manager_client, reverse(LIST)), talent_application)

    Application.objects.filter(pk=talent_application.pk).update(status=ApplicationStatus.INTERVIEW)

    assert "Interview" in row(page(manager_client, reverse(LIST)), talent_application)


def test_each_filter_is_its_own_copy(manager_client, talent_application):
    accepted = ApplicationFactory(cohort=CohortFactory(name="Cohort 2026"), status=ApplicationStatus.ACCEPTED)
    everything = page(manager_client, reverse(LIST))
    only_accepted = page(manager_client, reverse(LIST) + "?status__exact=accepted")

    assert f'value="{talent_application.pk}"' in everything
    assert f'value="{talent_application.pk}"' not in only_accepted
    assert f'value="{accepted.pk}"' in only_accepted


def test_an_action_shows_its_message_once_and_the_moved_stage_after(manager_client, talent_application):
    page(manager_client, reverse(LIST))  # kept

    response = manager_client.post(
        reverse(LIST), {"action": "move_to_under_review", "_selected_action": [talent_application.pk]}, follow=True
    )

    assert "1 application moved to “Under review”" in response.content.decode()
    again = page(manager_client, reverse(LIST))
    assert "application moved" not in again
    assert "Under review" in row(again, talent_application)


def test_each_manager_gets_their_own_page(client, manager, talent_application):
    other = ManagerFactory(email="bjorn@ai.se", first_name="Björnulf", last_name="Sandell")
    client.force_login(manager)
    page(client, reverse(LIST))

    client.force_login(other)
    theirs = page(client, reverse(LIST))

    assert "Björnulf" in theirs
    assert "Karin" not in theirs


def test_a_manager_who_leaves_the_group_is_refused_not_served_the_copy(manager_client, manager, talent_application):
    page(manager_client, reverse(LIST))

    manager.groups.clear()

    assert manager_client.get(reverse(LIST)).status_code == 403


def test_a_sign_in_elsewhere_keeps_the_copy(manager_client, talent_application, talent):
    page(manager_client, reverse(LIST))

    update_last_login(None, talent)  # every sign-in writes it; the list never shows it

    with CaptureQueriesContext(connection) as kept_view:
        page(manager_client, reverse(LIST))
    assert not [query for query in kept_view.captured_queries if '"talents_application"' in query["sql"]]


def test_the_kept_lists_action_form_carries_the_readers_own_token(manager, talent_application):
    """Two browsers of one manager: the second is served the copy the first built, with its own token."""
    first, second = MFAClient(enforce_csrf_checks=True), MFAClient(enforce_csrf_checks=True)
    first.force_login(manager)
    second.force_login(manager)
    page(first, reverse(LIST))  # builds the copy
    kept = page(second, reverse(LIST))  # from the copy

    form = kept[kept.index('id="changelist-form"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    response = second.post(
        reverse(LIST),
        {"csrfmiddlewaretoken": token, "action": "move_to_under_review", "_selected_action": [talent_application.pk]},
    )

    assert response.status_code == 302
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.UNDER_REVIEW


def test_a_placement_written_to_the_database_shows_on_the_next_view_of_the_board(manager_client, rotation_cohort):
    talent = accepted_talent(rotation_cohort, 1)
    project = approved_project(HostOrganizationFactory(name="Norrsken Labs", slug="norrsken"), rotation_cohort)
    url = reverse("admin:rotations_board", args=[rotation_cohort.slug])
    assert '<td class="board-cell board-proposed">' not in page(manager_client, url)

    placement = place(talent, project, 1)

    board = page(manager_client, url)
    assert '<td class="board-cell board-proposed"><strong>Norrsken Labs' in board

    Placement.objects.filter(pk=placement.pk).update(status="confirmed")

    assert '<td class="board-cell board-confirmed"><strong>Norrsken Labs' in page(manager_client, url)
