from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import ProjectFilterForm
from .models import ProjectStatus


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    filters = form.filters()
    projects = selectors.project_search(filters)
    page = Paginator(projects, settings.PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    active_filters = [
        (form[name].label, ProjectStatus(value).label if name == "status" else value, name)
        for name in ("q", "status", "funder", "organisation", "region", "theme", "year")
        if (value := getattr(filters, name))
    ]
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "active_filters": active_filters,
            "ignored_filters": bool(form.errors),
        },
    )


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_detail(slug=slug)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "implementer_groups": selectors.group_by_role(list(project.implementers.all())),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "projects/organisation_detail.html",
        {"page": selectors.organisation_detail(slug=slug)},
    )
