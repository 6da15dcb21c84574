"""Programme managers reach the admin only with a second factor (allauth's TOTP)."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import MANAGER_TOTP_SECRET, PASSWORD, ManagerFactory

ADMIN = "/admin/"


def totp_now(secret):
    """The code of the current 30-second window, taken at least 3 s before it ends: allauth accepts only the
    window it checks in (no tolerance), so a code taken in a window's last instant fails one time in many."""
    while 30 - timezone.now().timestamp() % 30 < 3:
        time.sleep(0.5)
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


def test_a_manager_without_an_authenticator_is_sent_to_set_one_up(db):
    manager = ManagerFactory(totp=False)
    client = Client()
    client.force_login(manager)
    response = client.get(reverse("admin:programme_cohort_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert "next=%2Fadmin%2Fprogramme%2Fcohort%2F" in response["Location"]


def test_a_password_only_session_is_asked_for_the_second_factor(db):
    manager = ManagerFactory()
    client = Client()  # Django's own client: force_login records no allauth MFA step
    client.force_login(manager)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_manager_signs_in_with_password_and_totp_and_reaches_the_admin(db):
    manager = ManagerFactory()
    client = Client()
    response = client.post(reverse("account_login"), {"login": manager.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get(ADMIN).status_code == 302  # not signed in until the second factor

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now(MANAGER_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_a_manager_activates_totp_confirms_a_code_and_then_reaches_the_admin(db):
    manager = ManagerFactory(totp=False)
    client = Client()
    client.post(reverse("account_login"), {"login": manager.email, "password": PASSWORD})
    assert client.get(ADMIN)["Location"].startswith(reverse("mfa_activate_totp"))

    # allauth asks for the password again before an authenticator is added, then shows a new secret.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()

    # Activating proves nothing about this session's sign-in: a code is asked for once, then the admin opens.
    assert client.get(ADMIN)["Location"].startswith(reverse("mfa_reauthenticate"))
    # The activation code was not spent (activating validates without marking a code used).
    client.post(reverse("mfa_reauthenticate"), {"code": totp_now(secret)})
    assert client.get(ADMIN).status_code == 200


def test_talents_are_not_asked_for_a_second_factor(talent, client):
    client.force_login(talent)
    assert client.get(reverse("portal:talent_dashboard")).status_code == 200


def test_seed_demo_prints_the_demo_managers_totp_secret_and_a_recovery_code(db, capsys):
    call_command("seed_demo", "--allow-without-debug")
    out = capsys.readouterr().out
    assert "TOTP secret" in out and "recovery code" in out
    assert Authenticator.objects.filter(user__email="karin.lindqvist@ai.se", type=Authenticator.Type.TOTP).exists()
