"""Who is a host member, and the one way member pages fetch an organisation's objects.

Another organisation's object answers 404, exactly like one that does not exist.
"""

from django.http import Http404

from eyeforai.accounts.access import role_required
from eyeforai.accounts.choices import Role
from hosts.models import HostMembership, Invitation, Project


def membership_for(user):
    """The user's HostMembership (organisation joined in), or None. Cached on the user object:
    the navigation, the decorator and the view all ask within one request."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.role and user.role != Role.HOST_MEMBER:
        # One person, one role: a membership left over from before the rule (a talent's) opens nothing.
        return None
    # Loaded with the signed-in user (portal/signed_in_user.py); a missing one is cached as missing.
    try:
        return user.host_membership
    except HostMembership.DoesNotExist:
        return None


def is_host_member(user):
    return membership_for(user) is not None


host_member_required = role_required(is_host_member)


def get_organization_for_member(user):
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return membership.organization


def get_project_for_member(user, project_uuid, *, queryset=None):
    """The project with this UUID if it belongs to the user's organisation, else 404."""
    organization = get_organization_for_member(user)
    queryset = Project.objects.all() if queryset is None else queryset
    try:
        return queryset.select_related("cohort", "organization").get(uuid=project_uuid, organization=organization)
    except Project.DoesNotExist as error:
        raise Http404 from error


def get_invitation_for_member(user, invitation_uuid):
    """An invitation of the user's organisation not used yet, else 404 (another organisation's too)."""
    organization = get_organization_for_member(user)
    try:
        return Invitation.objects.get(uuid=invitation_uuid, organization=organization, accepted_at__isnull=True)
    except Invitation.DoesNotExist as error:
        raise Http404 from error
