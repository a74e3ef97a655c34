from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import ProjectFilterForm
from .models import ProjectStatus


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    filters = form.filters()
    page = selectors.project_page(
        filters, request.GET.get("page"), per_page=settings.PROJECTS_PER_PAGE
    )
    values = {
        "status": ProjectStatus(filters.status).label if filters.status else "",
        "organisation": filters.organisation or filters.organisation_name,
    }
    active_filters = [
        (form[name].label, value, name)
        for name in ("q", "status", "funder", "organisation", "region", "theme", "year")
        if (value := values.get(name, getattr(filters, name)))
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
