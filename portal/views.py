from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from projects.selectors import home_projects


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", home_projects())
