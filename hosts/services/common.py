from django.conf import settings
from django.db.models import Q

from hosts.models import HostMembership


def member_recipients(organization):
    """(user, email) for each active member of the organisation, oldest first."""
    memberships = (
        HostMembership.objects.filter(organization=organization)
        .filter(Q(user__is_active=True))
        .select_related("user")
        .order_by("created_at")
    )
    return [(membership.user, membership.user.email) for membership in memberships]


def team_email():
    return settings.PROGRAMME_TEAM_EMAIL
