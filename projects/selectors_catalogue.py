"""Reads for a project's page and for the programme tree: what they show, already fetched,
in a number of queries that does not grow with the data."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from .models import (
    PROGRAMME_DEPTH,
    Contact,
    Funding,
    Implementer,
    Programme,
    Project,
    ProjectEvent,
    ProjectIdentifier,
    ProjectRelation,
    under_programme,
)
from .selectors import card_prefetches, group_by_role

# A node with every node above it in one join: a funding's or a page's path then reads no
# more rows (Programme.path() follows the parents already fetched).
PROGRAMME_WITH_ANCESTORS = "parent" + "__parent" * (PROGRAMME_DEPTH - 2)


# What the other project of a relation is to this one, by the relation's kind, when the
# relation starts from this project and when it ends here.
OTHER_FROM_HERE = {
    "member_of": "network",
    "has_member": "member",
    "predecessor_of": "successor",
    "successor_of": "predecessor",
    "phase_of": "whole",
    "related": "related",
}
OTHER_TO_HERE = {
    "member_of": "member",
    "has_member": "network",
    "predecessor_of": "predecessor",
    "successor_of": "successor",
    "phase_of": "phase",
    "related": "related",
}


@dataclass(frozen=True)
class RelatedProject:
    """One line of a project's related projects: what the other project is to this one
    (network, member, predecessor or successor), its published record, or without one the
    name (and the page) its source gives, shown as text."""

    other_is: str
    project: Project | None
    name: str = ""
    url: str = ""


@dataclass
class ProjectPage:
    project: Project
    other_names: list[str]
    implementer_groups: list[tuple[str, list[Implementer]]]
    related: list[RelatedProject]


def project_detail(*, slug: str) -> ProjectPage:
    """A published project with everything its page shows. Queries: the project; its
    identifiers, implementers, fundings (funder, intermediary and programme path in one
    join), contacts, relations from it, regions, municipalities, themes, keywords, links,
    forums, events and their co-organisers; the relations to it; and, when it names projects
    not in the catalogue by identifier, the published records that carry those."""
    queryset = Project.objects.published().prefetch_related(
        "identifiers",
        Prefetch("implementers", queryset=Implementer.objects.select_related("organisation")),
        Prefetch(
            "fundings",
            queryset=Funding.objects.select_related(
                "funder", "intermediary", f"programme__{PROGRAMME_WITH_ANCESTORS}"
            ),
        ),
        Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
        Prefetch(
            "relations_from",
            queryset=ProjectRelation.objects.filter(
                Q(to_project__isnull=True) | Q(to_project__is_published=True)
            ).select_related("to_project"),
        ),
        "regions",
        "municipalities",
        "themes",
        "keywords",
        "links",
        "forums",
        Prefetch("events", queryset=ProjectEvent.objects.prefetch_related("co_organisers")),
    )
    project: Project = get_object_or_404(queryset, slug=slug)
    return ProjectPage(
        project=project,
        other_names=[name.strip() for name in project.other_names.splitlines() if name.strip()],
        implementer_groups=group_by_role(list(project.implementers.all())),
        related=_related_projects(project),
    )


def _related_projects(project: Project) -> list[RelatedProject]:
    identifiers = [identifier.value for identifier in project.identifiers.all()]
    # Relations to this project: by its record, or by one of its identifiers when the other
    # project's source named it before it was in the catalogue.
    relations_to = (
        ProjectRelation.objects.filter(
            Q(to_project=project) | Q(to_project__isnull=True, to_identifier__in=identifiers),
            from_project__is_published=True,
        )
        .exclude(from_project=project)
        .select_related("from_project")
    )
    relations_from = list(project.relations_from.all())
    records = _published_by_identifier(
        {relation.to_identifier for relation in relations_from if relation.to_project is None}
        - {""}
    )
    related: list[RelatedProject] = []
    for relation in relations_from:
        other = relation.to_project or records.get(relation.to_identifier)
        if other is not None and other.pk == project.pk:
            other = None
        related.append(
            RelatedProject(
                other_is=OTHER_FROM_HERE.get(relation.kind, ""),
                project=other,
                name=relation.to_name,
                url=relation.to_url,
            )
        )
    related.extend(
        RelatedProject(other_is=OTHER_TO_HERE.get(relation.kind, ""), project=relation.from_project)
        for relation in relations_to
    )
    # A link recorded at both ends (a member's "member of" and the network's "has as a
    # member") is one line.
    seen: set[tuple[str, int]] = set()
    unique = []
    for line in related:
        if line.project is not None:
            if (line.other_is, line.project.pk) in seen:
                continue
            seen.add((line.other_is, line.project.pk))
        unique.append(line)
    return unique


def _published_by_identifier(values: set[str]) -> dict[str, Project]:
    """The published project that carries each identifier value, in one query (none when
    there is nothing to look up). A value used by two schemes names the first by scheme."""
    if not values:
        return {}
    records: dict[str, Project] = {}
    for identifier in ProjectIdentifier.objects.filter(
        value__in=values, project__is_published=True
    ).select_related("project"):
        records.setdefault(identifier.value, identifier.project)
    return records


def programmes_with_projects() -> list[tuple[Programme, int]]:
    """The programme nodes that have a published project funded under them, as a tree in
    reading order, each with its depth, for the listing's filter. One query: a node counts
    when it is a published funding's programme or a parent of one, up to the tree's depth.
    Each node asks whether one such funding exists (a few index lookups for each of a few
    dozen nodes), rather than collecting the programmes of every published funding: 1 ms
    instead of 8 at 10,000 projects (docs/benchmarks.md)."""
    published = Funding.objects.filter(project__is_published=True)
    condition = Q()
    for depth in range(PROGRAMME_DEPTH):
        under = {"programme" + "__parent" * depth: OuterRef("pk")}
        condition |= Q(Exists(published.filter(**under)))
    nodes = list(Programme.objects.filter(condition))
    present = {node.pk for node in nodes}
    children: dict[int | None, list[Programme]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id if node.parent_id in present else None].append(node)

    ordered: list[tuple[Programme, int]] = []

    def add(parent_id: int | None, depth: int) -> None:
        for node in sorted(children[parent_id], key=lambda node: (node.code, str(node.name))):
            ordered.append((node, depth))
            add(node.pk, depth + 1)

    add(None, 0)
    return ordered


@dataclass
class ProgrammePage:
    programme: Programme
    path: list[Programme]
    children: list[Programme]
    projects: Page


def programme_detail(*, slug: str, number: Any, per_page: int) -> ProgrammePage:
    """A programme node with its path from the fund, the nodes below it, and one page of the
    published projects funded under it or under any node below it, with what their cards
    show."""
    programme: Programme = get_object_or_404(
        Programme.objects.select_related(PROGRAMME_WITH_ANCESTORS, "funding_body"), slug=slug
    )
    projects = card_prefetches(
        Project.objects.published()
        .filter(pk__in=Funding.objects.filter(under_programme(programme)).values("project"))
        .order_by(F("start_date").desc(nulls_last=True), "pk")
    )
    return ProgrammePage(
        programme=programme,
        path=programme.path(),
        children=list(programme.children.order_by("code", "name")),
        projects=Paginator(projects, per_page).get_page(number),
    )
