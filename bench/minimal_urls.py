"""The portal's URLs plus `/bench/minimal/`, a view that only answers "ok" (the benchmark's
yardstick: what the middleware and gunicorn cost before any page does anything)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

# Included by value: Django refuses i18n_patterns() in an include()d URLconf.
from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/minimal/", minimal),
    *portal_urlpatterns,
]
