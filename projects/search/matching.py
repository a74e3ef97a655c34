"""A planned query as a filter and two annotations on a queryset of projects, on either
database: `search_words`, how many of the query's words the project matches (all words
rank above some), and `search_rank`, how well (the head's matches above the body's above
the tail's on SQLite; on PostgreSQL the head's above the rest, which only matches; higher
is better on both databases)."""

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from ..models import Project
from .analysis import WORD
from .query import SearchPlan, WordMatch

# PostgreSQL's ts_rank() weights of D, C (the tail), B (the body) and A (the head); FTS5's
# bm25() weights of the head, body and tail columns, in FTS5_RANK. Both queries take their
# match text as a parameter.
TSVECTOR_WEIGHTS = [0.0, 0.25, 0.5, 1.0]
FTS5_MATCHING = "SELECT rowid FROM projects_search WHERE projects_search MATCH %s"
# bm25() is lower for a better match; Func joins the match text and the project's own key
# with "AND rowid =", the key named as the query needs (also inside a subquery).
FTS5_RANK = (
    "(SELECT -bm25(projects_search, 10.0, 4.0, 1.0) FROM projects_search"
    " WHERE projects_search MATCH %(expressions)s)"
)


def _plain_terms(word: WordMatch) -> list[str]:
    """The word's terms that are letters and digits alone (as analysis.words makes them; an
    analyser's lemma is held to it too), so that quoting each is enough in a match text."""
    return sorted(term for term in word.terms if WORD.fullmatch(term))


def _tsquery(word: WordMatch) -> SearchQuery:
    alternatives = [f"'{term}'" for term in _plain_terms(word)]
    if word.prefix:
        alternatives.append(f"'{word.prefix}':*")
    return SearchQuery(" | ".join(alternatives), search_type="raw", config="simple")


def _fts5_query(word: WordMatch) -> str:
    alternatives = [f'"{term}"' for term in _plain_terms(word)]
    if word.prefix:
        alternatives.append(f'"{word.prefix}"*')
    return " OR ".join(alternatives)


def _words_matched(matching: Sequence[QuerySet[Project, Any] | RawSQL]) -> Func | Value:
    if len(matching) == 1:
        # Every project found matches the one word.
        return Value(1, output_field=IntegerField())
    counts = [
        Case(When(pk__in=rows, then=Value(1)), default=Value(0), output_field=IntegerField())
        for rows in matching
    ]
    return Func(
        *counts, template="(%(expressions)s)", arg_joiner=" + ", output_field=IntegerField()
    )


def search_matching(queryset: QuerySet[Project], plan: SearchPlan) -> QuerySet[Project]:
    """The projects of `queryset` that match at least one word of the plan, annotated."""
    if not plan.words:
        # Nothing to look for ("!!!"): nothing found, annotated as a search would be.
        return queryset.none().annotate(
            search_words=Value(0, output_field=IntegerField()),
            search_rank=Value(0.0, output_field=FloatField()),
        )
    if connection.vendor == "postgresql":
        word_queries = [_tsquery(word) for word in plan.words]
        any_word = word_queries[0]
        for query in word_queries[1:]:
            any_word |= query
        # Matched through the GIN index as a subquery, so that PostgreSQL never reads a
        # long vector row by row; ranked by the small vector of the head.
        matched = Project.objects.filter(search_vector=any_word).values("pk")
        return queryset.filter(pk__in=matched).annotate(
            search_words=_words_matched(
                [Project.objects.filter(search_vector=query).values("pk") for query in word_queries]
            ),
            # A project not yet indexed has no head: it ranks last, not first.
            search_rank=Coalesce(
                SearchRank(F("search_head"), any_word, weights=TSVECTOR_WEIGHTS), Value(0.0)
            ),
        )
    fts5_queries = [_fts5_query(word) for word in plan.words]
    any_word_text = " OR ".join(f"({query})" for query in fts5_queries)
    # The match texts are parameters, never part of the SQL.
    matching = RawSQL(FTS5_MATCHING, [any_word_text])  # noqa: S611
    each_word = [RawSQL(FTS5_MATCHING, [query]) for query in fts5_queries]  # noqa: S611
    return queryset.filter(pk__in=matching).annotate(
        search_words=_words_matched(each_word),
        search_rank=Func(
            Value(any_word_text),
            F("pk"),
            template=FTS5_RANK,
            arg_joiner=" AND rowid = ",
            output_field=FloatField(),
        ),
    )
