"""The importer's entry point: one page's text in, a draft out. The labelled sections are read
first and the sentences after; what neither gives stays empty and is reported missing."""

import re
from collections.abc import Iterable

from ..models import Region
from ..search.analysis import lemma_terms
from .amounts import budget_in
from .contacts import contacts_in
from .draft import ContactRow, Draft, IdentifierRow, RelatedRow
from .extract_dates import read_dates
from .identifiers import identifiers_in
from .labels import Dictionary, dictionary
from .organisations_read import read_funders, read_implementers
from .prose import (
    Hit,
    project_mentions,
    project_name,
    regions_in,
    relations,
    scope_in,
    sentence_facts,
    sentences,
)
from .reading import Reading
from .sections import Page, Section, read_page

LANGUAGES = ("fi", "sv", "en")
# A short form in parentheses after a name: "Pathways Forward (PAF)"; not a period "(2021)".
SHORT_FORM = re.compile(r" \([^()\d]{2,40}\)$")
# A bullet or a dash before a list item.
BULLET = re.compile(r"^(?:[•\-–*·▪◦]|\d+[.)])\s*")
URL = re.compile(r"https?://[^\s<>\"')]+")
BUDGET_WORDS = re.compile(r"budjet|kustannu|kostnad|budget|cost", re.IGNORECASE)
LONG_TEXTS = ("target_groups", "beneficiaries", "goals", "activities", "results")
# A value that says there is none: "Hankkeen aikataulu: -".
NO_VALUE = frozenset({"-", "–", "—", "n/a", "ei tiedossa", "okänd", "unknown"})


def extract(text: str, language: str | None = None) -> Draft:
    """The draft one page's text gives, in `language` (detected when None)."""
    labels = dictionary()
    page = read_page(text, labels)
    draft = Draft(language=language if language in LANGUAGES else detect_language(page, labels))
    Reader(page, labels, draft).read()
    return draft


def detect_language(page: Page, labels: Dictionary) -> str:
    """The language most of the page is written in, each line judged by its everyday words.
    A page in two languages is in the first, unless the other has half as much again:
    Finnish uses fewer small words than English and Swedish, so only lines are compared."""
    written: dict[str, int] = {}
    first = None
    for line in page.lines[:400]:
        words = re.findall(r"[^\W\d_]+", line.text.casefold())
        counts = {
            language: sum(1 for word in words if word in labels.language_words[language])
            for language in LANGUAGES
        }
        language = max(LANGUAGES, key=lambda candidate: counts[candidate])
        if counts[language]:
            first = first or language
            written[language] = written.get(language, 0) + len(line.text)
    if first is None:
        return "fi"
    most = max(written, key=lambda language: written[language])
    return most if written[most] > 1.5 * written[first] else first


def list_items(section: Section) -> list[tuple[str, int, int]]:
    """A section's lines as list items, bullets off, an introducing line ("Hankkeen
    tavoitteita ovat:") left out."""
    items = []
    for line in section.lines:
        item = BULLET.sub("", line.text).strip()
        if not item or item.endswith(":") or item.casefold() in NO_VALUE:
            continue
        start = line.start + line.text.index(item)
        items.append((item, start, start + len(item)))
    return items


