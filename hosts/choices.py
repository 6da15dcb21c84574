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


class Place(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")
