"""The hosts' part of the public pages: the front page's "our hosts", the directory (/hosts/), and a
page for each host organisation and each of its public projects (Project.objects.public())."""

from django.shortcuts import get_object_or_404

from hosts.models import HostOrganization, Project

LANDING_LIMIT = 12


def landing_context():
    """The "our hosts" section of the front page: one query."""
    hosts = list(
        HostOrganization.objects.active().only("name", "slug", "sector", "city").order_by("name")[: LANDING_LIMIT + 1]
    )
    return {"hosts": hosts[:LANDING_LIMIT], "more_hosts": len(hosts) > LANDING_LIMIT}


def _by_cohort(cohorts, projects):
    """[{"cohort", "organizations": [(organization, [project, …]), …]}] in the order of `cohorts`,
    leaving out the cohorts without projects; `projects` come in the order they are shown."""
    groups = []
    for cohort in cohorts:
        organizations = {}
        for project in projects:
            if project.cohort_id == cohort.pk:
                project.cohort = cohort
                organizations.setdefault(project.organization_id, (project.organization, []))[1].append(project)
        if organizations:
            groups.append({"cohort": cohort, "organizations": list(organizations.values())})
    return groups


def directory_context(cohorts):
    """/hosts/: per cohort, the organisations with public projects in it and those projects; then the
    other active organisations (three queries: the projects with their organisations, their skills,
    the active organisations)."""
    projects = list(
        Project.objects.public()
        .filter(cohort__in=cohorts)
        .select_related("organization")
        .prefetch_related("skills")
        .order_by("organization__name", "title")
    )
    listed = {project.organization_id for project in projects}
    organizations = (
        HostOrganization.objects.active().only("name", "slug", "sector", "city", "description").order_by("name")
    )
    return {
        "groups": _by_cohort(cohorts, projects),
        "other_organizations": [organization for organization in organizations if organization.pk not in listed],
    }


def get_organization_for_visitor(slug):
    """An active host organisation, or 404 (a prospect or a former host has no public page)."""
    return get_object_or_404(HostOrganization.objects.active(), slug=slug)


def organization_context(organization, cohorts):
    """A host organisation's page: its public projects per cohort (two queries: projects, skills)."""
    projects = list(
        Project.objects.public()
        .filter(organization=organization, cohort__in=cohorts)
        .prefetch_related("skills")
        .order_by("title")
    )
    for project in projects:
        project.organization = organization
    return {"organization": organization, "groups": _by_cohort(cohorts, projects)}


def get_project_for_visitor(organization_slug, project_uuid):
    """A public project of the organisation with this slug, with its skills and seats per period
    (three queries), or 404: a draft, submitted or withdrawn project, another organisation's slug."""
    projects = Project.objects.public().select_related("organization", "cohort").with_seats().prefetch_related("skills")
    return get_object_or_404(projects, uuid=project_uuid, organization__slug=organization_slug)
