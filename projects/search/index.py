"""Writing the search index: each project's terms in three columns by weight, into the
database's full-text structure, and the new terms of published projects into the
vocabulary.

The columns are what ranks a match: the head (names, other names, acronym, keywords,
identifiers) above the body (tagline, summary, themes, regions, municipalities, and the
names of who implements and funds it and under which programme) above the tail (the long
texts). Every text is indexed in each language it is written in."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch, Value

from ..models import (
    PROGRAMME_DEPTH,
    PROJECT_LONG_TEXTS,
    SEARCH_LANGUAGES,
    TERM_LENGTH,
    Funding,
    Implementer,
    Organisation,
    Programme,
    Project,
    SearchTerm,
)
from .analysis import index_terms, words

# Projects read, analysed and written at a time by a rebuild.
CHUNK = 500


@dataclass
class Document:
    head: str
    body: str
    tail: str
    # The words as written, for the vocabulary: a typo is nearer to an inflected form
    # ("opiskeljoiden") than to its lemma.
    written: set[str]

    def vocabulary(self) -> set[str]:
        return {*self.head.split(), *self.body.split(), *self.tail.split(), *self.written}


Texts = list[tuple[str, str]]  # (text, the language it is written in)


def _translated(row: object, field: str) -> Texts:
    return [(getattr(row, f"{field}_{language}") or "", language) for language in SEARCH_LANGUAGES]


def _organisation(organisation: Organisation | None) -> Texts:
    if organisation is None:
        return []
    return [
        *_translated(organisation, "name"),
        (organisation.abbreviation, "fi"),
        (organisation.other_names, "fi"),
    ]


def _programme(programme: Programme | None) -> Texts:
    texts: Texts = []
    while programme is not None:
        texts += [*_translated(programme, "name"), (programme.code, "fi")]
        programme = programme.parent
    return texts


def _joined(texts: Texts, written: set[str]) -> str:
    for text, _language in texts:
        written.update(words(text or ""))
    return " ".join(
        term for text, language in texts if text for term in index_terms(text, language)
    )


def document(project: Project) -> Document:
    """The project's terms by column, from a project read with `_projects()`'s prefetches."""
    head: Texts = [
        *_translated(project, "name"),
        (project.acronym, "fi"),
        (project.other_names, "fi"),
        *((keyword.name, "fi") for keyword in project.keywords.all()),
        *((identifier.value, "fi") for identifier in project.identifiers.all()),
    ]
    body: Texts = [*_translated(project, "tagline"), *_translated(project, "summary")]
    for named in (project.themes.all(), project.regions.all(), project.municipalities.all()):
        for row in named:
            body += _translated(row, "name")
    for implementer in project.implementers.all():
        body += _organisation(implementer.organisation)
    for funding in project.fundings.all():
        body += [
            *_organisation(funding.funder),
            *_organisation(funding.intermediary),
            *_programme(funding.programme),
        ]
    tail: Texts = [text for field in PROJECT_LONG_TEXTS for text in _translated(project, field)]
    written: set[str] = set()
    return Document(
        head=_joined(head, written),
        body=_joined(body, written),
        tail=_joined(tail, written),
        written=written,
    )


def _projects(project_ids: list[int]) -> Iterator[Project]:
    programme_chain = "programme" + "__parent" * (PROGRAMME_DEPTH - 1)
    return (
        Project.objects.filter(pk__in=project_ids)
        .order_by()
        .prefetch_related(
            "keywords",
            "identifiers",
            "themes",
            "regions",
            "municipalities",
            Prefetch("implementers", Implementer.objects.select_related("organisation")),
            Prefetch(
                "fundings",
                Funding.objects.select_related("funder", "intermediary", programme_chain),
            ),
        )
        .iterator(chunk_size=CHUNK)
    )


def _write_postgresql(documents: dict[int, Document]) -> None:
    for pk, found in documents.items():
        head = SearchVector(Value(found.head), config="simple", weight="A")
        Project.objects.filter(pk=pk).update(
            search_vector=head
            + SearchVector(Value(found.body), config="simple", weight="B")
            + SearchVector(Value(found.tail), config="simple", weight="C"),
            search_head=head,
        )


def _write_sqlite(project_ids: list[int], documents: dict[int, Document]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "DELETE FROM projects_search WHERE rowid = %s", [(pk,) for pk in project_ids]
        )
        cursor.executemany(
            "INSERT INTO projects_search (rowid, head, body, tail) VALUES (%s, %s, %s, %s)",
            [(pk, found.head, found.body, found.tail) for pk, found in documents.items()],
        )


def vocabulary_add(terms: Iterable[str]) -> None:
    """Add the terms the vocabulary lacks (those of published projects only: the
    suggestions it makes must not reveal a draft's words). A project unpublished or deleted
    keeps its words, once public, here until index_rebuild()."""
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in sorted(terms) if len(term) <= TERM_LENGTH],
        ignore_conflicts=True,
        batch_size=1000,
    )


@transaction.atomic
def index_projects(project_ids: Iterable[int]) -> None:
    """Recompute these projects' index entries (a project no longer there loses its own)."""
    ids = sorted(set(project_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        documents: dict[int, Document] = {}
        published_terms: set[str] = set()
        for project in _projects(chunk):
            documents[project.pk] = found = document(project)
            if project.is_published:
                published_terms |= found.vocabulary()
        if connection.vendor == "postgresql":
            _write_postgresql(documents)
        else:
            _write_sqlite(chunk, documents)
        vocabulary_add(published_terms)


@transaction.atomic
def index_rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every project afresh and rebuild the vocabulary from the published ones;
    returns how many projects were indexed."""
    SearchTerm.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM projects_search")
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        index_projects(ids[start : start + CHUNK])
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))
    return len(ids)


def index_if_missing(**kwargs: object) -> None:
    """After `migrate`: build the index of a catalogue that has published projects but no
    vocabulary yet (a database migrated to this search), so that its search works at once."""
    if Project.objects.filter(is_published=True).exists() and not SearchTerm.objects.exists():
        index_rebuild()
