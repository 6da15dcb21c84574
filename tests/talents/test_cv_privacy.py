"""A talent's CV: every download is logged and the talent sees who opened it; a deleted application
takes its file with it (issue 12, item 6)."""

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from talents.application_page import SHOWN_DOWNLOADS
from talents.choices import ApplicationStatus, CVReader
from talents.models import Application, CVDownload
from tests.conftest_helpers import without_tokens
from tests.factories import ApplicationFactory, ManagerFactory, UserFactory


def cv_path(application):
    return Path(application.cv.path)


@pytest.fixture
def placed_application(talent_placement, media_root):
    """The talent's accepted application to the cohort of her placement at host_member's organisation."""
    return talent_placement.talent.applications.get(cohort=talent_placement.cohort)


def test_each_download_is_logged_and_the_talent_sees_who_opened_her_cv(
    client, talent, manager, host_member, talent_placement, placed_application
):
    client.force_login(talent)
    assert client.get(reverse("talents:application_cv", args=[placed_application.uuid])).status_code == 200
    client.force_login(host_member)
    assert client.get(reverse("rotations_host:cv", args=[talent_placement.uuid])).status_code == 200
    client.force_login(manager)
    admin_page = client.get(reverse("admin:talents_application_change", args=[placed_application.pk])).content
    admin_link = re.search(r'href="(/talent/application/[^"]+/cv/)"', admin_page.decode()).group(1)
    assert client.get(admin_link).status_code == 200

    downloads = list(CVDownload.objects.order_by("at", "pk"))
    assert [(d.reader, d.by, d.organization_name) for d in downloads] == [
        (CVReader.TALENT, talent, ""),
        (CVReader.HOST, host_member, "Västkust University Hospital"),
        (CVReader.PROGRAMME, manager, ""),
    ]
    assert {d.application for d in downloads} == {placed_application}
    admin_page = client.get(reverse("admin:talents_application_change", args=[placed_application.pk])).content
    assert "Västkust University Hospital" in admin_page.decode()  # the managers see the same list

    client.force_login(talent)
    page = client.get(reverse("talents:application")).content.decode()
    section = page[page.index("Who opened your CV") :]
    who = re.findall(r'<span class="timeline-status">([^<]+)</span>', section)
    assert who == ["The programme team", "Elin Berg, Västkust University Hospital", "You"]  # newest first
    assert "Karin" not in section  # managers are the programme team, not names


def test_another_talent_neither_downloads_nor_sees_the_list(
    client, talent, other_talent, host_member, talent_placement, placed_application
):
    client.force_login(host_member)
    client.get(reverse("rotations_host:cv", args=[talent_placement.uuid]))
    ApplicationFactory(talent=other_talent.talent_profile, cohort=placed_application.cohort)
    client.force_login(other_talent)

    assert client.get(reverse("talents:application_cv", args=[placed_application.uuid])).status_code == 404
    page = client.get(reverse("talents:application")).content.decode()

    assert "Nobody has downloaded your CV yet." in page
    assert "Elin Berg" not in page
    assert CVDownload.objects.count() == 1


def test_a_download_that_finds_no_file_logs_nothing(client, talent, placed_application):
    cv_path(placed_application).unlink()
    client.force_login(talent)

    assert client.get(reverse("talents:application_cv", args=[placed_application.uuid])).status_code == 404
    assert not CVDownload.objects.exists()


def test_a_manager_without_the_second_factor_downloads_nothing_and_nothing_is_logged(
    client, talent, placed_application
):
    manager = ManagerFactory(totp=False)
    client.force_login(manager)
    assert client.get(reverse("talents:application_cv", args=[placed_application.uuid])).status_code == 404
    assert not CVDownload.objects.exists()


@pytest.mark.parametrize("downloads", [2, SHOWN_DOWNLOADS + 5])
def test_the_application_page_lists_downloads_with_a_fixed_query_count(
    client, talent, manager, talent_application, downloads, django_assert_num_queries
):
    CVDownload.objects.bulk_create(
        CVDownload(application=talent_application, reader=CVReader.PROGRAMME, by=manager) for _ in range(downloads)
    )
    client.force_login(talent)
    # session, user with their profile, the applications with their cohorts, the open call, the next call
    # deadline (the kept copy's end), the downloads with who and which cohort, the shown application's
    # stages; their count only when the list is full. The subnavigation's "Rank projects" link is read from
    # the applications, not asked again.
    with django_assert_num_queries(7 + (downloads >= SHOWN_DOWNLOADS)):
        page = client.get(reverse("talents:application")).content.decode()
    # Then the page is the kept copy (talents/application_page.py) and the person the kept one
    # (portal/signed_in_user.py): the session alone.
    with django_assert_num_queries(1):
        kept = client.get(reverse("talents:application")).content.decode()
    assert without_tokens(kept) == without_tokens(page)
    assert page.count('"timeline-status">The programme team<') == min(downloads, SHOWN_DOWNLOADS)
    if downloads > SHOWN_DOWNLOADS:
        assert f"The {SHOWN_DOWNLOADS} most recent of {downloads} downloads." in page


# --- A deleted application deletes its CV file -----------------------------------------------------


def test_deleting_an_application_deletes_its_cv_file_after_commit(
    talent_application, django_capture_on_commit_callbacks
):
    path = cv_path(talent_application)
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        talent_application.delete()
        assert path.exists(), "not before the deletion is committed"

    assert not path.exists()


def test_a_rolled_back_deletion_keeps_the_file(talent_application, django_capture_on_commit_callbacks):
    path, pk = cv_path(talent_application), talent_application.pk

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        talent_application.delete()
        raise RuntimeError

    assert callbacks == []
    assert path.exists()
    assert Application.objects.filter(pk=pk).exists()


def test_deleting_the_talents_account_deletes_every_cv_file(
    talent, talent_application, django_capture_on_commit_callbacks
):
    older = ApplicationFactory(talent=talent.talent_profile, status=ApplicationStatus.REJECTED)
    paths = [cv_path(talent_application), cv_path(older)]
    other = ApplicationFactory(talent__user=UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        talent.delete()  # cascades: user → profile → applications

    assert not any(path.exists() for path in paths)
    assert cv_path(other).exists()


def test_deleting_an_application_in_the_admin_deletes_its_cv_file(
    client, manager, talent_application, django_capture_on_commit_callbacks
):
    path = cv_path(talent_application)
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:talents_application_delete", args=[talent_application.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Application.objects.filter(pk=talent_application.pk).exists()
    assert not path.exists()
    assert not list(Path(path.parent).glob("*.pdf"))
