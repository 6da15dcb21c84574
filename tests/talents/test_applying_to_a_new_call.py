"""A talent whose earlier application has ended applies to the new call; an accepted talent is not asked to."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from talents.choices import ApplicationStatus
from talents.models import Application
from talents.services.applications import current_application
from tests.factories import ApplicationFactory, CohortFactory, running_cohort


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def _last_years_cohort(status):
    return CohortFactory(
        name="Cohort 2026",
        status=status,
        starts_on=timezone.localdate() - timedelta(days=400),
        applications_open_at=timezone.now() - timedelta(days=600),
        application_deadline=timezone.now() - timedelta(days=500),
    )


def _upcoming_cohort():
    """Accepted talents rank projects; its call has closed."""
    return CohortFactory(
        name="Cohort 2026",
        status=CohortStatus.MATCHING,
        applications_open_at=timezone.now() - timedelta(days=200),
        application_deadline=timezone.now() - timedelta(days=100),
    )


@pytest.mark.parametrize(
    ("cohort_status", "application_status"),
    [
        (CohortStatus.COMPLETED, ApplicationStatus.REJECTED),
        (CohortStatus.COMPLETED, ApplicationStatus.WITHDRAWN),
        (CohortStatus.RUNNING, ApplicationStatus.REJECTED),
        (CohortStatus.COMPLETED, ApplicationStatus.ACCEPTED),
        (CohortStatus.COMPLETED, ApplicationStatus.DRAFT),
    ],
)
def test_a_talent_whose_last_application_ended_starts_one_to_the_open_call(
    talent_client, talent, call_cohort, media_root, cohort_status, application_status
):
    old = ApplicationFactory(
        talent=talent.talent_profile, cohort=_last_years_cohort(cohort_status), status=application_status
    )

    assert current_application(talent.talent_profile) == (None, call_cohort)
    overview = talent_client.get(reverse("portal:talent_dashboard")).text
    assert "Start your application" in overview
    form_page = talent_client.get(reverse("talents:application")).text
    assert "You are applying to Cohort 2027" in form_page
    response = talent_client.post(
        reverse("talents:application"), {"action": "save", "motivation": "Second try, with a thesis on triage."}
    )

    assert response.status_code == 302
    new = Application.objects.get(talent=talent.talent_profile, cohort=call_cohort)
    assert new.status == ApplicationStatus.DRAFT
    assert new.motivation == "Second try, with a thesis on triage."
    old.refresh_from_db()
    assert old.status == application_status


@pytest.mark.parametrize("cohort", [_upcoming_cohort, running_cohort], ids=["upcoming", "running"])
def test_an_accepted_talent_of_a_cohort_to_come_or_running_is_not_offered_a_new_application(
    talent_client, talent, call_cohort, media_root, cohort
):
    accepted = ApplicationFactory(talent=talent.talent_profile, cohort=cohort(), status=ApplicationStatus.ACCEPTED)

    assert current_application(talent.talent_profile) == (accepted, call_cohort)
    assert "Start your application" not in talent_client.get(reverse("portal:talent_dashboard")).text
    page = talent_client.get(reverse("talents:application")).text
    assert "You are applying to" not in page
    assert "Welcome to Eye for AI!" in page
    talent_client.post(reverse("talents:application"), {"action": "save", "motivation": "Again?"})
    assert list(Application.objects.filter(talent=talent.talent_profile)) == [accepted]


def test_an_application_still_in_review_stays_the_talents_page_when_a_new_call_opens(
    talent_client, talent, call_cohort, media_root
):
    in_review = ApplicationFactory(
        talent=talent.talent_profile, cohort=_upcoming_cohort(), status=ApplicationStatus.UNDER_REVIEW
    )

    assert current_application(talent.talent_profile) == (in_review, call_cohort)
    assert "The programme team reads every application" in talent_client.get(reverse("talents:application")).text
