"""What the host's overview (portal/dashboards.py) says about projects: what to do now, and by when."""

from django.utils import timezone

from hosts.choices import ProjectStatus
from hosts.forms import open_cohorts
from hosts.services.projects import OPEN_COHORT_STATUSES

# What each project status asks, while its cohort is open: the members act, or the programme team does.
STEP_FOR_STATUS = {
    ProjectStatus.DRAFT: "submit",
    ProjectStatus.CHANGES_REQUESTED: "change",
    ProjectStatus.SUBMITTED: "in_review",
    ProjectStatus.APPROVED: "approved",
}


def project_steps(projects, *, skip=(), now=None):
    """The project steps of the overview, from the organisation's projects (as listed, with cohorts).

    One step per open cohort (planning or recruiting) without a live project: write one, before its
    applications close; and one per project of an open cohort, by its status. Projects in `skip` (those
    the overview already asks to rank talents for) get none. One query (the open cohorts).
    """
    now = now or timezone.now()
    live = {project.cohort_id for project in projects if project.status != ProjectStatus.WITHDRAWN}
    steps = [
        {"kind": "write", "cohort": cohort, "deadline": cohort.application_deadline}
        for cohort in open_cohorts()
        if cohort.pk not in live and cohort.application_deadline > now
    ]
    steps += [
        {"kind": STEP_FOR_STATUS[project.status], "project": project}
        for project in projects
        if project.status in STEP_FOR_STATUS
        and project.cohort.status in OPEN_COHORT_STATUSES
        and project.pk not in skip
    ]
    return steps
