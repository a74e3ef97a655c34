from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from portal.open_data import LICENCE_URL

from . import exports, selectors, selectors_catalogue, structured_data
from .forms import ProjectFilterForm
from .models import Project, ProjectStatus
from .search.query import search_plan, suggestion

# The listing's filters in the order their chips are shown.
FILTER_NAMES = ("q", "status", "funder", "programme", "organisation", "region", "theme", "year")


def _filter_query(form: ProjectFilterForm, *, q: str | None = None) -> str:
    """The query string of the filters (and the order) that the form accepted, as typed:
    for the canonical address and the downloads, without the page, tracking parameters or
    values that were left out. With `q`, the same filters for another search text."""
    accepted = form.cleaned_data
    typed = {
        name: " ".join(str(form.data.get(name, "")).split())
        for name in (*FILTER_NAMES, "sort")
        if accepted.get(name)
    }
    if q is not None:
        typed["q"] = q
    return urlencode([(name, typed[name]) for name in (*FILTER_NAMES, "sort") if name in typed])


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    filters = form.filters()
    plan = search_plan(filters.q) if filters.q else None
    page = selectors.project_page(
        filters, request.GET.get("page"), per_page=settings.PROJECTS_PER_PAGE, plan=plan
    )
    # "Did you mean": only when the search found nothing, with the same filters and order.
    suggested = suggestion(plan) if plan is not None and not page.paginator.count else ""
    values = {
        "status": ProjectStatus(filters.status).label if filters.status else "",
        "organisation": filters.organisation or filters.organisation_name,
    }
    active_filters = [
        (form[name].label, value, name)
        for name in FILTER_NAMES
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
            "canonical_query": _filter_query(form),
            "search_plan": plan,
            "suggestion": suggested,
            "suggestion_url": f"?{_filter_query(form, q=suggested)}" if suggested else "",
        },
    )


def _download(request: HttpRequest) -> tuple[QuerySet[Project], str, str]:
    """The listing's results with what a download shows, the page's language, and the
    listing's address with the same filters."""
    form = ProjectFilterForm(request.GET)
    projects = exports.export_queryset(selectors.project_search(form.filters()))
    source = exports.source_address(reverse("projects:list"), _filter_query(form))
    return projects, get_language() or settings.LANGUAGE_CODE, source


def _attachment(response: HttpResponse | StreamingHttpResponse, extension: str) -> None:
    name = f"projects-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'


def project_download_csv(request: HttpRequest) -> StreamingHttpResponse:
    projects, language, _source = _download(request)
    response = StreamingHttpResponse(
        exports.csv_lines(projects, language), content_type="text/csv; charset=utf-8"
    )
    _attachment(response, "csv")
    return response


def project_download_xlsx(request: HttpRequest) -> HttpResponse:
    projects, language, source = _download(request)
    response = HttpResponse(
        exports.xlsx_bytes(projects, language, source),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    _attachment(response, "xlsx")
    return response


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors_catalogue.project_detail(slug=slug)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": page.project,
            "other_names": page.other_names,
            "implementer_groups": page.implementer_groups,
            "related_projects": page.related,
            "structured_data": structured_data.project_json_ld(page.project, page.other_names),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.organisation_detail(slug=slug)
    return render(
        request,
        "projects/organisation_detail.html",
        {
            "page": page,
            "structured_data": structured_data.organisation_json_ld(page.organisation),
        },
    )


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors_catalogue.programme_detail(
        slug=slug, number=request.GET.get("page"), per_page=settings.PROJECTS_PER_PAGE
    )
    return render(
        request,
        "projects/programme_detail.html",
        {
            "programme": page.programme,
            "path": page.path,
            "children": page.children,
            "page": page.projects,
        },
    )
