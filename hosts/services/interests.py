import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from hosts.choices import InterestStatus, MemberRole
from hosts.models import HostInterest
from hosts.services.common import team_email
from hosts.services.invitations import invite_member
from hosts.services.organizations import create_organization


@transaction.atomic
def record_interest(interest):
    """Save a "become a host" form (an unsaved HostInterest).

    Side effects: queues 'hosts/interest_received' (auto-reply) to the contact, at most once per
    address and day, and 'hosts/interest_note' to the programme team (PROGRAMME_TEAM_EMAIL).
    """
    interest.status = InterestStatus.NEW
    interest.save()
    # No one is signed in on the public form: the entry has no person and says where it came from.
    record(
        interest,
        "hostinterest.received",
        by=None,
        to_state=interest.status,
        note=_("Sent through the public “become a host” form by %(email)s.") % {"email": interest.email},
    )
    # Anyone can type any address here, so the auto-reply must not let a stranger make the portal
    # write to someone: it has a fixed text (no name, organisation or message from the form, which
    # the sender chose) and goes once per address and day however often the form is sent.
    address = hashlib.sha256(interest.email.strip().lower().encode()).hexdigest()[:32]
    queue_email(
        key=f"host-interest-received:{address}:{timezone.localdate().isoformat()}",
        to=interest.email,
        template="hosts/interest_received",
        context={},
        # No account behind the address: the auto-reply speaks the language the form was filled in.
        language=translation.get_language(),
    )
    queue_email(
        key=f"host-interest-note:{interest.uuid}",
        to=team_email(),
        template="hosts/interest_note",
        context={"interest": interest, "admin_path": reverse("admin:hosts_hostinterest_change", args=[interest.pk])},
    )
    return interest


def _locked(interest, allowed, action):
    interest = HostInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.status not in allowed:
        raise ValidationError(
            _("%(organization)s is %(status)s and cannot be %(action)s.")
            % {"organization": interest.organization_name, "status": interest.get_status_display(), "action": action}
        )
    return interest


@transaction.atomic
def mark_contacted(interest, *, by):
    """New → contacted (the team has been in touch). Side effects: none."""
    interest = _locked(interest, [InterestStatus.NEW], _("marked as contacted"))
    from_state, interest.status = interest.status, InterestStatus.CONTACTED
    interest.save(update_fields=["status", "updated_at"])
    record(interest, "hostinterest.contacted", by=by, from_state=from_state, to_state=interest.status)
    return interest


@transaction.atomic
def decline_interest(interest, *, by):
    """New or contacted → declined. Side effects: none (the team writes to the prospect personally)."""
    interest = _locked(interest, [InterestStatus.NEW, InterestStatus.CONTACTED], _("declined"))
    from_state, interest.status = interest.status, InterestStatus.DECLINED
    interest.save(update_fields=["status", "updated_at"])
    record(interest, "hostinterest.declined", by=by, from_state=from_state, to_state=interest.status)
    return interest


@transaction.atomic
def convert_interest(interest, *, by):
    """New or contacted → joined: create the host organisation (a prospect) and invite the contact.

    Side effects: a HostOrganization; an Invitation for the contact as main contact, which queues
    the 'hosts/invitation' email. Refused if an organisation with that name exists already.
    """
    interest = _locked(interest, [InterestStatus.NEW, InterestStatus.CONTACTED], _("converted"))
    organization = create_organization(
        name=interest.organization_name, sector=interest.sector, city=interest.city, by=by
    )
    invitation = invite_member(organization, interest.email, by=by, role=MemberRole.CONTACT)
    from_state, interest.status = interest.status, InterestStatus.JOINED
    interest.organization = organization
    interest.save(update_fields=["status", "organization", "updated_at"])
    record(
        interest,
        "hostinterest.converted",
        by=by,
        from_state=from_state,
        to_state=interest.status,
        note=str(organization),
    )
    return organization, invitation
