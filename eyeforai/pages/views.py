from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eyeforai.pages.cache import cache_public_page
from eyeforai.pages.health import run_checks
from eyeforai.pages.sections import sections_for
from eyeforai.programme.models import Cohort


@require_GET
@cache_public_page
def home(request):
    cohort = Cohort.objects.current()
    open_call = Cohort.objects.open_call().first()
    periods = list(cohort.periods.all()) if cohort else []
    return render(
        request,
        "pages/home.html",
        {"cohort": cohort, "periods": periods, "open_call": open_call, "sections": sections_for("landing", request)},
    )


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


@never_cache
@require_GET
def healthz(request):
    results, healthy = run_checks()
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)
