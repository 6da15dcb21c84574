"""The pages every visitor reads: the front page, the host directory, privacy, and the health check."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eyeforai.programme.models import Cohort
from hosts.landing import landing_context
from hosts.models import HostOrganization, Project
from portal.public.cache import cache_public_page
from portal.public.health import run_checks


@require_GET
@cache_public_page
def home(request):
    cohort = Cohort.objects.current()
    context = {
        "cohort": cohort,
        "periods": list(cohort.periods.all()) if cohort else [],
        "open_call": Cohort.objects.open_call().first(),
        "hosts": landing_context(),
    }
    return render(request, "portal/home.html", context)


@require_GET
@cache_public_page
def host_list(request):
    """Active host organisations and their approved projects in the current cohort (five queries)."""
    cohort = Cohort.objects.current()
    projects = Project.objects.none()
    if cohort:
        projects = Project.objects.approved_in(cohort).prefetch_related("skills").order_by("title")
    organizations = (
        HostOrganization.objects.active()
        .prefetch_related(Prefetch("projects", queryset=projects, to_attr="current_projects"))
        .order_by("name")
    )
    return render(request, "portal/host_list.html", {"cohort": cohort, "organizations": organizations})


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