class Reader(Reading):
    """Reads one page into its draft, noting where each fact was found."""

    def read(self) -> None:
        related = relations(self.page, self.labels)
        # A project the page relates this one to is not a candidate for its name.
        mentions = [
            mention
            for mention in project_mentions(self.page, self.labels)
            if not any(_overlap(mention, target) for target, _relation in related)
        ]
        self.read_name(mentions)
        read_dates(self)
        self.read_status()
        name = self.draft.name
        self.draft.implementers = read_implementers(self, name)
        self.draft.funders = read_funders(self, name)
        self.read_identifiers()
        self.read_contacts()
        self.read_texts(name)
        self.read_regions_and_scope()
        self.read_budget()
        self.read_keywords()
        self.read_related(related, mentions)

    def read_name(self, mentions: list[Hit]) -> None:
        labelled = [
            Hit(s.lines[0].text, s.lines[0].start, s.lines[0].end)
            for s in self.page.of("name")
            if s.lines
        ]
        hit = labelled[0] if labelled else project_name(self.page, self.labels, mentions)
        if hit is not None:
            # "Pathways Forward (PAF)": the short form is one of its other names (below).
            self.draft.name = SHORT_FORM.sub("", hit.value)
            self.found("name", hit.start, hit.start + len(self.draft.name))
        for section in self.page.of("other_names"):
            for item, start, end in list_items(section):
                self.add_unique(self.draft.other_names, item, "other_names", start, end)
        if self.draft.name:
            after_name = re.compile(re.escape(self.draft.name) + r" \((?P<other>[^()\n]{2,40})\)")
            for match in after_name.finditer(self.text):
                other = match.group("other")
                if not any(character.isdigit() for character in other):
                    self.add_unique(
                        self.draft.other_names, other, "other_names", *match.span("other")
                    )

    def add_unique(self, values: list[str], value: str, key: str, start: int, end: int) -> None:
        if value not in values:
            values.append(value)
        self.found(key, start, end)

    def read_status(self) -> None:
        for section in self.page.of("stated_status"):
            items = list_items(section)
            if items:
                value, start, end = items[0]
                self.draft.stated_status = value
                self.found("stated_status", start, end)
                return

    def read_identifiers(self) -> None:
        for row, start, end in identifiers_in(self.text):
            self.draft.identifiers.append(row)
            self.found("identifiers", start, end)
        for section in self.page.of("source_url"):
            for match in URL.finditer(section.text):
                url = match.group().rstrip(".,;")
                self.draft.identifiers.append(IdentifierRow("url", url))
                self.section_found("identifiers", section, match.start(), match.start() + len(url))

    def read_contacts(self) -> None:
        for section in self.page.of("contacts"):
            for row, spans in contacts_in(section.text, self.draft.language):
                if any(_same_person(row, known) for known in self.draft.contacts):
                    continue
                self.draft.contacts.append(row)
                for start, end in spans:
                    self.section_found("contacts", section, start, end)

    def read_texts(self, name: str | None) -> None:
        for key in LONG_TEXTS:
            values: list[str] = getattr(self.draft, key)
            for section in self.page.of(key):
                for item, start, end in list_items(section):
                    self.add_unique(values, item, key, start, end)
            sections = self.page.of(key)
            for hit, _pattern in sentence_facts(self.page, self.labels, key, name):
                # A sentence under the section's own label is in it already.
                if not any(s.start <= hit.start <= s.position(len(s.text)) for s in sections):
                    self.add_unique(values, hit.value, key, hit.start, hit.end)

    def read_regions_and_scope(self) -> None:
        names = self.region_names()
        hits: list[Hit] = []
        for section in self.page.of("regions"):
            for item, start, end in list_items(section):
                for part in re.split(r"\s*[,;]\s*|\s+(?:ja|och|and)\s+", item):
                    region = names.get(part.casefold()) or next(
                        (names[lemma] for lemma in lemma_terms(part) if lemma in names), None
                    )
                    if region:
                        hits.append(Hit(region, start, end))
        # Not the region in an organisation's name ("NTM-centralen i Nyland").
        named = [f for f in self.draft.found if f.key in ("implementers", "funders")]
        hits.extend(
            hit
            for hit in regions_in(self.page, names, lemma_terms)
            if not any(f.start <= hit.start < f.end for f in named)
        )
        for hit in hits:
            self.add_unique(self.draft.regions, hit.value, "regions", hit.start, hit.end)
        for section in self.page.of("scope"):
            scope = scope_in(self.page, self.labels, section.text)
            if scope:
                self.draft.scope = scope.value
                self.section_found("scope", section, scope.start, scope.end)
                return
        scope = scope_in(self.page, self.labels)
        if scope:
            self.draft.scope = scope.value
            self.found("scope", scope.start, scope.end)

    def region_names(self) -> dict[str, str]:
        """Each region's names in every language, and its Finnish name's base form, folded,
        to its name in the draft's language."""
        names: dict[str, str] = {}
        for region in Region.objects.all():
            shown = getattr(region, f"name_{self.draft.language}", "") or region.name
            for language in LANGUAGES:
                value = getattr(region, f"name_{language}", "") or ""
                if value:
                    names[value.casefold()] = shown
        return names

    def read_budget(self) -> None:
        for section in self.page.of("budget"):
            found = budget_in(section.text)
            if found:
                self.draft.budget = found[0]
                self.section_found("budget", section, found[1], found[2])
                return
        for sentence in sentences(self.text, self.page.end):
            if BUDGET_WORDS.search(sentence.value):
                found = budget_in(sentence.value)
                if found:
                    self.draft.budget = found[0]
                    self.found("budget", sentence.start + found[1], sentence.start + found[2])
                    return

    def read_keywords(self) -> None:
        for section in self.page.of("keywords"):
            for item, start, _end in list_items(section):
                position = start
                for word in re.split(r"\s*[,;]\s*", item):
                    if word and word.casefold() not in NO_VALUE:
                        at = self.text.index(word, position)
                        self.add_unique(self.draft.keywords, word, "keywords", at, at + len(word))
                        position = at + len(word)

    def read_related(self, related: Iterable[tuple[Hit, str]], mentions: Iterable[Hit]) -> None:
        own = {name for name in (self.draft.name, *self.draft.other_names) if name}
        for hit, relation in related:
            if hit.value not in own and hit.value not in [r.name for r in self.draft.related]:
                self.draft.related.append(RelatedRow(hit.value, relation))
                self.found("related", hit.start, hit.end)
        for hit in mentions:
            # This project itself, as "OmaPolku-hankkeen" or "… vetämä Digiloikka -hanke".
            if any(hit.value in name or name in hit.value for name in own):
                continue
            # "projektet Vi" of "fortsättning på projektet Vi också", already related.
            if any(row.name.startswith(hit.value) for row in self.draft.related):
                continue
            if hit.value not in [row.name for row in self.draft.related]:
                self.draft.related.append(RelatedRow(hit.value, "related"))
            self.found("related", hit.start, hit.end)


def _overlap(one: Hit, other: Hit) -> bool:
    return one.start < other.end and other.start < one.end


def _same_person(row: ContactRow, other: ContactRow) -> bool:
    return row.name == other.name or bool(row.email and row.email == other.email)
