import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from rotations.admin.board import BOARD_PAGE_SIZE, build_board, draw_placed_cells
from rotations.choices import PlacementStatus
from rotations.models import Placement
from tests.conftest_helpers import admin_pages_built_afresh, person_loaded_afresh, without_tokens
from tests.factories import HostOrganizationFactory
from tests.rotations.fixtures import accepted_talent, approved_project, place

pytestmark = pytest.mark.django_db


def board_url(cohort):
    return reverse("admin:rotations_board", args=[cohort.slug])


def test_the_board_shows_a_row_per_talent_and_a_column_per_period(
    client, manager, rotation_cohort, hosts_with_projects
):
    first = accepted_talent(rotation_cohort, 1)
    accepted_talent(rotation_cohort, 2)
    place(first, hosts_with_projects[0], 1, status="confirmed")
    client.force_login(manager)
    page = client.get(board_url(rotation_cohort)).content.decode()
    assert page.count('<tr id="talent-') == 2
    assert "Period 1" in page and "Period 3" in page
    assert "Project at Västkust University Hospital" in page and "Confirmed" in page


def test_a_refused_choice_says_why(client, manager, rotation_cohort, hosts_with_projects):
    first, second = accepted_talent(rotation_cohort, 1), accepted_talent(rotation_cohort, 2)
    place(first, hosts_with_projects[0], 1)
    place(first, hosts_with_projects[1], 2)
    place(second, hosts_with_projects[2], 2)
    client.force_login(manager)
    page = client.get(board_url(rotation_cohort)).content.decode()
    assert "No seat left" in page  # the hospital's one period-1 seat is taken
    assert "every period is at a different host" in page  # talent 1 already had the hospital


def test_assigning_on_the_board_proposes_a_placement(client, manager, rotation_cohort, hosts_with_projects):
    profile = accepted_talent(rotation_cohort, 1)
    client.force_login(manager)
    response = client.post(
        reverse("admin:rotations_board_assign", args=[rotation_cohort.slug]),
        {"talent": profile.uuid, "period": 2, "project": hosts_with_projects[1].uuid},
        follow=True,
    )
    placement = Placement.objects.get(talent=profile)
    assert (placement.period.number, placement.project, placement.status) == (
        2,
        hosts_with_projects[1],
        PlacementStatus.PROPOSED,
    )
    assert "Proposed:" in response.content.decode()


def test_a_refused_assignment_is_explained_and_saves_nothing(client, manager, rotation_cohort, hosts_with_projects):
    first, second = accepted_talent(rotation_cohort, 1), accepted_talent(rotation_cohort, 2)
    place(first, hosts_with_projects[0], 1)
    client.force_login(manager)
    response = client.post(
        reverse("admin:rotations_board_assign", args=[rotation_cohort.slug]),
        {"talent": second.uuid, "period": 1, "project": hosts_with_projects[0].uuid},
        follow=True,
    )
    assert "could not be placed" in response.content.decode()
    assert "No seat left" in response.content.decode()
    assert not Placement.objects.filter(talent=second).exists()


