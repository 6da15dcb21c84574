"""The application page without a form is kept in the cache (talents/application_page.py): each change
that shows on it, whoever makes it and however, shows on the next view; a call closing shows without any
write; the copy's form carries the reader's own token; an erasure takes the copies with it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from talents import application_page as application_page_module
from talents.choices import ApplicationStatus, CVReader
from talents.models import Application, CVDownload
from tests.conftest_helpers import erase_now
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def application_page(client):
    response = client.get(reverse("talents:application"))
    assert response.status_code == 200
    return response.text


def test_a_stage_set_by_a_queryset_update_shows_on_the_next_view(talent_client, talent_application):
    assert "The programme team reads every application." in application_page(talent_client)

    Application.objects.filter(pk=talent_application.pk).update(status=ApplicationStatus.REJECTED)

    page = application_page(talent_client)
    assert "We could not offer you a place this time." in page
    assert "The programme team reads every application." not in page


def test_a_hosts_download_and_the_readers_new_name_show_on_the_next_view(
    talent_client, talent_application, host_member
):
    assert "Nobody has downloaded your CV yet." in application_page(talent_client)

    CVDownload.objects.create(
        application=talent_application, reader=CVReader.HOST, by=host_member, organization_name="Västerstrand"
    )
    assert "Elin Berg, Västerstrand" in application_page(talent_client)

    host_member.first_name = "Elina"
    host_member.save(update_fields=["first_name"])
    assert "Elina Berg, Västerstrand" in application_page(talent_client)


def test_a_sign_in_elsewhere_keeps_the_copy(talent_client, talent_application, host_member):
    application_page(talent_client)

    update_last_login(None, host_member)  # every sign-in writes it; the page never shows it

    with CaptureQueriesContext(connection) as kept_view:
        application_page(talent_client)
    assert not [query for query in kept_view.captured_queries if '"talents_application"' in query["sql"]]


def test_a_call_closing_shows_without_any_write(talent_client, talent, call_cohort):
    call_cohort.application_deadline = timezone.now() + timedelta(minutes=2)
    call_cohort.save()
    ApplicationFactory(talent=talent.talent_profile, cohort=call_cohort, status=ApplicationStatus.WITHDRAWN)
    assert "Apply again" in application_page(talent_client)

    with time_machine.travel(call_cohort.application_deadline + timedelta(minutes=1)):
        page = application_page(talent_client)

    assert "Apply again" not in page
    assert "The call for this cohort has closed." in page


def test_the_kept_form_carries_the_readers_own_token_and_reopens_the_application(talent, call_cohort):
    application = ApplicationFactory(
        talent=talent.talent_profile, cohort=call_cohort, status=ApplicationStatus.WITHDRAWN
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(talent)
    application_page(browser)  # builds the copy
    page = application_page(browser)  # from the copy

    reopen_url = reverse("talents:application_reopen", args=[application.uuid])
    form = page[page.index(f'action="{reopen_url}"') :]  # the copy's form, not the header's
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(reopen_url, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert "Save draft" in application_page(browser)  # the draft's form, not the kept page


def test_an_erased_talents_copies_leave_the_cache(
    talent_client, talent, talent_application, manager, django_capture_on_commit_callbacks
):
    keys = [application_page_module.page_key(talent.talent_profile.pk, language) for language in ("en", "sv")]
    application_page(talent_client)
    talent_client.cookies["django_language"] = "sv"
    application_page(talent_client)
    assert all(cache.get(key) is not None for key in keys)

    erase_now(talent, manager, django_capture_on_commit_callbacks)

    assert [cache.get(key) for key in keys] == [None, None]


def test_a_drafts_form_page_reads_the_applications_once(talent_client, talent, call_cohort):
    ApplicationFactory(talent=talent.talent_profile, cohort=call_cohort, status=ApplicationStatus.DRAFT)

    with CaptureQueriesContext(connection) as view:
        page = application_page(talent_client)

    assert "Save draft" in page
    reads = [query for query in view.captured_queries if query["sql"].startswith('SELECT "talents_application"."id"')]
    assert len(reads) == 1  # what the kept copy's build read to find a form, the form uses
