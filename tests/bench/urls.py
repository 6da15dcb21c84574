"""The product's URLs plus a trivial Django view (the ceiling every page is compared with) and an
empty page in the site's layout (what any signed-in page costs before it shows anything).

Selected only in the benchmark's gunicorn process (tests/bench/wsgi.py); the product never routes here.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from portal.urls import urlpatterns as product_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


def empty_page(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/trivial", trivial, name="bench_trivial"),
    path("bench/empty", empty_page, name="bench_empty"),
    *product_urlpatterns,
]