@pytest.mark.parametrize("value", ["not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
def test_nonsense_posted_to_the_board_is_refused_with_a_message(client, manager, rotation_cohort, value):
    client.force_login(manager)
    response = client.post(
        reverse("admin:rotations_board_assign", args=[rotation_cohort.slug]),
        {"talent": value, "period": "x", "project": value},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choose a project" in response.content.decode()
    assert not Placement.objects.exists()


def test_confirm_all_moves_proposed_to_confirmed_and_emails_once(client, manager, rotation_cohort, hosts_with_projects):
    profiles = [accepted_talent(rotation_cohort, number) for number in range(2)]
    for number, profile in enumerate(profiles):
        place(profile, hosts_with_projects[number], 1)
    client.force_login(manager)
    url = reverse("admin:rotations_board_confirm", args=[rotation_cohort.slug])
    client.post(url)
    client.post(url)
    assert set(Placement.objects.values_list("status", flat=True)) == {PlacementStatus.CONFIRMED}
    talent_emails = OutboundEmail.objects.filter(template="rotations/placement_confirmed_talent")
    assert sorted(talent_emails.values_list("to", flat=True)) == sorted(p.user.email for p in profiles)


def test_cancelling_from_the_board_needs_a_reason(client, manager, talent_placement):
    client.force_login(manager)
    url = reverse("admin:rotations_placement_cancel", args=[talent_placement.uuid])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    talent_placement.refresh_from_db()
    assert talent_placement.status == PlacementStatus.ACTIVE
    client.post(url, {"reason": "The talent moved to another city."})
    talent_placement.refresh_from_db()
    assert talent_placement.status == PlacementStatus.CANCELLED


def _cohort_of_size(cohort, size):
    hosts = [HostOrganizationFactory(name=f"Board host {n}", slug=f"board-host-{n}") for n in range(6)]
    projects = [approved_project(host, cohort, seats=(size, size, size)) for host in hosts]
    for number in range(size):
        profile = accepted_talent(cohort, number)
        place(profile, projects[number % 6], 1)
        place(profile, projects[(number + 1) % 6], 2, status="confirmed")


@pytest.mark.parametrize("size", [10, BOARD_PAGE_SIZE])
def test_the_board_issues_the_same_queries_for_10_talents_and_a_full_page(
    client, manager, rotation_cohort, django_assert_num_queries, size
):
    _cohort_of_size(rotation_cohort, size)
    client.force_login(manager)
    client.get(board_url(rotation_cohort))  # warm the session and the permission caches
    person_loaded_afresh()
    admin_pages_built_afresh()
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(board_url(rotation_cohort))
    assert response.content.decode().count('<tr id="talent-') == size
    # Then the board is the kept copy (eyeforai/admintools/kept_pages.py) and the person the kept one.
    with django_assert_num_queries(KEPT_BOARD_QUERIES):
        kept = client.get(board_url(rotation_cohort))
    assert without_tokens(kept.content.decode()) == without_tokens(response.content.decode())


# session, user, the manager's permissions, cohort, periods, a page of talents, their placements,
# seats taken across the cohort, projects, seats
BOARD_QUERIES = 11
# The session alone: the person and their permissions are kept, and so is the board.
KEPT_BOARD_QUERIES = 1
# The projects and their seats are read for the choices of empty cells only.
FULL_BOARD_QUERIES = BOARD_QUERIES - 2


def _full_cohort_of_size(cohort, size):
    hosts = [HostOrganizationFactory(name=f"Full host {n}", slug=f"full-host-{n}") for n in range(3)]
    projects = [approved_project(host, cohort, seats=(size, size, size)) for host in hosts]
    for number in range(size):
        profile = accepted_talent(cohort, number)
        for period in (1, 2, 3):
            place(profile, projects[(number + period) % 3], period, status="confirmed")


@pytest.mark.parametrize("size", [10, BOARD_PAGE_SIZE])
def test_a_board_without_an_empty_cell_reads_no_projects_whatever_its_size(
    client, manager, rotation_cohort, django_assert_num_queries, size
):
    _full_cohort_of_size(rotation_cohort, size)
    client.force_login(manager)
    client.get(board_url(rotation_cohort))
    person_loaded_afresh()
    admin_pages_built_afresh()
    with django_assert_num_queries(FULL_BOARD_QUERIES):
        response = client.get(board_url(rotation_cohort))
    page = response.content.decode()
    assert page.count('<td class="board-cell board-confirmed">') == 3 * size
    assert "Choose a project" not in page


def test_a_placed_cell_shows_its_host_project_status_and_the_manager_s_actions(
    client, manager, rotation_cohort, hosts_with_projects
):
    first, second = accepted_talent(rotation_cohort, 1), accepted_talent(rotation_cohort, 2)
    proposed = place(first, hosts_with_projects[0], 1)
    completed = place(second, hosts_with_projects[1], 1, status="completed")
    client.force_login(manager)
    page = client.get(board_url(rotation_cohort)).content.decode()

    confirm_url = reverse("admin:rotations_board_confirm", args=[rotation_cohort.slug])
    cancel_url = reverse("admin:rotations_placement_cancel", args=[proposed.uuid])
    assert f'<form method="post" action="{confirm_url}" class="board-inline">' in page
    assert f'<input type="hidden" name="placement" value="{proposed.uuid}">' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 2  # the cell's form has its token, as every form
    assert f'<a href="{cancel_url}">Cancel…</a>' in page
    assert f"<strong>{completed.host.name}</strong><br>{completed.project.title}<br>" in page
    # A completed placement can be neither confirmed nor cancelled.
    assert reverse("admin:rotations_placement_cancel", args=[completed.uuid]) not in page
    assert page.count('value="' + str(completed.uuid) + '"') == 0

    # Its token is the one the confirm view accepts.
    client_with_checks = client.__class__(enforce_csrf_checks=True)
    client_with_checks.force_login(manager)
    board = client_with_checks.get(board_url(rotation_cohort))
    token = board.content.decode().split('board-inline"><input type="hidden" name="csrfmiddlewaretoken" value="')[1][
        :64
    ]
    client_with_checks.post(confirm_url, {"csrfmiddlewaretoken": token, "placement": proposed.uuid})
    proposed.refresh_from_db()
    assert proposed.status == PlacementStatus.CONFIRMED


def test_a_full_row_drawn_in_python_is_the_templates_row(rf, manager, rotation_cohort, hosts_with_projects):
    full = accepted_talent(rotation_cohort, 1)
    for period in (1, 2, 3):
        place(full, hosts_with_projects[period - 1], period, status="proposed" if period == 1 else "confirmed")
    place(accepted_talent(rotation_cohort, 2), hosts_with_projects[2], 1)  # a row with empty cells too
    request = rf.get(board_url(rotation_cohort))
    request.user = manager
    board = build_board(rotation_cohort, choices=True)
    draw_placed_cells(board["rows"], cohort=rotation_cohort, can_confirm=True, can_cancel=True, csrf_token="t")
    context = {"cohort": rotation_cohort, "opts": Placement._meta, "can_assign": True, "can_confirm": True}
    context.update(board, can_cancel=True)
    assert [bool(row.html) for row in board["rows"]] == [True, False]

    drawn = render_to_string("admin/rotations/board.html", context, request=request)
    for row in board["rows"]:
        row.html = ""
    by_template = render_to_string("admin/rotations/board.html", context, request=request)

    assert without_tokens(drawn) == without_tokens(by_template)  # each render masks the token anew
    assert f'<tr id="talent-{full.uuid}">' in drawn
