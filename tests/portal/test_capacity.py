from django.urls import reverse

from hosts.choices import ProjectStatus
from portal import capacity
from portal.capacity import capacity_summary
from talents.choices import ApplicationStatus
from tests.factories import ApplicationFactory, ProjectFactory, TalentProfileFactory, UserFactory


def _accept(cohort, count):
    for _ in range(count):
        ApplicationFactory(
            talent=TalentProfileFactory(user=UserFactory()), cohort=cohort, status=ApplicationStatus.ACCEPTED, cv=None
        )


def test_capacity_counts_approved_and_submitted_seats_per_period(
    host_organization, other_host_organization, open_cohort
):
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(2, 1, 0))
    ProjectFactory(organization=other_host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(1,))
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.SUBMITTED, seats=(0, 0, 3))
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.DRAFT, seats=(9, 9, 9))
    _accept(open_cohort, 2)

    (summary,) = capacity_summary()

    assert summary.accepted_talents == 2
    assert [(p.approved_seats, p.submitted_seats) for p in summary.periods] == [(3, 0), (1, 0), (0, 3)]
    assert [p.is_short for p in summary.periods] == [False, True, True]
    assert summary.periods[2].missing == 2


def test_only_accepted_applications_count_as_talents(host_organization, open_cohort):
    _accept(open_cohort, 2)
    ApplicationFactory(talent=TalentProfileFactory(user=UserFactory()), cohort=open_cohort, cv=None)

    assert capacity.accepted_talents([open_cohort.pk]) == {open_cohort.pk: 2}


def test_a_cohort_without_accepted_talents_is_never_short(open_cohort):
    (summary,) = capacity_summary()
    assert summary.accepted_talents == 0
    assert not summary.is_short


def test_capacity_page_flags_short_periods(client, manager, host_organization, open_cohort):
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(3, 3, 1))
    _accept(open_cohort, 2)
    client.force_login(manager)

    page = client.get(reverse("portal:capacity")).content.decode()

    assert "Cohort 2031" in page
    assert page.count("Too few seats: 1 missing") == 1
    assert page.count("Enough seats") == 2
