import pytest
from django.urls import reverse

from hosts import capacity
from hosts.capacity import capacity_summary, set_accepted_talents_counter
from hosts.choices import ProjectStatus
from tests.factories import ApplicationFactory, ProjectFactory, TalentProfileFactory, UserFactory


@pytest.fixture
def counter():
    """Plug a counter in the hook for one test, as rotations would."""
    yield set_accepted_talents_counter
    set_accepted_talents_counter(None)


def test_capacity_counts_approved_and_submitted_seats_per_period(
    host_organization, other_host_organization, open_cohort, counter
):
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(2, 1, 0))
    ProjectFactory(organization=other_host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(1,))
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.SUBMITTED, seats=(0, 0, 3))
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.DRAFT, seats=(9, 9, 9))
    counter(lambda ids: dict.fromkeys(ids, 2))

    (summary,) = capacity_summary()

    assert [(p.approved_seats, p.submitted_seats) for p in summary.periods] == [(3, 0), (1, 0), (0, 3)]
    assert [p.is_short for p in summary.periods] == [False, True, True]
    assert summary.periods[2].missing == 2


def test_accepted_talents_are_counted_through_the_app_registry(host_organization, open_cohort):
    for _ in range(2):
        talent = TalentProfileFactory(user=UserFactory())
        ApplicationFactory(talent=talent, cohort=open_cohort, status="accepted", cv=None)
    ApplicationFactory(talent=TalentProfileFactory(user=UserFactory()), cohort=open_cohort, cv=None)

    assert capacity.accepted_talents([open_cohort.pk]) == {open_cohort.pk: 2}


def test_unknown_accepted_talents_never_flag_a_period(open_cohort, counter):
    counter(lambda ids: None)
    (summary,) = capacity_summary()
    assert not summary.is_short
    assert summary.accepted_talents is None


def test_capacity_page_flags_short_periods(client, manager, host_organization, open_cohort, counter):
    ProjectFactory(organization=host_organization, cohort=open_cohort, status=ProjectStatus.APPROVED, seats=(3, 3, 1))
    counter(lambda ids: dict.fromkeys(ids, 2))
    client.force_login(manager)

    page = client.get(reverse("admin:hosts_project_capacity")).content.decode()

    assert "Cohort 2031" in page
    assert page.count("Too few seats: 1 missing") == 1
    assert page.count("Enough seats") == 2
