"""The product's URLs plus one trivial Django view: the ceiling every page is compared with.

Selected only in the benchmark's gunicorn process (tests/bench/wsgi.py); the product never routes here.
"""

from django.http import HttpResponse
from django.urls import path

from eyeforai.urls import urlpatterns as product_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial, name="bench_trivial"), *product_urlpatterns]
