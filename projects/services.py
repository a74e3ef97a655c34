"""Writes with a rule attached: keeping the projects' search vectors in step, and entering a
project's identifiers so that a second source of it merges instead of entering twice."""

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Combinable, Expression
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from .models import (
    PROGRAMME_DEPTH,
    SEARCH_CONFIGS,
    SEARCH_TEXT_FIELDS,
    Funding,
    Implementer,
    Programme,
    Project,
    ProjectIdentifier,
    under_programme,
)


def _joined(queryset: QuerySet[Any], text: Combinable) -> Subquery:
    """The text of the outer project's rows in `queryset`, as one string (or NULL)."""
    # order_by() drops Meta.ordering, which would otherwise split the group into one row per
    # related row.
    return Subquery(
        queryset.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(text=StringAgg(text, delimiter=" "))
        .values("text")
    )


def _names(path: str) -> Expression:
    """The name of the row at `path` in every language, each followed by a space (a language
    without a name, or a row that is not there, as nothing)."""
    parts: list[Expression] = []
    for language in SEARCH_CONFIGS:
        parts += [Coalesce(F(f"{path}__name_{language}"), Value("")), Value(" ")]
    return Concat(*parts, output_field=TextField())


def _programme_names() -> Subquery:
    """The names of the programme nodes the outer project's funding comes under: each
    funding's node and the nodes above it, in every language."""
    levels = [f"programme{'__parent' * depth}" for depth in range(PROGRAMME_DEPTH)]
    names = Concat(*(_names(level) for level in levels), output_field=TextField())
    return _joined(Funding.objects.exclude(programme=None), names)


def _text(expression: Combinable) -> Coalesce:
    return Coalesce(expression, Value(""), output_field=TextField())


def _organisation_names(relation_model: type[Implementer] | type[Funding], path: str) -> Subquery:
    """All names of the organisations linked to the outer project, as one string."""
    names = Concat(
        _names(path),
        F(f"{path}__abbreviation"),
        Value(" "),
        F(f"{path}__other_names"),
        output_field=TextField(),
    )
    return _joined(relation_model.objects.all(), names)


def _search_vector() -> Expression:
    keywords = _joined(Project.keywords.through.objects.all(), F("keyword__name"))
    identifiers = _joined(ProjectIdentifier.objects.all(), F("value"))
    municipalities = _joined(Project.municipalities.through.objects.all(), _names("municipality"))
    vector: Expression = SearchVector(
        "name_fi",
        "name_sv",
        "name_en",
        "acronym",
        "other_names",
        _text(identifiers),
        config="simple",
        weight="A",
    )
    for language, config in SEARCH_CONFIGS.items():
        vector += SearchVector(f"name_{language}", "other_names", config=config, weight="A")
        vector += SearchVector(
            *(f"{field}_{language}" for field in SEARCH_TEXT_FIELDS), config=config, weight="B"
        )
    # Who carries out and funds the project, and where: names, not prose, so not stemmed. The
    # organisations that maintain the record are not part of it: that is no public fact.
    vector += SearchVector(
        _text(keywords),
        _text(_organisation_names(Implementer, "organisation")),
        _text(_organisation_names(Funding, "funder")),
        _text(_programme_names()),
        _text(municipalities),
        config="simple",
        weight="C",
    )
    return vector


def project_search_refresh(*, project_ids: Iterable[int]) -> None:
    """Recompute the stored search vectors of these projects (PostgreSQL only; the SQLite
    fallback searches the text columns directly)."""
    if connection.vendor != "postgresql":
        return
    ids = list(project_ids)
    if ids:
        Project.objects.filter(pk__in=ids).update(search_vector=_search_vector())


def organisation_search_refresh(*, organisation_id: int) -> None:
    """An organisation's names are part of the search text of every project it implements or
    funds (not of those whose record it only maintains)."""
    project_ids = set(
        Implementer.objects.filter(organisation_id=organisation_id).values_list(
            "project_id", flat=True
        )
    )
    project_ids.update(
        Funding.objects.filter(funder_id=organisation_id).values_list("project_id", flat=True)
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
