"""The pages every visitor reads: the front page, the host directory with a page per host and per
project, privacy, and the health check."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
    """The programme, and the cohort it is about now (Cohort.objects.featured): three queries."""
    cohort = Cohort.objects.featured()
    context = {
        "cohort": cohort,
        "periods": list(cohort.periods.all()) if cohort else [],
        "hosts": landing_context(),
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
    """One host organisation and its approved projects per announced cohort (four queries)."""
    organization = get_organization_for_visitor(slug)
    cohorts = list(Cohort.objects.announced())
    return render(request, "portal/host_page.html", organization_context(organization, cohorts))


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
