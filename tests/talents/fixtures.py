"""Objects the talents tests and the access matrix build (registered in tests/conftest.py)."""

import pytest

from talents.choices import ApplicationStatus
from tests.factories import AbsenceFactory, ApplicationFactory, CohortFactory, DayLogFactory, running_cohort


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def call_cohort(db):
    return CohortFactory(name="Cohort 2027")


@pytest.fixture
def talent_application(talent, call_cohort, media_root):
    """The `talent` fixture's submitted application, with a CV, to the open call."""
    return ApplicationFactory(talent=talent.talent_profile, cohort=call_cohort)


@pytest.fixture
def accepted_talent(talent, media_root):
    """The `talent` fixture, accepted to a cohort that is running today; returns the application."""
    return ApplicationFactory(talent=talent.talent_profile, cohort=running_cohort(), status=ApplicationStatus.ACCEPTED)


@pytest.fixture
def talent_day_log(accepted_talent):
    return DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort)


@pytest.fixture
def talent_absence(talent):
    return AbsenceFactory(talent=talent.talent_profile)
