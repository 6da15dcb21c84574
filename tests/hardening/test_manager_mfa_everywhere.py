"""A manager's powers outside the admin need the second factor too (the CV download is the one today)."""

from django.test import Client
from django.urls import reverse

from tests.factories import ManagerFactory


def test_a_manager_without_totp_gets_no_cv(client, talent_application):
    client.force_login(ManagerFactory(email="no-totp@ai.se", totp=False))
    response = client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 404


def test_a_manager_whose_session_skipped_the_second_factor_gets_no_cv(manager, talent_application):
    password_only = Client()  # a plain session: signed in, no "mfa" step recorded
    password_only.force_login(manager)
    response = password_only.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 404


def test_a_manager_who_passed_the_second_factor_gets_the_cv(client, manager, talent_application):
    client.force_login(manager)
    response = client.get(reverse("talents:application_cv", args=[talent_application.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
