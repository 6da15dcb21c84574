from hosts.models.interests import HostInterest
from hosts.models.organizations import HostMembership, HostOrganization, Invitation
from hosts.models.projects import Project, ProjectSeat

__all__ = ["HostInterest", "HostMembership", "HostOrganization", "Invitation", "Project", "ProjectSeat"]
