"""The signed-in person kept between requests (portal/signed_in_user.py): every change to the account or
its role, and to their permissions, shows on the next request, however it was written; an erasure
deletes the copy; with the cache down the person is loaded from the database."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Participant
from eyeforai.accounts.choices import ErasureStatus
from hosts.models import HostOrganization
from portal import erasure, signed_in_user
from talents.models import TalentProfile

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"
APPLICATIONS = "/admin/talents/application/"
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def kept(user):
    return cache.get(f"signed-in:{user.pk}")


def test_the_first_signed_in_request_keeps_the_person_with_their_role(client, talent):
    client.force_login(talent)
    assert kept(talent) is None

    client.get(PRIVACY)

    _generation, copy = kept(talent)
    assert copy.pk == talent.pk
    assert copy.talent_profile.pk == TalentProfile.objects.get(user=talent).pk


def test_a_deactivation_written_by_a_queryset_update_signs_the_person_out_at_once(client, talent):
    client.force_login(talent)
    assert client.get("/talent/").status_code == 200

    get_user_model().objects.filter(pk=talent.pk).update(is_active=False)

    response = client.get("/talent/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_password_changed_elsewhere_ends_the_session_at_once(client, talent):
    client.force_login(talent)
    assert client.get("/talent/").status_code == 200

    other = get_user_model().objects.get(pk=talent.pk)
    other.set_password("a new and long passphrase 42")
    other.save(update_fields=["password"])

    response = client.get("/talent/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_host_organisation_renamed_shows_in_the_next_request(client, host_member, host_organization):
    client.force_login(host_member)
    client.get(PRIVACY)

    HostOrganization.objects.filter(pk=host_organization.pk).update(name="Renamed Regional Hospital")

    assert "Renamed Regional Hospital" in client.get("/host/").text


def test_an_erasure_deletes_the_kept_person(client, talent, manager, django_capture_on_commit_callbacks):
    client.force_login(talent)
    client.get(PRIVACY)
    assert kept(talent) is not None
    request = erasure.request_erasure(talent, by=talent)
    erasure.confirm_erasure(request, by=manager)

    with django_capture_on_commit_callbacks(execute=True):
        erased = erasure.erase_account(request)

    assert erased.status == ErasureStatus.ERASED
    assert kept(talent) is None


def test_with_the_cache_down_the_person_is_loaded_from_the_database(settings, client, talent, caplog):
    settings.CACHES = CACHE_DOWN
    client.force_login(talent)

    with caplog.at_level(logging.ERROR, logger="portal.signed_in_user"):
        response = client.get("/talent/")

    assert response.status_code == 200
    assert "My programme" in response.text
    assert "Could not read the signed-in person from the cache" in caplog.text


def test_a_participants_progress_keeps_every_kept_person(client, participant, talent, django_assert_num_queries):
    """Every answered check sets the participant's last progress: a column nobody reads from the kept person,
    so it must not reload every signed-in person (the course's busy hours would undo the copy)."""
    client.force_login(talent)
    client.get(PRIVACY)
    kept_before = kept(talent)

    Participant.objects.filter(user=participant).update(last_progress_at=timezone.now())
    Participant.objects.filter(user=participant).update(nudged_at=timezone.now())

    assert kept(talent)[0] == kept_before[0]
    with django_assert_num_queries(1):  # the session only: the person is still kept
        client.get(PRIVACY)


@pytest.mark.parametrize(
    "change",
    [
        {"last_progress_at": timezone.now(), "title": "Mayor"},  # a read column beside the busy one
        {"title": "Mayor"},
    ],
)
def test_any_other_change_to_a_participant_starts_a_new_generation(client, participant, change):
    client.force_login(participant)
    client.get(PRIVACY)
    generation = kept(participant)[0]

    Participant.objects.filter(user=participant).update(**change)

    client.get(PRIVACY)
    assert kept(participant)[0] != generation


def test_an_update_computed_from_a_column_counts_as_a_change(client, participant):
    client.force_login(participant)
    client.get(PRIVACY)
    generation = kept(participant)[0]

    Participant.objects.filter(user=participant).update(last_progress_at=F("joined_at"))

    client.get(PRIVACY)
    assert kept(participant)[0] != generation


def _permission_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries if '"auth_permission"' in query["sql"]]


def test_the_manager_s_permissions_are_kept_with_them_between_requests(client, manager):
    client.force_login(manager)
    assert len(_permission_queries(client, APPLICATIONS)) == 2  # their own and their groups'

    assert _permission_queries(client, APPLICATIONS) == []
    assert "talents.view_application" in cache.get(f"signed-in-permissions:{manager.pk}")[1]


def test_a_manager_taken_out_of_their_group_loses_the_list_on_the_next_request(client, manager):
    client.force_login(manager)
    assert client.get(APPLICATIONS).status_code == 200

    manager.groups.clear()

    assert client.get(APPLICATIONS).status_code == 403


def test_a_permission_withdrawn_from_the_group_by_a_queryset_delete_shows_at_once(client, manager):
    client.force_login(manager)
    assert client.get(APPLICATIONS).status_code == 200
    see = Permission.objects.filter(
        codename__in=["view_application", "change_application"], content_type__app_label="talents"
    )

    Group.permissions.through.objects.filter(permission__in=see).delete()

    assert client.get(APPLICATIONS).status_code == 403


def test_an_erasure_deletes_the_kept_permissions_too(client, manager):
    client.force_login(manager)
    client.get(APPLICATIONS)
    assert cache.get(f"signed-in-permissions:{manager.pk}") is not None

    signed_in_user.forget_person(manager.pk)

    assert cache.get(f"signed-in-permissions:{manager.pk}") is None
