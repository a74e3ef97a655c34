import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums.selectors import next_meetings
from projects.selectors import home_projects

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
