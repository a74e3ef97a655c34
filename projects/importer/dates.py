"""Dates and periods as project pages write them: "13.12.2017 - 31.12.2019", "(10/2018-08/2020)",
"syyskuu 2020 - toukokuu 2022", "Starts 1 March 2021 and ends 31 December 2022", with a hyphen
or an en or em dash between the dates.

A date is kept at the precision the page gives (projects.dates): a month is never given a day
it does not have. Pages are full of numbers that look like dates, so a date must stand alone:
not inside a phone number ("040 755 5056"), an amount ("200000-400000 €"), a postal code or an
identifier ("OKM025:00/2022", "EURA2014/1234/09 02 01 01/2016/ESR").

Month names are read in Finnish, Swedish and English whatever the page's language, because a
page quotes names in the others. They come from dateparser's data, not from parsing with it:
dateparser knows the Finnish name only as "maaliskuu", "maaliskuuta" and "maaliskuussa", not
"maaliskuusta" or "joulukuuhun", and asked about "kesä 2021" (summer) it answers a day in June.
"""

import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from dateparser.languages.loader import default_loader

from projects.dates import Precision, period_end, period_start

from .draft import PartialDate


@dataclass(frozen=True)
class DateMatch:
    value: PartialDate
    start: int  # the date's characters in the text that was read
    end: int


@dataclass(frozen=True)
class PeriodMatch:
    start: DateMatch | None
    end: DateMatch | None


# The years a project of this catalogue can have; other four-digit numbers are not years.
FIRST_YEAR, LAST_YEAR = 1990, 2100

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# The Finnish cases a month's name takes in a period: "maaliskuusta joulukuuhun", "kesäkuun".
_FINNISH_CASES = ("n", "ta", "ssa", "sta", "hun", "lla", "lta", "lle")

# What joins two dates into a period besides a dash, and how a sentence says when a project
# starts and ends: "Hanke alkaa 1.9.2022 ja päättyy 31.5.2024", a few words around each verb.
_DASH = re.compile(r"\s*[–—-]{1,2}\s*")
_FILLER = r"(?:\w+\s+){0,2}"
_JOINING_WORDS = {
    "sv": re.compile(r"\s+(?:till|till och med|t\.o\.m\.)\s+", re.IGNORECASE),
    "en": re.compile(r"\s+(?:to|until|till|through)\s+", re.IGNORECASE),
}
_SENTENCES = {
    code: (
        re.compile(rf"\b(?:{starts})\s+{_FILLER}$", re.IGNORECASE),
        re.compile(rf"\s*,?\s*{conjunction}\s+{_FILLER}(?:{ends})\s+{_FILLER}", re.IGNORECASE),
    )
    for code, starts, conjunction, ends in (
        ("fi", r"alka\w*|alko\w*|aloit\w*", "ja", r"päätt\w*|loppu\w*"),
        ("sv", r"start\w*|börja\w*|inled\w*", "och", r"avslut\w*|slut\w*|upphör\w*"),
        ("en", r"start\w*|begin\w*|began|commenc\w*", "and", r"end\w*|finish\w*|conclud\w*"),
    )
}
_SPACE = r"[ \u00a0]"


@functools.cache
def _month_names() -> dict[str, int]:
    """Each month's names, lower-cased, in the three languages. Finnish short forms without
    "kuu" are left out: on their own they are words ("kesä" summer, "joulu" Christmas)."""
    names = {}
    for language in ("fi", "sv", "en"):
        info = default_loader.get_locale(language).info
        for number, month in enumerate(_MONTHS, start=1):
            for name in map(str.lower, info[month]):
                if language != "fi":
                    names[name] = number
                elif name.endswith("kuu"):
                    names.update((name + case, number) for case in ("", *_FINNISH_CASES))
                elif "kuu" in name or name.endswith("k"):
                    names[name] = number
    return names


@functools.cache
def _date_pattern() -> re.Pattern[str]:
    """One pattern for every way of writing a date, tried where a number or a word starts and
    ended where one ends. A number right after another and a space is part of something else
    (a phone number, an action code), and so is a year with a currency after it."""
    name = rf"(?i:{_tree(list(_month_names()))})(?!\w)\.?"
    alone = rf"(?<!\d{_SPACE})"
    ordinal = r"(?:st|nd|rd|th)?"
    forms = (
        rf"{alone}(?P<iso_y>\d{{4}})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)",
        rf"{alone}(?P<d>\d{{1,2}})\.{_SPACE}?(?P<m>\d{{1,2}})\.(?:{_SPACE}?(?P<y>\d{{4}}))?",
        rf"{alone}(?P<my_m>\d{{1,2}})/(?P<my_y>\d{{4}})",
        rf"{alone}(?P<year>\d{{4}})(?!{_SPACE}?(?:\d|€|(?i:eur)))",
        # "1. maaliskuuta 2021", "15 mars 2021", "1st March 2021"
        rf"{alone}(?P<nd>\d{{1,2}})\.?{ordinal}{_SPACE}(?P<dname>{name})"
        rf"(?:{_SPACE}(?P<ny>\d{{4}}))?",
        # "maaliskuu 2021", "March 1, 2021", and a name alone: "maaliskuusta" in a period
        rf"(?P<name>{name})(?:{_SPACE}(?P<mdy_d>\d{{1,2}}){ordinal},?{_SPACE}(?P<mdy_y>\d{{4}})"
        rf"|{_SPACE}(?P<my_name_y>\d{{4}}))?",
    )
    return re.compile(rf"(?<![\w/.,:+])(?:{'|'.join(forms)})(?![\w/:]|[.,]\d)")


