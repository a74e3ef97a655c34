"""Writes with a rule attached: keeping the projects' search index in step, and entering a
project's identifiers so that a second source of it merges instead of entering twice."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import (
    Funding,
    Implementer,
    Programme,
    Project,
    ProjectIdentifier,
    under_programme,
)
from .search.index import index_projects


def project_search_refresh(*, project_ids: Iterable[int]) -> None:
    """Recompute these projects' entries in the search index (projects.search.index)."""
    index_projects(project_ids)


def organisation_search_refresh(*, organisation_id: int) -> None:
    """An organisation's names are part of the search text of every project it implements,
    funds or passes funding on to (not of those whose record it only maintains)."""
    project_ids = set(
        Implementer.objects.filter(organisation_id=organisation_id).values_list(
            "project_id", flat=True
        )
    )
    project_ids.update(
        Funding.objects.filter(
            Q(funder_id=organisation_id) | Q(intermediary_id=organisation_id)
        ).values_list("project_id", flat=True)
    )
    project_search_refresh(project_ids=project_ids)


def programme_search_refresh(*, programme: Programme) -> None:
    """A programme's names are part of the search text of every project funded under it or
    under a node below it."""
    project_search_refresh(
        project_ids=set(
            Funding.objects.filter(under_programme(programme)).values_list("project_id", flat=True)
        )
    )


def project_identified_by(identifiers: Iterable[tuple[str, str]]) -> Project | None:
    """The project that already carries one of these (scheme, value) identifiers: the key for
    merging a second source (a register record, a result card) into the project it
    describes. Identifiers that point at two different projects are refused."""
    condition = Q()
    for scheme, value in identifiers:
        condition |= Q(scheme=scheme, value=value.strip())
    if not condition:
        return None
    project_ids = set(
        ProjectIdentifier.objects.filter(condition).values_list("project_id", flat=True)
    )
    if len(project_ids) > 1:
        raise ValidationError(
            _("These identifiers belong to different projects: merge them by hand.")
        )
    return Project.objects.filter(pk__in=project_ids).first()


@transaction.atomic
def project_identifiers_add(
    *, project: Project, identifiers: Iterable[tuple[str, str]]
) -> list[ProjectIdentifier]:
    """Give the project the identifiers it does not have yet, each validated as admin does;
    one that another project carries is refused (the two may be one project). Returns the
    rows added."""
    added = []
    for scheme, value in identifiers:
        identifier = ProjectIdentifier(project=project, scheme=scheme, value=value)
        identifier.clean()
        existing = ProjectIdentifier.objects.filter(
            scheme=identifier.scheme, value=identifier.value
        ).first()
        if existing is not None:
            if existing.project_id != project.pk:
                raise ValidationError(
                    _("%(identifier)s already belongs to another project.")
                    % {"identifier": identifier}
                )
            continue
        identifier.full_clean()
        identifier.save()
        added.append(identifier)
    project_search_refresh(project_ids=[project.pk])
    return added
