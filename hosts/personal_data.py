"""The hosts part of a host member's data export (portal/personal_data.py): their memberships, the
invitations they accepted or sent, the projects they created and the "become a host" forms sent from
their address. A fixed number of queries, whatever the number of rows."""

from django.db.models import Q

from eyeforai.personal_data import any_address, as_row
from hosts.models import HostInterest, HostMembership, Invitation, Project

# An invitation's digest is a credential, and the people on an invitation other than the member
# (who invited them, who was refused) are somebody else's data.
INVITATION_EXCLUDE = {"token_digest", "invited_by", "accepted_by", "refused_user"}


def host_member_data(user, *, addresses):
    """`addresses`: the member's email addresses (lower case), which invitations and forms are matched on."""
    memberships = HostMembership.objects.filter(user=user).select_related("organization").order_by("pk")
    accepted = Invitation.objects.filter(Q(accepted_by=user) | Q(email__in=addresses)).select_related("organization")
    # Invitations the member sent: to whom is the invitee's data, so only where, which role and when.
    sent = Invitation.objects.filter(invited_by=user).select_related("organization").order_by("pk")
    projects = (
        Project.objects.filter(created_by=user).select_related("organization", "cohort").prefetch_related("skills")
    )
    interests = HostInterest.objects.filter(any_address("email", addresses)).select_related("cohort", "organization")
    return {
        "memberships": [as_row(row, exclude={"user"}) for row in memberships],
        "invitations_received": [as_row(row, exclude=INVITATION_EXCLUDE) for row in accepted.order_by("pk")],
        "invitations_sent": [
            as_row(row, exclude={*INVITATION_EXCLUDE, "email", "refusal", "refused_at"}) for row in sent
        ],
        "projects_created": [
            {**as_row(row, exclude={"created_by"}), "skills": [skill.name for skill in row.skills.all()]}
            for row in projects.order_by("pk")
        ],
        "host_interest_forms": [as_row(row) for row in interests.order_by("pk")],
    }