def _tree(words: list[str]) -> str:
    """A pattern for any of the words as a tree of their common beginnings: Python's regular
    expressions try an alternation's branches one by one, a tree only the branch that fits."""
    branches: dict[str, list[str]] = {}
    for word in filter(None, words):
        branches.setdefault(word[0], []).append(word[1:])
    if not branches:
        return ""
    pattern = "|".join(re.escape(char) + _tree(rest) for char, rest in sorted(branches.items()))
    if "" in words:
        return f"(?:{pattern})?"
    return pattern if len(branches) == 1 else f"(?:{pattern})"


class _Token(NamedTuple):
    """A date as written, perhaps without its year ("1.3." in "1.3.-31.12.2021")."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    name: str  # the month's name as written, or ""

    def bound(self, *, end: bool, year: int | None = None) -> DateMatch | None:
        """The first (or last) day of the date's period, or None for an impossible date."""
        year = year or self.year
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        precision = (
            Precision.DAY
            if self.day is not None
            else Precision.MONTH
            if self.month is not None
            else Precision.YEAR
        )
        try:
            value = datetime.date(
                year, 1 if self.month is None else self.month, 1 if self.day is None else self.day
            )
        except ValueError:  # 31.2.2020, 13/2021
            return None
        value = period_end(value, precision) if end else period_start(value, precision)
        return DateMatch(PartialDate(value, precision.value, self.text), self.start, self.end)


def _tokens(text: str) -> Iterator[_Token]:
    for match in _date_pattern().finditer(text):
        name = match["name"] or match["dname"] or ""
        month = (
            _month_names()[name.lower().rstrip(".")] if name else _int(match, "iso_m", "m", "my_m")
        )
        yield _Token(
            start=match.start(),
            end=match.end(),
            text=match.group(),
            year=_int(match, "iso_y", "y", "my_y", "year", "ny", "mdy_y", "my_name_y"),
            month=month,
            day=_int(match, "iso_d", "d", "mdy_d", "nd"),
            name=name,
        )


def _int(match: re.Match[str], *groups: str) -> int | None:
    """The number in the first of the groups that matched ("1." and "1st" are 1)."""
    written = next((match[group] for group in groups if match[group] is not None), None)
    return None if written is None else int(re.sub(r"\D", "", written))


def periods_in(text: str, language: str) -> list[PeriodMatch]:
    """Every period the text gives as two dates joined by a dash, a word ("to", "till") or a
    sentence ("alkaa ... ja päättyy ..."), in the order written. A start without its year
    ("1.3.-31.12.2021") takes the end's. Two dates that do not make a period, an end before
    its start or an impossible date, are no period."""
    tokens = list(_tokens(text))
    periods = []
    index = 0
    while index + 1 < len(tokens):
        period = _period(text, tokens[index], tokens[index + 1], language)
        if period is None:
            index += 1
        else:
            periods.append(period)
            index += 2
    return periods


def date_in(text: str, language: str, *, end: bool) -> DateMatch | None:
    """The first date in a short text, such as a labelled value ("Alkaa: 1.3.2021"), as the
    first day of its period, or with `end` the last. A day and month without a year is no date.
    Month names are read in every language, so `language` does not change the answer."""
    for token in _tokens(text):
        match = token.bound(end=end)
        if match is not None:
            return match
    return None


def _period(text: str, first: _Token, second: _Token, language: str) -> PeriodMatch | None:
    if second.year is None or not _joined(text, first, second, language):
        return None
    end = second.bound(end=True)
    if end is None:
        return None
    start = first.bound(end=False, year=first.year or end.value.date.year)
    if start is not None and first.year is None and start.value.date > end.value.date:
        # "1.12.–31.1.2021": December of the year before.
        start = first.bound(end=False, year=end.value.date.year - 1)
    if start is None or start.value.date > end.value.date:
        return None
    return PeriodMatch(start, end)


def _joined(text: str, first: _Token, second: _Token, language: str) -> bool:
    """Whether the text between two dates makes them a period."""
    between = text[first.end : second.start]
    if len(between) > 60:
        return False
    if _DASH.fullmatch(between):
        return True
    # "maaliskuusta 2021 joulukuuhun 2023": from March to December, said by the cases alone.
    if (
        between.isspace()
        and first.name.lower().endswith("sta")
        and second.name.lower().endswith("hun")
    ):
        return True
    languages = [language] if language in _SENTENCES else list(_SENTENCES)
    if any(
        code in _JOINING_WORDS and _JOINING_WORDS[code].fullmatch(between) for code in languages
    ):
        return True
    before = text[max(0, first.start - 60) : first.start]
    return any(
        ends.fullmatch(between) and starts.search(before)
        for starts, ends in (_SENTENCES[code] for code in languages)
    )
