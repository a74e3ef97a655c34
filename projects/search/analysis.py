"""Words and the terms they are indexed and searched by.

A Finnish word is indexed by its surface form, its lemmas and the lemmas of its compound
parts (Voikko), so that "opiskelijoiden" finds "opiskelijat" and "valmennus" finds
"ryhmävalmennuksen". Swedish and English words are indexed by their Snowball stems. Where
Voikko is missing, Finnish falls back to the Snowball stemmer (`manage.py check` warns)."""

import functools
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import snowballstemmer
from django.conf import settings

# Letters and digits (not the underscore \w also takes).
WORD = re.compile(r"[^\W_]+")
# Compound parts shorter than this ("oppi" in "oppilaitos" is kept, "se" is not) would match
# too much to be worth indexing.
SHORTEST_PART = 3
STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}


def words(text: str) -> list[str]:
    """The words of a text, lower-cased: letters and digits, split at anything else."""
    return WORD.findall(text.casefold())


class Voikko(Protocol):
    name: str

    def lemmas(self, word: str) -> tuple[set[str], set[str]]:
        """The word's lemmas and the lemmas of its compound parts (both empty if unknown)."""
        ...


def _plain(lemma: str) -> str:
    # Voikko marks the seams of a lexicalised compound ("hyvin=vointi") with "=".
    return lemma.replace("=", "").casefold()


class NativeVoikko:
    """Debian's libvoikko through its ctypes binding: fast, and about 10 MB."""

    name = "libvoikko"

    def __init__(self) -> None:
        import libvoikko

        self.voikko = libvoikko.Voikko("fi")
        # One analyser per process, and the C library is not safe to share between threads.
        self.lock = threading.Lock()

    def lemmas(self, word: str) -> tuple[set[str], set[str]]:
        with self.lock:
            analyses: list[dict[str, Any]] = self.voikko.analyze(word)
        lemmas: set[str] = set()
        parts: set[str] = set()
        for analysis in analyses:
            lemmas.add(_plain(analysis.get("BASEFORM", "")))
            parts |= compound_terms(compound_parts(analysis.get("WORDBASES", "")))
        return lemmas - {""}, parts


Part = tuple[str, str]  # a compound part as written in the word, and its lemma


def compound_parts(wordbases: str) -> list[Part]:
    """A compound's parts from libvoikko's WORDBASES, where each segment is "+surface(base)":
    "+ryhmä(ryhmä)+valmenn(valmentaa)+us(+us)" is ryhmä and valmennus. A segment whose base
    starts with "+" (or that has none) is a derivational ending: the part it ends is named by
    the surfaces joined, not by the word it was derived from."""
    parts: list[list[str]] = []  # per part: its base, then its surfaces
    for surface, base in re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", wordbases):
        if (base and not base.startswith("+")) or not parts:
            parts.append([base, surface])
        else:
            parts[-1][0] = ""  # derived: its own base no longer names it
            parts[-1].append(surface)
    return [("".join(part[1:]), _plain(part[0] or "".join(part[1:]))) for part in parts]


def compound_terms(parts: list[Part]) -> set[str]:
    """The lemmas of a compound's parts, and of each run of two or more of them short of the
    whole: "oppilaitosnuorisotyö" is also oppi, laitos, nuoriso, työ, oppilaitos, nuorisotyö,
    laitosnuoriso… A run is its parts as written, the word's last part by its lemma."""
    if len(parts) < 2:
        return set()
    terms = {lemma for _surface, lemma in parts}
    for start in range(len(parts)):
        for end in range(start + 2, len(parts) + 1):
            if (start, end) == (0, len(parts)):
                continue
            run = parts[start:end]
            last = run[-1][1] if end == len(parts) else run[-1][0]
            terms.add(_plain("".join(surface for surface, _lemma in run[:-1]) + last))
    return terms


