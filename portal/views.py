from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums.selectors import next_meetings
from projects.selectors import home_projects


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {**home_projects(), "next_meetings": next_meetings()}
    )
