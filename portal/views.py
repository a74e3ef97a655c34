import datetime
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as server_error_page

from forums.selectors import next_meetings
from projects.selectors import home_projects

from .availability import database_unavailable_response, parts_status
from .open_data import absolute_url

# When the accessibility statement was last prepared: review the statement whenever the public
# pages change much, and at least once a year, and change this date with it.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 22)


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            **home_projects(),
            "next_meetings": next_meetings(),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {"prepared": ACCESSIBILITY_STATEMENT_DATE})


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keeps crawlers out of admin, the API's documentation, the pages reached through personal
    links and the downloads (a file per combination of filters), and shows them the sitemap
    at the portal's public address."""
    return render(
        request,
        "robots.txt",
        {
            "languages": [code for code, _name in settings.LANGUAGES],
            "sitemap_url": absolute_url(reverse("sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/privacy.html",
        {
            "version": settings.REGISTRATION_CONSENT_VERSION,
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 while the portal can serve, which it does without the cache
    and the broker (slower, and with e-mails waiting); 503 when the database does not answer."""
    parts = parts_status()
    return JsonResponse(parts, status=200 if parts["database"] == "up" else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that does not answer (lost, restarting, or too busy to take a
    lock) gets the "try again" page in the visitor's language; any other error the plain
    500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response(request)
    return server_error_page(request)
