"""Organisations as pages list them: one a line ("Savon koulutuskuntayhtymä, Sakky,
koordinaattori": the name, its abbreviation, its role) or several in a phrase ("ESR,
Pirkanmaan ELY-keskus, STEA, Tampereen ja Nokian kaupungit": five organisations, the last two
cities written as one genitive plural)."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .labels import Dictionary
from .sections import Line

# Where a phrase's list splits: a comma, a semicolon or a conjunction, but not after a word
# cut short with a hyphen ("elinkeino-, liikenne- ja ympäristökeskus").
SEPARATOR = re.compile(r"(?<!-)(?:\s*[;,]\s+|\s+(?:ja|sekä|och|samt|and|&)\s+)")
# An abbreviation in parentheses after a name: "Savon koulutuskuntayhtymä (Sakky)".
IN_PARENTHESES = re.compile(r"^(?P<name>.+?)\s*\((?P<abbreviation>[^()]{1,30})\)$")
# A word broken at a line's end in the page's source: "Turun ammatti- instituutti".
BROKEN_WORD = re.compile(r"(\w)- (?!(?:ja|tai|sekä|och|eller|and|or)\b)(\w)")
# A lone genitive before a plural noun: the "Tampereen" of "Tampereen ja Nokian kaupungit".
GENITIVE = re.compile(r"^[A-ZÅÄÖ][\w-]*n$")
ARTICLE = re.compile(r"(?:the|an?) (?=[A-ZÅÄÖ])")
# Words and marks that may end a listed name without being part of it.
TRAILING = " .,;:–-"
BUSINESS_ID = re.compile(r"\(?\b(?:Y-tunnus:?\s*)?(\d{7}-\d)\b\)?")


@dataclass
class Mention:
    """An organisation as the page names it, with where."""

    name: str
    start: int
    end: int
    abbreviation: str | None = None
    role: str | None = None
    business_id: str | None = None


def tidy(name: str) -> str:
    """The name with a word broken across lines joined and spaces made single."""
    return " ".join(BROKEN_WORD.sub(r"\1-\2", name).split()).strip(TRAILING)


def _looks_like_abbreviation(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 2 and len(part) <= 20 and part[:1].isupper()


def mentions_in_line(line: Line, labels: Dictionary) -> Mention | None:
    """One organisation written on its own line: its name, then after commas an
    abbreviation and a role, in either order."""
    parts = [part.strip() for part in line.text.split(",")]
    name = parts[0]
    mention = Mention(tidy(name), line.start, line.end)
    for part in parts[1:]:
        role = labels.role_words.get(part.casefold().strip(TRAILING))
        if role:
            mention.role = role
        elif BUSINESS_ID.fullmatch(part):
            mention.business_id = BUSINESS_ID.fullmatch(part).group(1)  # type: ignore[union-attr]
        elif mention.abbreviation is None and _looks_like_abbreviation(part):
            mention.abbreviation = part.strip(TRAILING)
        else:  # a comma inside the name itself
            mention.name = tidy(f"{mention.name}, {part}")
    _parenthesised(mention, labels)
    return mention if _is_name(mention.name) else None


def mentions_in_phrase(text: str, start: int, labels: Dictionary) -> list[Mention]:
    """Organisations listed in a phrase: each item one organisation, an abbreviation only
    in parentheses, a role word after an item belonging to it."""
    items: list[Mention] = []
    position = 0
    for separator in [*SEPARATOR.finditer(text), None]:
        end = separator.start() if separator else len(text)
        raw = text[position:end]
        offset = start + position + (len(raw) - len(raw.lstrip()))
        position = separator.end() if separator else len(text)
        item = raw.strip()
        if not item:
            continue
        role = labels.role_words.get(item.casefold().strip(TRAILING))
        if role and items:
            items[-1].role = role
            continue
        # "The project is funded by the Finnish National Agency for Education".
        article = ARTICLE.match(item)
        if article:
            offset, item = offset + article.end(), item[article.end() :]
        mention = Mention(tidy(item), offset, offset + len(item))
        _parenthesised(mention, labels)
        items.append(mention)
    return [item for item in _plurals_shared(items, labels) if _is_name(item.name)]


def _parenthesised(mention: Mention, labels: Dictionary) -> None:
    """ "Name (Abbr)", "Name (koordinaattori)" or "Name (1234567-8)"."""
    match = IN_PARENTHESES.match(mention.name)
    if match is None:
        return
    inside = match.group("abbreviation").strip()
    role = labels.role_words.get(inside.casefold())
    if role:
        mention.role = role
    elif BUSINESS_ID.fullmatch(inside):
        mention.business_id = BUSINESS_ID.fullmatch(inside).group(1)  # type: ignore[union-attr]
    elif _looks_like_abbreviation(inside):
        mention.abbreviation = inside
    else:
        return
    mention.name = tidy(match.group("name"))


def _plurals_shared(items: list[Mention], labels: Dictionary) -> list[Mention]:
    """ "Tampereen ja Nokian kaupungit": the plural noun in the singular after each of the
    lone genitives before it."""
    result: list[Mention] = []
    waiting: list[Mention] = []
    for item in items:
        words = item.name.split()
        singular = labels.plural_nouns.get(words[-1]) if len(words) >= 2 else None
        if GENITIVE.match(item.name):
            waiting.append(item)
            continue
        if singular:
            result.extend(
                Mention(f"{genitive.name} {singular}", genitive.start, genitive.end)
                for genitive in waiting
            )
            item.name = " ".join([*words[:-1], singular])
        else:
            result.extend(waiting)
        waiting = []
        result.append(item)
    return [*result, *waiting]


def _is_name(name: str) -> bool:
    """A name starts with a capital or a digit, has a letter, and is not a sentence."""
    return bool(name) and (name[0].isupper() or name[0].isdigit()) and len(name.split()) <= 12


def genitive_base(words: str, lemmas: Callable[[str], Iterable[str]]) -> str:
    """The organisation a genitive names: "Saku ry:n" → "Saku ry", "Opetushallituksen" →
    "Opetushallitus" (by its Finnish base form), "WinNovan" → "WinNova" (a name Voikko does
    not know loses its ending)."""
    if words.endswith(":n"):
        return words[:-2]
    *before, last = words.split(" ")
    base = next((lemma for lemma in lemmas(last) if lemma.casefold() != last.casefold()), None)
    if base is None:
        base = last[:-1] if last.endswith("n") else last
    else:
        base = base[:1].upper() + base[1:] if last[:1].isupper() else base
    return " ".join([*before, base])
