"""Withdrawing asks first; a withdrawn application can be reopened while its call is open."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.services.applications import reopen_application, submit_application, withdraw_application


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def test_opening_the_withdraw_page_asks_first_and_changes_nothing(talent_client, talent_application):
    url = reverse("talents:application_withdraw", args=[talent_application.uuid])
    page = talent_client.get(url)
    assert page.status_code == 200
    assert "Withdraw your application?" in page.text
    assert "Keep my application" in page.text
    assert "you can apply again until" in page.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED
    assert not OutboundEmail.objects.exists()


def test_the_application_page_links_to_the_confirmation_rather_than_withdrawing(talent_client, talent_application):
    page = talent_client.get(reverse("talents:application"))
    url = reverse("talents:application_withdraw", args=[talent_application.uuid])
    assert f'href="{url}"' in page.text
    assert f'action="{url}"' not in page.text


def test_confirming_withdraws_and_the_email_offers_to_apply_again(talent_client, talent_application):
    url = reverse("talents:application_withdraw", args=[talent_application.uuid])
    response = talent_client.post(url)
    assert response.status_code == 302
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.WITHDRAWN
    email = OutboundEmail.objects.get(template="talents/application_withdrawn")
    assert "You can apply again" in email.body_text
    page = talent_client.get(reverse("talents:application"))
    assert "Apply again" in page.text
    assert "Apply again" in talent_client.get(reverse("portal:talent_dashboard")).text


def test_the_confirmation_page_of_a_decided_application_sends_back_with_a_message(talent_client, talent_application):
    talent_application.status = ApplicationStatus.ACCEPTED
    talent_application.save()
    response = talent_client.get(reverse("talents:application_withdraw", args=[talent_application.uuid]), follow=True)
    assert "can no longer be withdrawn" in response.text


def test_another_talents_confirmation_page_is_not_found(client, other_talent, talent_application):
    client.force_login(other_talent)
    assert client.get(reverse("talents:application_withdraw", args=[talent_application.uuid])).status_code == 404
    assert client.post(reverse("talents:application_reopen", args=[talent_application.uuid])).status_code == 404


def test_applying_again_while_the_call_is_open_reopens_the_draft_with_its_answers(
    talent_client, talent, talent_application
):
    withdraw_application(talent_application, by=talent)
    response = talent_client.post(reverse("talents:application_reopen", args=[talent_application.uuid]), follow=True)
    assert "open again as a draft" in response.text
    assert "Submit application" in response.text  # the form is back
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.DRAFT
    assert talent_application.motivation and talent_application.cv
    assert [event.status for event in talent_application.events.all()] == ["withdrawn", "draft"]
    assert ActivityEntry.objects.filter(action="application.reopened").exists()
    assert OutboundEmail.objects.filter(template="talents/application_reopened", to=talent.email).exists()


def test_a_reopened_application_is_submitted_and_withdrawn_again_with_an_email_each_time(talent, talent_application):
    withdraw_application(talent_application, by=talent)
    reopen_application(talent_application, by=talent)
    submit_application(talent_application, data={}, by=talent)
    withdraw_application(talent_application, by=talent)
    assert OutboundEmail.objects.filter(template="talents/application_received").count() == 1
    assert OutboundEmail.objects.filter(template="talents/application_withdrawn").count() == 2


def test_applying_again_after_the_deadline_is_refused_with_a_message(talent_client, talent, talent_application):
    withdraw_application(talent_application, by=talent)
    with time_machine.travel(talent_application.cohort.application_deadline + timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="you cannot apply to it again"):
            reopen_application(talent_application, by=talent)
        talent_client.force_login(talent)
        page = talent_client.get(reverse("talents:application"))
        assert "Apply again" not in page.text
        assert "The call for this cohort has closed" in page.text
        response = talent_client.post(
            reverse("talents:application_reopen", args=[talent_application.uuid]), follow=True
        )
    assert "you cannot apply to it again" in response.text
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.WITHDRAWN


def test_only_a_withdrawn_application_can_be_reopened(talent, talent_application):
    with pytest.raises(ValidationError, match="not withdrawn"):
        reopen_application(talent_application, by=talent)
    talent_application.refresh_from_db()
    assert talent_application.status == ApplicationStatus.SUBMITTED
