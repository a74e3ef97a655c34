"""Who implements and who funds the project, from its labelled lists and its sentences, each
organisation once (in the strongest role the page gives it) and matched to the catalogue."""

import re

from ..search.analysis import lemma_terms
from .amounts import budget_in
from .draft import FunderRow, ImplementerRow
from .matching import normalised
from .organisations import Mention, genitive_base, mentions_in_line, mentions_in_phrase
from .prose import sentence_facts
from .reading import Reading
from .sections import Section

# The stronger of two roles a page gives one organisation is kept.
ROLE_ORDER = (
    "administrator",
    "coordinator",
    "lead",
    "co-implementer",
    "partner",
    "organiser",
    "funder-side",
    "unknown",
)
# In a programme sentence ("Hanke lukeutuu … ohjelmakokonaisuuteen X"), the programme's name
# follows the word that says it is one.
PROGRAMME_WORD = re.compile(
    r"\b(?:ohjelma\w*|toimintalinja\w*|programmet|programme|program)\s+", re.IGNORECASE
)


def section_mentions(reader: Reading, section: Section) -> list[Mention]:
    """A section's organisations: one a line ("Savon koulutuskuntayhtymä, Sakky,
    koordinaattori"), or, in a value of one line with no role in it, several in a phrase
    ("Omnia, Gradia, Sakky")."""
    labels = reader.labels
    if len(section.lines) == 1:
        line = section.lines[0]
        parts = [part.strip(" .").casefold() for part in line.text.split(",")]
        if not any(part in labels.role_words for part in parts[1:]):
            return mentions_in_phrase(line.text, line.start, labels)
    found = [mentions_in_line(line, labels) for line in section.lines]
    return [mention for mention in found if mention is not None]


def read_implementers(reader: Reading, name: str | None) -> list[ImplementerRow]:
    rows: dict[str, ImplementerRow] = {}

    def add(mention: Mention, role: str | None) -> None:
        stated = mention.role or role or "unknown"
        key = normalised(mention.name, reader.labels)
        row = rows.get(key)
        if row is None:
            rows[key] = ImplementerRow(
                organisation=mention.name,
                abbreviation=mention.abbreviation,
                role=stated,
                business_id=mention.business_id,
                organisation_id=reader.catalogue.match(mention.name, mention.abbreviation),
            )
        else:
            if ROLE_ORDER.index(stated) < ROLE_ORDER.index(row.role):
                row.role = stated
            row.abbreviation = row.abbreviation or mention.abbreviation
        reader.found("implementers", mention.start, mention.end)

    for section in reader.page.of("implementers"):
        for mention in section_mentions(reader, section):
            add(mention, section.heading.role)
    for hit, pattern in sentence_facts(reader.page, reader.labels, "implementers", name):
        if pattern.genitive:
            name_of = genitive_base(hit.value, lemma_terms)
            add(Mention(name_of, hit.start, hit.end), pattern.role)
            continue
        for mention in mentions_in_phrase(hit.value, hit.start, reader.labels):
            add(mention, pattern.role)
    return list(rows.values())


def read_funders(reader: Reading, name: str | None) -> list[FunderRow]:
    rows: dict[str, FunderRow] = {}
    labels = reader.labels

    def add(funder: str, start: int, end: int) -> None:
        # "Rahoitus: 250 000 euroa" is an amount, not a funder.
        if budget_in(funder) is not None:
            return
        key = normalised(funder, labels)
        if key not in rows:
            rows[key] = FunderRow(funder=funder, funder_id=reader.catalogue.match(funder))
        reader.found("funders", start, end)

    for section in reader.page.of("funders"):
        for line in section.lines:
            for mention in mentions_in_phrase(line.text, line.start, labels):
                add(mention.name, mention.start, mention.end)
    for hit, _pattern in sentence_facts(reader.page, labels, "funders", name):
        for mention in mentions_in_phrase(hit.value, hit.start, labels):
            add(mention.name, mention.start, mention.end)
    text = reader.text
    for compound, fund in labels.fund_compounds.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(compound)}(?![\w-])", text, re.I):
            add(fund, match.start(), match.start() + len(fund))
    funders = list(rows.values())
    _intermediary_and_programme(reader, funders, name)
    return funders


def _intermediary_and_programme(
    reader: Reading, funders: list[FunderRow], name: str | None
) -> None:
    """An intermediary or a programme belongs to the first funder; without a funder the page
    gives nothing to attach them to."""
    if not funders:
        return
    first = funders[0]
    for section in reader.page.of("intermediary"):
        if section.lines and first.intermediary is None:
            line = section.lines[0]
            first.intermediary = line.text
            first.intermediary_id = reader.catalogue.match(line.text)
            reader.found("funders", line.start, line.end)
    programmes = [(line.text, line.start) for s in reader.page.of("programme") for line in s.lines]
    programmes += [
        (hit.value, hit.start)
        for hit, _pattern in sentence_facts(reader.page, reader.labels, "programme", name)
    ]
    for value, start in programmes:
        word = PROGRAMME_WORD.search(value)
        programme = value[word.end() :] if word else value
        if programme and first.programme is None:
            first.programme = programme.strip(" .")
            offset = start + (word.end() if word else 0)
            reader.found("funders", offset, offset + len(first.programme))