class PurePythonVoikko:
    """pyvoikko: the same Finnish dictionary read by pure Python, where libvoikko is not
    installed. Slower, and about 250 MB a process."""

    name = "pyvoikko"

    def __init__(self) -> None:
        import pyvoikko

        self.analyse = pyvoikko.analyse

    def lemmas(self, word: str) -> tuple[set[str], set[str]]:
        lemmas: set[str] = set()
        parts: set[str] = set()
        for analysis in self.analyse(word):
            compound = [
                (part.FORM, _plain(part.BASEFORM)) for part in analysis.COMPOUND_PARTS or []
            ]
            if len(compound) > 1:
                # The whole word's lemma as libvoikko gives it: the first parts as written.
                lemmas.add(
                    _plain("".join(form for form, _lemma in compound[:-1]) + compound[-1][1])
                )
                parts |= compound_terms(compound)
            else:
                lemmas.add(_plain(analysis.BASEFORM))
        return lemmas - {""}, parts


ANALYSERS: dict[str, Callable[[], Voikko]] = {
    "libvoikko": NativeVoikko,
    "pyvoikko": PurePythonVoikko,
}
# Why an analyser asked for could not be loaded, by name (for `manage.py check`).
ANALYSER_PROBLEMS: dict[str, str] = {}


@functools.cache
def finnish_voikko() -> Voikko | None:
    """The Voikko the settings ask for: "auto" takes libvoikko, else pyvoikko; "stemmer"
    none (Finnish is then stemmed like Swedish and English)."""
    wanted = settings.SEARCH_FINNISH_ANALYSER
    if wanted == "stemmer":
        ANALYSER_PROBLEMS[wanted] = "SEARCH_FINNISH_ANALYSER asks for the stemmer alone"
        return None
    names = list(ANALYSERS) if wanted == "auto" else [wanted]
    for name in names:
        if name not in ANALYSERS:
            ANALYSER_PROBLEMS[name] = "no such analyser: auto, libvoikko, pyvoikko or stemmer"
            continue
        try:
            return ANALYSERS[name]()
        except Exception as error:  # a missing library or dictionary: the check reports it
            ANALYSER_PROBLEMS[name] = f"{type(error).__name__}: {error}"
    return None


@functools.cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(STEMMERS[language])


@functools.lru_cache(maxsize=200_000)
def finnish_reading(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A Finnish word's lemmas and its compound parts' lemmas, as Voikko reads it once: the
    word itself where Voikko does not know it, its stem where there is no Voikko."""
    voikko = finnish_voikko()
    if voikko is None:
        return (stem(word, "fi"),), ()
    lemmas, parts = voikko.lemmas(word)
    if not lemmas:
        return (word,), ()
    return tuple(sorted(lemmas)), tuple(
        sorted(part for part in parts if len(part) >= SHORTEST_PART)
    )


def lemma_terms(word: str) -> tuple[str, ...]:
    """What a query word is searched by in Finnish texts: its lemmas (see finnish_reading)."""
    return finnish_reading(word)[0]


def finnish_terms(word: str) -> tuple[str, ...]:
    """What a word of a Finnish text is indexed by: its lemmas and its compound parts'."""
    lemmas, parts = finnish_reading(word)
    return tuple(sorted({*lemmas, *parts}))


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return str(_stemmer(language).stemWord(word))


def word_terms(word: str, language: str) -> set[str]:
    """The terms one word of a text in `language` is indexed by: one normal form for each
    reading of it (not also the word as written, which would count a match twice)."""
    if language == "fi":
        return set(finnish_terms(word))
    return {stem(word, language)}


def index_terms(text: str, language: str) -> Iterator[str]:
    """The terms of a text, one run per word, in order (repeats count towards the rank)."""
    for word in words(text):
        yield from sorted(word_terms(word, language))


def query_terms(word: str) -> set[str]:
    """The terms a query word is looked for by: its Finnish lemmas and its Swedish and English
    stems (a visitor may type any language on any page). Not its compound parts:
    "oppilaitosnuorisotyö" should not find every text with "työ" in it."""
    return {*lemma_terms(word), stem(word, "sv"), stem(word, "en")}


def analyser_name() -> str:
    voikko = finnish_voikko()
    return voikko.name if voikko is not None else "stemmer"
