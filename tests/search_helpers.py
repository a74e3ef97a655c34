"""What the search tests (tests/test_search*.py) share: the day they search on, and the
projects project_search() finds, as a set or in order, with their search text refreshed."""

import datetime

from projects.models import Project
from projects.selectors import ProjectFilters, project_search
from projects.services import project_search_refresh

TODAY = datetime.date(2024, 6, 15)


def _pks(filters: ProjectFilters) -> set[int]:
    return {project.pk for project in project_search(filters, today=TODAY)}


def _ordered(filters: ProjectFilters) -> list[int]:
    return [project.pk for project in project_search(filters, today=TODAY)]


def _refresh(*projects: Project) -> None:
    project_search_refresh(project_ids=[project.pk for project in projects])
