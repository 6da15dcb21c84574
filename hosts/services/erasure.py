"""The hosts app's part of erasing a person (the whole erasure: portal/erasure.py)."""

from django.db import transaction

from eyeforai.activity.services import record
from eyeforai.personal_data import any_address
from hosts.models import HostInterest, HostMembership, Invitation, Project


@transaction.atomic
def erase_member(user, *, addresses):
    """Forget `user` (and their `addresses`, lower case) in the hosts app: their membership ends,
    invitations sent to their addresses are deleted, the projects they created and the invitations
    they sent or accepted no longer name them, a project that gave them as supervisor loses the
    name and address, and "become a host" forms sent from their address lose name, address and phone.
    The organisations, projects and seats stay.

    Side effect: the activity entry "hostmembership.erased" on each organisation left (no personal data
    beyond the organisation's name)."""
    for membership in HostMembership.objects.filter(user=user).select_related("organization"):
        record(membership.organization, "hostmembership.erased", by=None)
        membership.delete()
    Invitation.objects.filter(email__in=addresses).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    Invitation.objects.filter(accepted_by=user).update(accepted_by=None)
    Invitation.objects.filter(refused_user=user).update(refused_user=None)
    Project.objects.filter(created_by=user).update(created_by=None)
    Project.objects.filter(any_address("supervisor_email", addresses)).update(supervisor_email="", supervisor_name="")
    HostInterest.objects.filter(any_address("email", addresses)).update(email="", contact_name="", phone="")
