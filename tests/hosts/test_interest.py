import pytest
import time_machine
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from hosts.choices import InterestStatus, Sector
from hosts.models import HostInterest
from tests.mailbox import delivered


def interest_data(**overrides):
    return {
        "organization_name": "Bergslagen Robotics",
        "contact_name": "Greta Lindahl",
        "email": "greta@bergslagen-robotics.example",
        "phone": "",
        "sector": Sector.INDUSTRY,
        "city": "Örebro",
        "message": "We build welding robots and have years of sensor data.",
        "cohort": "cohort-2031",
        "fax_number": "",
        **overrides,
    }


def test_interest_form_saves_and_emails_the_contact_and_the_team(client, open_cohort, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"

    response = client.post(reverse("hosts_public:interest"), interest_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("hosts_public:interest_thanks")
    interest = HostInterest.objects.get()
    assert interest.status == InterestStatus.NEW
    assert interest.cohort == open_cohort
    assert set(OutboundEmail.objects.values_list("to", "template")) == {
        ("greta@bergslagen-robotics.example", "hosts/interest_received"),
        ("team@ai.se", "hosts/interest_note"),
    }
    note = OutboundEmail.objects.get(template="hosts/interest_note")
    assert "Bergslagen Robotics" in note.subject
    assert "welding robots" in note.body_text


def test_thank_you_page_says_what_happens_next(client, db):
    page = client.get(reverse("hosts_public:interest_thanks")).content.decode()
    assert "What happens next" in page


def test_interest_form_with_missing_fields_shows_errors_and_saves_nothing(client, open_cohort):
    response = client.post(reverse("hosts_public:interest"), interest_data(email="not-an-address", city=""))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "This field is required." in page
    assert not HostInterest.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_interest_for_a_completed_cohort_is_refused(client, open_cohort):
    response = client.post(reverse("hosts_public:interest"), interest_data(cohort="cohort-1999"))

    assert "Select a valid choice" in response.content.decode()
    assert not HostInterest.objects.exists()


def test_spam_caught_by_the_honeypot_is_not_saved(client, open_cohort):
    response = client.post(reverse("hosts_public:interest"), interest_data(fax_number="+46 31 000 00 00"))

    assert response.status_code == 200
    assert "looks automated" in response.content.decode()
    assert not HostInterest.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, db):
    page = client.get(reverse("hosts_public:interest")).content.decode()
    assert 'class="hp-field" aria-hidden="true"' in page


def test_eleventh_post_from_one_address_within_the_window_is_refused(client, open_cohort):
    with time_machine.travel("2030-03-01 10:00 +0100", tick=False):
        for number in range(10):
            response = client.post(reverse("hosts_public:interest"), interest_data(email=f"p{number}@example.org"))
            assert response.status_code == 302
        response = client.post(reverse("hosts_public:interest"), interest_data(email="eleventh@example.org"))

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert HostInterest.objects.count() == 10
    assert not HostInterest.objects.filter(email="eleventh@example.org").exists()


def test_rate_limit_counts_each_address_separately_and_resets_after_the_window(client, open_cohort):
    with time_machine.travel("2030-03-01 10:00 +0100", tick=False):
        for number in range(10):
            client.post(reverse("hosts_public:interest"), interest_data(email=f"p{number}@example.org"))
        other = client.post(
            reverse("hosts_public:interest"), interest_data(email="neighbour@example.org"), REMOTE_ADDR="192.0.2.99"
        )
        assert other.status_code == 302
    with time_machine.travel("2030-03-01 11:01 +0100", tick=False):
        later = client.post(reverse("hosts_public:interest"), interest_data(email="later@example.org"))
    assert later.status_code == 302


@pytest.mark.parametrize("method", ["put", "delete"])
def test_interest_form_refuses_other_methods(client, db, method):
    assert getattr(client, method)(reverse("hosts_public:interest")).status_code == 405


def test_the_acknowledgement_carries_none_of_the_text_the_sender_typed(client, open_cohort):
    # Anyone can type anyone's address: what they write must not reach that inbox from our address.
    bait = {
        "organization_name": "Your bank <b>Security team</b>",
        "contact_name": "Your account is locked, visit http://evil.example",
        "message": "Reset your password at http://evil.example/reset",
        "city": "Phishville",
    }
    client.post(reverse("hosts_public:interest"), interest_data(email="victim@example.org", **bait))

    message = delivered(OutboundEmail.objects.get(to="victim@example.org", template="hosts/interest_received"))
    [(html, _mimetype)] = message.alternatives
    for part in (message.subject, message.body, html):
        for typed in ["evil.example", "Security team", "Phishville", "locked", "Reset your password"]:
            assert typed not in part
    assert "Thank you for your interest in hosting talents" in message.body


def test_repeated_submissions_for_one_address_within_a_day_send_one_acknowledgement(client, open_cohort):
    with time_machine.travel("2030-03-01 09:00 +0100", tick=False):
        for email in ["greta@bergslagen-robotics.example", "Greta@Bergslagen-Robotics.example"]:
            assert client.post(reverse("hosts_public:interest"), interest_data(email=email)).status_code == 302
    with time_machine.travel("2030-03-01 23:30 +0100", tick=False):
        client.post(reverse("hosts_public:interest"), interest_data(email="GRETA@bergslagen-robotics.example"))

    assert HostInterest.objects.count() == 3, "every submission is kept for the team"
    assert OutboundEmail.objects.filter(template="hosts/interest_note").count() == 3
    assert OutboundEmail.objects.filter(template="hosts/interest_received").count() == 1

    with time_machine.travel("2030-03-02 09:00 +0100", tick=False):
        client.post(reverse("hosts_public:interest"), interest_data())
    assert OutboundEmail.objects.filter(template="hosts/interest_received").count() == 2
