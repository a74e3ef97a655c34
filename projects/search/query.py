"""Planning a query against the index's vocabulary: each word is looked for by its terms
(the word, its lemmas, its stems); a word the vocabulary does not know is taken as the first
letters of a longer one if it is, else as a typo of the nearest known word within one or two
letters."""

import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models.functions import Length
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from ..models import TERM_LENGTH, SearchTerm
from .analysis import query_terms, words

# A query is cut to this many words: more make a slower search, and nobody types them.
MOST_WORDS = 10
# The first letters of a word: from this many on.
SHORTEST_PREFIX = 3
# A word this long or longer may be corrected: shorter ones are too near too many others.
SHORTEST_TYPO = 4
# The first letters of a word stand for at most this many known words.
MOST_EXPANSIONS = 50


@functools.cache
def stopwords() -> frozenset[str]:
    lines = (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def typo_distance(word: str) -> int:
    """How many letters may be wrong: one in a word of up to six letters, two beyond."""
    return 1 if len(word) <= 6 else 2


@dataclass(frozen=True)
class WordMatch:
    typed: str
    terms: frozenset[str]
    # Also every term that starts with this (the word typed was not a word of the index).
    prefix: str = ""
    # The known word a typo was taken for.
    corrected: str = ""
    # False when neither the word, the start of one nor a typo of one is in the index.
    known: bool = True


@dataclass(frozen=True)
class SearchPlan:
    words: tuple[WordMatch, ...] = field(default_factory=tuple)

    @property
    def corrections(self) -> list[tuple[str, str]]:
        return [(word.typed, word.corrected) for word in self.words if word.corrected]

    @functools.cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(term for word in self.words for term in word.terms)

    @functools.cached_property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(word.prefix for word in self.words if word.prefix)

    def matches(self, terms: set[str]) -> bool:
        """Do a text word's index terms match the query?"""
        return bool(self.terms & terms) or any(
            term.startswith(prefix) for term in terms for prefix in self.prefixes
        )


def _candidates(word: str, *, loose: bool = False) -> list[str]:
    """Known terms about as long as `word`: those a typo of it may be. The same on both
    databases (a catalogue's vocabulary is some tens of thousands of short words)."""
    spread = 3 if loose else 2
    return list(
        SearchTerm.objects.annotate(length=Length("term"))
        .filter(length__range=(len(word) - spread, len(word) + spread))
        .values_list("term", flat=True)
    )


def nearest(word: str, distance: int, *, loose: bool = False) -> str:
    """The known term nearest to `word` within `distance` edits ("" if none): the nearest
    first, then alphabetically."""
    found = extract(
        word,
        _candidates(word, loose=loose),
        # Two letters swapped ("ohajus") are one edit, as a person sees it.
        scorer=OSA.distance,
        score_cutoff=distance,
        limit=None,
    )
    best = sorted((score, term) for term, score, _index in found if term != word)
    return best[0][1] if best else ""


def _may_be_a_typo(word: str) -> bool:
    """Long enough to be corrected, and no number or code: "2024" is not a typo of "2014",
    nor one project's code of another's."""
    return len(word) >= SHORTEST_TYPO and not any(character.isdigit() for character in word)


def _words_starting(prefix: str) -> list[str]:
    """Known words that start with `prefix`, the first of them alphabetically."""
    return list(
        SearchTerm.objects.filter(term__startswith=prefix)
        .order_by("term")
        .values_list("term", flat=True)[:MOST_EXPANSIONS]
    )


def _typed_words(text: str) -> list[str]:
    typed = list(dict.fromkeys(word for word in words(text) if len(word) <= TERM_LENGTH))
    kept = [word for word in typed if word not in stopwords()]
    return (kept or typed)[:MOST_WORDS]


def search_plan(text: str) -> SearchPlan:
    """What to look for, word by word: one query for the words the vocabulary knows, and one
    more for each word it does not."""
    typed = _typed_words(text)
    wanted = {word: query_terms(word) for word in typed}
    known = set(
        SearchTerm.objects.filter(
            term__in={term for terms in wanted.values() for term in terms}
        ).values_list("term", flat=True)
    )
    planned = []
    for word, terms in wanted.items():
        if terms & known:
            planned.append(WordMatch(typed=word, terms=frozenset(terms)))
        elif len(word) >= SHORTEST_PREFIX and (longer := _words_starting(word)):
            # The first letters of a word: of a lemma in the index ("opisk") or of a word as
            # written ("opiskelijoi"), which is looked for by its own terms.
            expanded = {term for known_word in longer for term in query_terms(known_word)}
            planned.append(WordMatch(typed=word, terms=frozenset(terms | expanded), prefix=word))
        elif _may_be_a_typo(word) and (corrected := nearest(word, typo_distance(word))):
            planned.append(
                WordMatch(
                    typed=word, terms=frozenset(terms | query_terms(corrected)), corrected=corrected
                )
            )
        else:
            planned.append(WordMatch(typed=word, terms=frozenset(terms), known=False))
    return SearchPlan(words=tuple(planned))


def suggestion(plan: SearchPlan) -> str:
    """ "Did you mean": the query with each word that found nothing replaced by the nearest
    known word within three letters ("" when there is none to offer)."""
    changed = False
    suggested = []
    for word in plan.words:
        replacement = ""
        if not word.known and _may_be_a_typo(word.typed):
            replacement = nearest(word.typed, 3, loose=True)
        changed |= bool(replacement)
        suggested.append(replacement or word.typed)
    return " ".join(suggested) if changed else ""
