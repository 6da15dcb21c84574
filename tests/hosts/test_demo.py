from django.core.management import call_command

from hosts.choices import InterestStatus, ProjectStatus
from hosts.models import HostInterest, HostMembership, HostOrganization, Project


def test_seed_demo_gives_every_host_members_and_projects_at_every_stage(db):
    call_command("seed_demo", "--allow-without-debug", "--quiet")
    call_command("seed_demo", "--allow-without-debug", "--quiet")  # idempotent

    assert HostOrganization.objects.count() == 5
    for organization in HostOrganization.objects.all():
        assert HostMembership.objects.filter(organization=organization).count() >= 1, organization
    assert set(Project.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert set(HostInterest.objects.values_list("status", flat=True)) == set(InterestStatus.values)
    assert HostMembership.objects.filter(user__email="maja.holm@vasterstrand-hospital.example").exists()
