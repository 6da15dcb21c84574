from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital and healthcare")
    PHARMA = "pharma", _("Pharma and life science")
    AUTOMOTIVE = "automotive", _("Automotive and mobility")
    PUBLIC = "public", _("Public agency and region")
    UNIVERSITY = "university", _("University and research")
    INDUSTRY = "industry", _("Industry and manufacturing")
    OTHER = "other", _("Other")


class OrganizationStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    FORMER = "former", _("Former")


class MemberRole(models.TextChoices):
    CONTACT = "contact", _("Main contact")
    MEMBER = "member", _("Member")


class InterestStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Members may change a project only while it is being written or reworked.
EDITABLE_PROJECT_STATUSES = (ProjectStatus.DRAFT, ProjectStatus.CHANGES_REQUESTED)
# ...and may withdraw it until the programme team has approved it.
WITHDRAWABLE_PROJECT_STATUSES = (*EDITABLE_PROJECT_STATUSES, ProjectStatus.SUBMITTED)


class Place(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class InvitationState(models.TextChoices):
    """How an invitation link stands for the person who opened it; computed by the view, never stored."""

    UNKNOWN = "unknown"
    MEMBER = "member"
    USED = "used"
    EXPIRED = "expired"
    ANONYMOUS = "anonymous"
    OTHER_ORGANIZATION = "other_organization"
    WRONG_EMAIL = "wrong_email"
    READY = "ready"
    REFUSED = "refused"
    OTHER_ROLE = "other_role"


class InvitationRefusal(models.TextChoices):
    """Why an invitation was refused for good (stored on it; the managers' invitation list shows it)."""

    TALENT = "talent", _("The person is a talent: a person holds one role")
    OTHER_ROLE = "other_role", _("The person holds another role")
