"""The pages every visitor reads: the front page, the host directory with a page per host and per
project, privacy, and the health check."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from blog.public import latest_posts
from eyeforai.programme.models import Cohort
from hosts.landing import (
    directory_context,
    get_organization_for_visitor,
    get_project_for_visitor,
    landing_context,
    organization_context,
)
from portal.public.cache import cache_public_page
from portal.public.health import run_checks


@require_GET
@cache_public_page
def home(request):
    """The programme, the cohort it is about now (Cohort.objects.featured) and the latest blog posts:
    four queries (the cohort, its periods, the hosts, the posts), six once there are posts (their authors
    and tags)."""
    cohort = Cohort.objects.featured()
    context = {
        "cohort": cohort,
        "periods": list(cohort.periods.all()) if cohort else [],
        "hosts": landing_context(),
        "latest_posts": latest_posts(),
    }
    return render(request, "portal/home.html", context)


@require_GET
@cache_public_page
def host_list(request):
    """The host organisations with approved projects, per announced cohort, then the other active hosts
    (four queries)."""
    cohorts = list(Cohort.objects.announced())
    return render(request, "portal/host_list.html", {"cohorts": cohorts, **directory_context(cohorts)})


@require_GET
@cache_public_page
def host_page(request, slug):
    """One host organisation, its approved projects per announced cohort and the latest blog posts naming
    it: five queries (the organisation, the cohorts, the projects, their skills, the posts), seven once
    there are posts (their authors and tags)."""
    organization = get_organization_for_visitor(slug)
    cohorts = list(Cohort.objects.announced())
    context = {
        **organization_context(organization, cohorts),
        "latest_posts": latest_posts(organization=organization),
    }
    return render(request, "portal/host_page.html", context)


@require_GET
@cache_public_page
def project_page(request, slug, uuid):
    """One approved project: what the talent will do, its skills and seats per period (three queries)."""
    project = get_project_for_visitor(slug, uuid)
    return render(request, "portal/project_page.html", {"project": project, "cohort": project.cohort})


@require_GET
def privacy(request):
    # The retention periods are settings, so the page reads the same numbers the beat tasks use.
    context = {
        "rejected_cv_days": settings.RETENTION_REJECTED_CV_DAYS,
        "outbox_body_days": settings.RETENTION_OUTBOX_BODY_DAYS,
    }
    return render(request, "portal/privacy.html", context)


@never_cache
@require_GET
def healthz(request):
    results, healthy = run_checks()
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)
