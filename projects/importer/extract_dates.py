"""When the project runs: from a period's label, from start and end labels, or from a
sentence about the project; with whether the dates are planned or actual, read from the
same label or sentence as the dates themselves."""

import re

from .dates import DateMatch, date_in, periods_in
from .prose import PROJECT_WORDS, sentence_around
from .reading import Reading
from .sections import Section

# A period's label with one date: "Kesto: 1.9.2022 alkaen" starts then, "… asti" ends then.
FROM_WORDS = re.compile(r"\b(?:alkaen|lähtien|från|fr\.o\.m\.|from|since)\b", re.IGNORECASE)
UNTIL_WORDS = re.compile(r"\b(?:asti|saakka|till|t\.o\.m\.|until)\b", re.IGNORECASE)


def basis(reader: Reading, context: str) -> str | None:
    """ "planned" or "actual", as a word of the label or the sentence says."""
    words = re.findall(r"[^\W\d_]+", context.casefold())
    return next((reader.labels.dates_are[w] for w in words if w in reader.labels.dates_are), None)


def take(
    reader: Reading,
    start: DateMatch | None,
    end: DateMatch | None,
    section: Section | None,
    context: str,
) -> None:
    """Dates read from a section (offsets in its text) or from the page's text."""
    for key, match in (("start", start), ("end", end)):
        if match is None:
            continue
        setattr(reader.draft, key, match.value)
        if section is None:
            reader.found(key, match.start, match.end)
        else:
            reader.section_found(key, section, match.start, match.end)
    if reader.draft.dates_are is None:
        reader.draft.dates_are = basis(reader, context)


def read_period(reader: Reading, section: Section) -> bool:
    """The period a label gives: two dates, or one said to start or end it, or one year."""
    language, label = reader.draft.language, section.heading.label
    periods = periods_in(section.text, language)
    if periods:
        take(reader, periods[0].start, periods[0].end, section, label)
        return True
    first = date_in(section.text, language, end=False)
    if first is None:
        return False
    if FROM_WORDS.search(section.text):
        take(reader, first, None, section, label)
    elif UNTIL_WORDS.search(section.text):
        take(reader, None, date_in(section.text, language, end=True), section, label)
    elif first.value.precision == "year":
        take(reader, first, date_in(section.text, language, end=True), section, label)
    else:
        return False
    return True


def read_dates(reader: Reading) -> None:
    """One source of dates only, so that a planned start is never paired with an actual
    end: the actual period where a page gives both, else the first that has dates."""
    page, language = reader.page, reader.draft.language
    periods = sorted(page.of("period"), key=lambda s: basis(reader, s.heading.label) != "actual")
    if any(read_period(reader, section) for section in periods):
        return
    for key, is_end in (("start", False), ("end", True)):
        for section in page.of(key):
            match = date_in(section.text, language, end=is_end)
            if match is not None and getattr(reader.draft, key) is None:
                start, end = (None, match) if is_end else (match, None)
                take(reader, start, end, section, section.heading.label)
    if reader.draft.start is not None or reader.draft.end is not None:
        return
    for period in periods_in(reader.text, language):
        anchor = (period.start or period.end).start  # type: ignore[union-attr]
        sentence = sentence_around(reader.text, anchor)
        name = reader.draft.name
        if (name and name in sentence) or PROJECT_WORDS.search(sentence):
            take(reader, period.start, period.end, None, sentence)
            return
