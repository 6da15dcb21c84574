"""Second factors' secrets are never stored in the clear: a database backup holds no TOTP key and
no recovery-code seed (eyeforai/accounts/mfa_secrets.py, migration accounts 0005)."""

import importlib
import json

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from eyeforai.accounts.mfa_secrets import is_sealed, seal, unseal
from tests.factories import MANAGER_TOTP_SECRET, PASSWORD, ManagerFactory, unused_recovery_code
from tests.hardening.test_admin_mfa import totp_now

sealing_migration = importlib.import_module("eyeforai.accounts.migrations.0005_seal_second_factor_secrets")


def stored_data(authenticator):
    """The row's data as PostgreSQL holds it (what a backup would hold)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        return cursor.fetchone()[0]


def test_the_totp_key_and_recovery_seed_are_sealed_in_the_database(db):
    manager = ManagerFactory()
    totp = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(user=manager, type=Authenticator.Type.RECOVERY_CODES)
    assert MANAGER_TOTP_SECRET not in stored_data(totp)
    assert is_sealed(json.loads(stored_data(totp))["secret"])
    seed = unseal(codes.data["seed"])
    assert len(seed) >= 20 and seed not in stored_data(codes)


def test_a_manager_still_signs_in_with_a_totp_code_and_with_a_recovery_code(db):
    manager = ManagerFactory()
    for code in (totp_now(MANAGER_TOTP_SECRET), unused_recovery_code(manager)):
        client = Client()
        client.post(reverse("account_login"), {"login": manager.email, "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_migration_seals_secrets_written_in_the_clear_and_reading_them_still_works(db):
    manager = ManagerFactory()
    Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).update(
        data={"secret": MANAGER_TOTP_SECRET}
    )
    totp = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    assert TOTP(totp).validate_code(totp_now(MANAGER_TOTP_SECRET))  # a row from before sealing reads as it is

    sealing_migration.seal_secrets(apps, None)
    sealing_migration.seal_secrets(apps, None)  # running it again changes nothing

    totp.refresh_from_db()
    assert MANAGER_TOTP_SECRET not in stored_data(totp)
    assert unseal(totp.data["secret"]) == MANAGER_TOTP_SECRET
    codes = Authenticator.objects.get(user=manager, type=Authenticator.Type.RECOVERY_CODES)
    assert RecoveryCodes(codes).get_unused_codes()


def test_a_secret_sealed_under_a_forgotten_key_reads_as_empty_not_as_an_error(settings, caplog):
    sealed = seal(MANAGER_TOTP_SECRET)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-after-rotation-0123456789abcdefghijklmnopqrstuv"
    assert unseal(sealed) == MANAGER_TOTP_SECRET  # the old key kept as a fallback opens it
    settings.SECRET_KEY_FALLBACKS = []
    assert unseal(sealed) == ""
    assert "SECRET_KEY_FALLBACKS" in caplog.text
