from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from eyeforai.programme.choices import CohortStatus
from hosts.choices import EDITABLE_PROJECT_STATUSES, WITHDRAWABLE_PROJECT_STATUSES, OrganizationStatus, ProjectStatus
from hosts.models import HostOrganization, Project, ProjectSeat
from hosts.services.common import member_recipients, team_email

# Hosts plan projects ahead: once matching starts, the cohort's offer is fixed.
OPEN_COHORT_STATUSES = (CohortStatus.PLANNING, CohortStatus.RECRUITING)


def check_cohort_open(cohort):
    if cohort.status not in OPEN_COHORT_STATUSES:
        raise ValidationError(
            {
                "cohort": _(
                    "%(cohort)s is %(status)s: projects can only be planned for a cohort in planning or recruiting."
                )
                % {"cohort": cohort, "status": cohort.get_status_display().lower()}
            }
        )


def _lock(project, allowed, message):
    locked = Project.objects.select_for_update().select_related("cohort", "organization").get(pk=project.pk)
    if locked.status not in allowed:
        raise ValidationError(message % {"status": locked.get_status_display().lower()})
    return locked


@transaction.atomic
def save_project(project, *, skills, seats, by):
    """Create a draft project, or update one in draft or with changes requested, with its seats.

    `seats` maps period number → seats (None counts as 0). Every period of the cohort gets a
    ProjectSeat row; rows for periods of another cohort (the cohort was changed) are removed.
    Refused for a new project of a former host, and for a cohort no longer open.
    Side effects: none beyond the project's own rows.
    """
    created = not project.pk
    if not created:
        current = _lock(
            project, EDITABLE_PROJECT_STATUSES, _("This project is %(status)s and can no longer be changed.")
        )
        project.status = current.status
        project.organization_id = current.organization_id
    else:
        if project.organization.is_former:
            raise ValidationError(_("Your organisation no longer hosts talents, so it cannot add projects."))
        project.status = ProjectStatus.DRAFT
        project.created_by = by
    check_cohort_open(project.cohort)
    periods = {period.number: period for period in project.cohort.periods.all()}
    counts = {number: count or 0 for number, count in seats.items()}
    if any(count < 0 for count in counts.values()):
        raise ValidationError(_("Seats cannot be negative."))
    missing = sorted(number for number, count in counts.items() if count and number not in periods)
    if missing:
        raise ValidationError(
            _("%(cohort)s has no period %(number)s; leave its seats at 0.")
            % {"cohort": project.cohort, "number": missing[0]}
        )
    project.save()
    project.skills.set(skills)
    ProjectSeat.objects.filter(project=project).exclude(period__cohort=project.cohort).delete()
    for number, period in periods.items():
        ProjectSeat.objects.update_or_create(project=project, period=period, defaults={"seats": counts.get(number, 0)})
    if created:
        record(project, "project.created", by=by, to_state=project.status)
    else:
        record(project, "project.saved", by=by)
    return project


@transaction.atomic
def submit_project(project, *, by):
    """Draft or changes requested → submitted, for the programme team to review.

    Refused for a cohort no longer open and for a project without any seat.
    Side effects: queues 'hosts/project_submitted_note' to the programme team.
    """
    project = _lock(project, EDITABLE_PROJECT_STATUSES, _("This project is %(status)s and cannot be submitted."))
    check_cohort_open(project.cohort)
    if not (ProjectSeat.objects.filter(project=project).aggregate(total=Sum("seats"))["total"] or 0):
        raise ValidationError(_("Offer at least one seat in one of the periods before submitting."))
    from_state, project.status = project.status, ProjectStatus.SUBMITTED
    project.submitted_at = timezone.now()
    project.save(update_fields=["status", "submitted_at", "updated_at"])
    record(project, "project.submitted", by=by, from_state=from_state, to_state=project.status)
    queue_email(
        key=f"host-project-submitted:{project.uuid}:{project.submitted_at.timestamp()}",
        to=team_email(),
        template="hosts/project_submitted_note",
        context={"project": project, "admin_path": reverse("admin:hosts_project_change", args=[project.pk])},
    )
    return project


def _email_members(project, *, kind, template):
    path = reverse("hosts_members:project_detail", args=[project.uuid])
    for user, email in member_recipients(project.organization):
        queue_email(
            key=f"host-project-{kind}:{project.uuid}:{project.decided_at.timestamp()}:{user.pk}",
            to=email,
            template=template,
            context={"project": project, "member": user, "project_path": path},
        )


@transaction.atomic
def approve_project(project, *, by):
    """Submitted → approved: the project is offered to the cohort's talents and is read-only for members.

    Side effects: a prospect organisation becomes active (listed on /hosts/); queues
    'hosts/project_approved' to every member of the organisation.
    """
    project = _lock(
        project, [ProjectStatus.SUBMITTED], _("Only submitted projects can be approved; this one is %(status)s.")
    )
    from_state, project.status = project.status, ProjectStatus.APPROVED
    project.decided_at = timezone.now()
    project.save(update_fields=["status", "decided_at", "updated_at"])
    record(project, "project.approved", by=by, from_state=from_state, to_state=project.status)
    activated = HostOrganization.objects.filter(pk=project.organization_id, status=OrganizationStatus.PROSPECT).update(
        status=OrganizationStatus.ACTIVE
    )
    if activated:
        record(
            project.organization,
            "hostorganization.activated",
            by=by,
            from_state=OrganizationStatus.PROSPECT,
            to_state=OrganizationStatus.ACTIVE,
            note=_("Its project “%(project)s” was approved.") % {"project": project},
        )
    _email_members(project, kind="approved", template="hosts/project_approved")
    return project


@transaction.atomic
def request_changes(project, *, by, note):
    """Submitted → changes requested, with the programme team's note on what to change.

    Side effects: queues 'hosts/project_changes_requested' (with the note) to every member.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write what the host should change."))
    project = _lock(
        project,
        [ProjectStatus.SUBMITTED],
        _("Changes can only be requested for a submitted project; this one is %(status)s."),
    )
    from_state, project.status = project.status, ProjectStatus.CHANGES_REQUESTED
    project.manager_note = note
    project.decided_at = timezone.now()
    project.save(update_fields=["status", "manager_note", "decided_at", "updated_at"])
    record(project, "project.changes_requested", by=by, from_state=from_state, to_state=project.status, note=note)
    _email_members(project, kind="changes", template="hosts/project_changes_requested")
    return project


@transaction.atomic
def withdraw_project(project, *, by):
    """Draft, submitted or changes requested → withdrawn (final). Side effects: none."""
    project = _lock(
        project,
        WITHDRAWABLE_PROJECT_STATUSES,
        _("This project is %(status)s and cannot be withdrawn."),
    )
    from_state, project.status = project.status, ProjectStatus.WITHDRAWN
    project.save(update_fields=["status", "updated_at"])
    record(project, "project.withdrawn", by=by, from_state=from_state, to_state=project.status)
    return project
