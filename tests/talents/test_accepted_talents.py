"""One definition of a cohort's accepted talents: TalentProfile.objects.accepted_in."""

import pytest

from talents.choices import ApplicationStatus
from talents.models import TalentProfile
from tests.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def test_accepted_in_lists_only_the_talents_accepted_into_that_cohort():
    cohort, other = CohortFactory(), CohortFactory()
    accepted = ApplicationFactory(cohort=cohort, status=ApplicationStatus.ACCEPTED, cv=None).talent
    for status in [ApplicationStatus.SUBMITTED, ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED]:
        ApplicationFactory(cohort=cohort, status=status, cv=None)
    # Accepted into another cohort, and only submitted to this one: not this cohort's.
    elsewhere = ApplicationFactory(cohort=other, status=ApplicationStatus.ACCEPTED, cv=None).talent
    ApplicationFactory(talent=elsewhere, cohort=cohort, status=ApplicationStatus.SUBMITTED, cv=None)

    assert list(TalentProfile.objects.accepted_in(cohort)) == [accepted]
    assert list(TalentProfile.objects.accepted_in(other)) == [elsewhere]
