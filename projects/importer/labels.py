"""The label dictionary (labels.toml), read once per process and turned into the matchers
the extractor uses: the data stays readable for the people who extend it."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).with_name("labels.toml")

# A sentence ends at a full stop, an exclamation or question mark followed by a space or the
# line's end, or at the line's end.
SENTENCE_END = r"(?=[.!?](?:\s|$)|\n|$)"
# Placeholders in the dictionary's sentence patterns.
PLACEHOLDERS = {
    "{orgs}": r"(?P<value>[^\n]+?)" + SENTENCE_END,
    "{text}": r"(?P<value>[^\n]+?)" + SENTENCE_END,
    # One organisation in the genitive: "WinNovan", "Saku ry:n".
    "{org}": r"(?P<value>[A-ZÅÄÖ][\w&-]*(?: (?:ry|oy|Oy|ab|Ab|rf|r\.y\.))?(?::n|n))",
}


@dataclass(frozen=True)
class Heading:
    """A label at the start of a line: the draft's key it gives (or "period", "start", "end",
    "intermediary", "programme", "source_url", "implementers"), and for implementers the
    role its rows take."""

    key: str
    label: str
    role: str | None = None


@dataclass(frozen=True)
class SentencePattern:
    key: str
    role: str | None
    template: str

    def may_occur(self, folded_text: str) -> bool:
        """Whether the pattern's longest stretch of plain words is in the (case-folded)
        text: a quick test that spares running the pattern over a long text in vain."""
        pieces = re.split(r"\{\w+\}", self.template)
        return max(pieces, key=len).casefold().strip() in folded_text

    @property
    def genitive(self) -> bool:
        """Whether the pattern names one organisation in the genitive ("WinNovan vetämä")."""
        return "{org}" in self.template

    def regex(self, name: str | None) -> re.Pattern[str] | None:
        """The pattern with this project's name put in; None when it needs a name and the
        page gave none."""
        if "{name}" in self.template and not name:
            return None
        pattern = re.escape(self.template)
        for placeholder, value in PLACEHOLDERS.items():
            pattern = pattern.replace(re.escape(placeholder), value)
        if name:
            pattern = pattern.replace(re.escape("{name}"), re.escape(name))
        return re.compile(pattern, re.IGNORECASE if self.template[0] != "{" else 0)


@dataclass(frozen=True)
class Dictionary:
    headings: dict[str, Heading]
    heading_pattern: re.Pattern[str]
    role_words: dict[str, str]
    sentences: tuple[SentencePattern, ...]
    relations: tuple[tuple[str, str], ...]
    dates_are: dict[str, str]
    scope: tuple[tuple[str, str], ...]
    fund_compounds: dict[str, str]
    synonyms: dict[str, str]
    plural_nouns: dict[str, str]
    skip_lines: frozenset[str]
    stop_at: tuple[str, ...]
    language_words: dict[str, frozenset[str]]

    def heading(self, label: str) -> Heading:
        return self.headings[label.casefold()]


def _headings(data: dict[str, Any]) -> dict[str, Heading]:
    headings: dict[str, Heading] = {}
    for key, labels in data["sections"].items():
        for label in labels:
            headings[label.casefold()] = Heading(key, label)
    for role, labels in data["implementer_sections"].items():
        for label in labels:
            headings[label.casefold()] = Heading("implementers", label, role)
    return headings


@cache
def dictionary() -> Dictionary:
    with LABELS_FILE.open("rb") as file:
        data = tomllib.load(file)
    headings = _headings(data)
    # The longest label first, so that "Hankkeen tavoitteet" wins over "Hanke".
    alternatives = "|".join(
        re.escape(heading.label) for heading in sorted(headings.values(), key=_longest_first)
    )
    return Dictionary(
        headings=headings,
        heading_pattern=re.compile(rf"[ \t]*(?P<label>{alternatives})(?![\w-])", re.IGNORECASE),
        role_words={
            word.casefold(): role for role, words in data["role_words"].items() for word in words
        },
        sentences=tuple(
            SentencePattern(entry["key"], entry.get("role"), template)
            for entry in data["sentences"]
            for template in entry["patterns"]
        ),
        relations=tuple(
            (entry["relation"], template)
            for entry in data["relations"]
            for template in entry["patterns"]
        ),
        dates_are={
            word.casefold(): basis for basis, words in data["dates_are"].items() for word in words
        },
        scope=tuple((word, scope) for scope, words in data["scope"].items() for word in words),
        fund_compounds={
            compound.casefold(): fund
            for fund, compounds in data["fund_compounds"].items()
            for compound in compounds
        },
        synonyms=data["synonyms"],
        plural_nouns=data["plural_nouns"],
        skip_lines=frozenset(line.casefold() for line in data["skip_lines"]["lines"]),
        stop_at=tuple(line.casefold() for line in data["skip_lines"]["stop_at"]),
        language_words={
            language: frozenset(words) for language, words in data["language_words"].items()
        },
    )


def _longest_first(heading: Heading) -> tuple[int, str]:
    return (-len(heading.label), heading.label)
