import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from forums.selectors import next_meetings
from projects.selectors import home_projects

from .availability import parts_status

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
    """Keeps crawlers out of admin and of the pages reached through personal links."""
    return render(
        request,
        "robots.txt",
        {"languages": [code for code, _name in settings.LANGUAGES]},
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
