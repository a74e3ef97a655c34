"""Facts a page writes in sentences rather than under labels: the project's name where a
news item or a sub-page gives it ("OmaPolku-hankkeen", "Keskeyttämisestä kohtaamiseen
-hankkeen"), the sentences of the label dictionary ("Hankkeen hallinnoijana toimii …"), the
projects it names and how they relate, the regions it works in, and its reach."""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .labels import SENTENCE_END, Dictionary, SentencePattern
from .sections import Page

# A project named by a compound: "OmaPolku-hankkeen", "Sokka-hankkeessa" (one word before the
# hyphen), or "Keskeyttämisestä kohtaamiseen -hankkeen" (words before a spaced hyphen).
ONE_WORD_PROJECT = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÅÄÖ][\w!+]*(?:-[A-ZÅÄÖ0-9][\w!+]*)*)-(?:hanke|hankkee|projekt)\w*"
)
SPACED_PROJECT = re.compile(r" -(?:hanke|hankkee|projekt|koordinaatio)\w*")
ENGLISH_PROJECT = re.compile(r"(?<![\w-])(?P<name>[A-ZÅÄÖ][\w!+-]*) project\b")
# "projektet Tillsammans": the capitalised words after it.
SWEDISH_PROJECT = re.compile(r"\b[Pp]rojektet (?P<name>[A-ZÅÄÖ][\w!+-]*(?: [A-ZÅÄÖ][\w!+-]*)*)")
SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|(?=\n)|$)")
# The most words a project's name has.
NAME_WORDS = 12
# Where a title splits into a name and the rest: "Välitä! – Visa omtanke! – Asiantuntijat …".
TITLE_PARTS = re.compile(r" [–|:-] | \| ")
# Words that make a sentence about the project itself.
PROJECT_WORDS = re.compile(r"\b(?:hanke\w*|hankkee\w*|projekt\w*|project)\b", re.IGNORECASE)
# A locative ending, or "alue…" after a genitive: a region the project works in, not an
# organisation named after one ("Pohjois-Karjalan koulutuskuntayhtymä").
LOCATIVE = re.compile(r"(?:lla|llä|ssa|ssä|lle|lta|ltä)$")
COPULAS = frozenset({"on", "ovat", "oli", "är", "var", "is", "are", "was"})
# A word for projects, also in a compound ("verkostohankkeet").
A_PROJECT = re.compile(r"hanke|hankkee|projekt|project", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class Hit:
    """A fact in a sentence: its text and where."""

    value: str
    start: int
    end: int


def sentences(text: str, end: int) -> Iterator[Hit]:
    for match in SENTENCE.finditer(text, 0, end):
        stripped = match.group().strip()
        if stripped:
            yield Hit(stripped, match.start() + match.group().find(stripped), match.end())


def project_mentions(page: Page, labels: Dictionary) -> list[Hit]:
    """Every project the page names by a compound, funds' compounds ("ESR-hanke") left out."""
    text = page.text[: page.end]
    mentions: list[Hit] = []
    for pattern in (ONE_WORD_PROJECT, ENGLISH_PROJECT, SWEDISH_PROJECT):
        for match in pattern.finditer(text):
            whole = text[match.start() : match.end()].casefold()
            if whole not in labels.fund_compounds and match.group("name") not in ("The", "This"):
                mentions.append(Hit(match.group("name"), match.start(), match.end("name")))
    for sentence in sentences(text, page.end):
        spaced = SPACED_PROJECT.search(sentence.value)
        if spaced and 0 < len(sentence.value[: spaced.start()].split()) <= NAME_WORDS:
            name = sentence.value[: spaced.start()]
            mentions.append(Hit(name, sentence.start, sentence.start + len(name)))
    return sorted(mentions, key=lambda hit: hit.start)


def project_name(page: Page, labels: Dictionary, mentions: list[Hit]) -> Hit | None:
    """This project's name: its title on a page of labels or where the text names the
    title as a project; else the part of the title the text repeats; else the project the
    text names most. None on a page that names no project (a news list)."""
    title = page.title
    body = page.text[title.end : page.end] if title else ""
    if title is not None:
        named = {mention.value for mention in mentions}
        # "Digiloikka" named as "Opetushallituksen vetämä Digiloikka -hanke".
        as_project = any(value.endswith(f" {title.text}") for value in named)
        if len(page.sections) >= 2 or title.text in named or as_project:
            return Hit(title.text, title.start, title.end)
        for separator in reversed(list(TITLE_PARTS.finditer(title.text))):
            prefix = title.text[: separator.start()]
            if len(prefix) >= 3 and body.count(prefix) >= 2:
                return Hit(prefix, title.start, title.start + len(prefix))
    counts = Counter(mention.value for mention in mentions)
    if not counts:
        return None
    most = max(counts.values())
    first = next(mention for mention in mentions if counts[mention.value] == most)
    return first


def sentence_facts(
    page: Page, labels: Dictionary, key: str, name: str | None
) -> list[tuple[Hit, SentencePattern]]:
    """What the dictionary's sentences of `key` say, with the pattern that said it."""
    text = page.text[: page.end]
    folded = text.casefold()
    hits: list[tuple[Hit, SentencePattern]] = []
    for pattern in labels.sentences:
        if pattern.key != key or not pattern.may_occur(folded):
            continue
        regex = pattern.regex(name)
        if regex is None:
            continue
        for match in regex.finditer(text):
            value = match.group("value").strip()
            if value:
                start = match.start("value")
                hits.append((Hit(value, start, start + len(value)), pattern))
    return hits


def relations(page: Page, labels: Dictionary) -> list[tuple[Hit, str]]:
    """Projects the page names with how they relate to this one."""
    text = page.text[: page.end]
    found: list[tuple[Hit, str]] = []
    folded = text.casefold()
    for relation, template in sorted(labels.relations, key=lambda entry: -len(entry[1])):
        before, _other, after = template.partition("{other}")
        if (before or after).casefold().strip() not in folded:
            continue
        # Words of a name; a full stop only inside one ("2.aste"), never at its end.
        word = r"[\w!+–-]+(?:\.[\w!+–-]+)*"
        other = rf"(?P<other>{word}(?: {word}){{0,5}}?)" if before else r"(?P<other>[\w!+]+)"
        # A name at the sentence's end runs to it.
        ending = re.escape(after) if after else SENTENCE_END
        regex = re.compile(re.escape(before) + other + ending, re.IGNORECASE)
        for match in regex.finditer(text):
            value = match.group("other").strip(" .,-")
            start = match.start("other")
            # One name once: "fortsättning på projektet X" before "fortsättning på X".
            taken = any(start < hit.end and hit.start < start + len(value) for hit, _r in found)
            if value and not taken:
                found.append((Hit(value, start, start + len(value)), relation))
    return found


def regions_in(
    page: Page, region_names: dict[str, str], lemmas: Callable[[str], Iterable[str]]
) -> list[Hit]:
    """Regions the text says the project works in: "Uudenmaan alueella", "Pirkanmaalla",
    "i Nyland", "in the Uusimaa region". `region_names` maps folded names and Finnish
    lemmas to the catalogue's Finnish name."""
    text = page.text[: page.end]
    hits: list[Hit] = []
    for match in WORD.finditer(text):
        word = match.group()
        following = text[match.end() : match.end() + 12].lstrip()
        if not (LOCATIVE.search(word) or following.casefold().startswith(("alue", "maakun"))):
            continue
        for lemma in lemmas(word):
            region = region_names.get(lemma.casefold())
            if region:
                hits.append(Hit(region, match.start(), match.end()))
                break
    names = "|".join(re.escape(name) for name in sorted(region_names, key=len, reverse=True))
    after_preposition = re.compile(rf"\b(?:i|in|in the) ({names})\b", re.IGNORECASE)
    hits.extend(
        Hit(region_names[match.group(1).casefold()], match.start(1), match.end(1))
        for match in after_preposition.finditer(text)
    )
    return sorted(hits, key=lambda hit: hit.start)


def scope_in(page: Page, labels: Dictionary, text: str | None = None) -> Hit | None:
    """The reach the page's own words give ("valtakunnallinen", "nationwide"): in a scope
    label's value (`text`) anywhere, in the page's sentences only next to a word for the
    project ("valtakunnallinen hanke", "hankkeet ympäri Suomen", "hanke on
    valtakunnallinen"), not of what it works on ("valtakunnallisen opetussuunnitelman")."""
    labelled = text is not None
    text = page.text[: page.end] if text is None else text
    for word, scope in labels.scope:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
            if labelled or _near_project(text, match.start(), match.end()):
                return Hit(scope, match.start(), match.end())
    return None


def _near_project(text: str, start: int, end: int) -> bool:
    """Whether the word next to it, a verb "is" aside, is the project's."""
    before = [w for w in text[max(0, start - 60) : start].split() if w not in COPULAS][-1:]
    after = [w for w in text[end : end + 60].split() if w not in COPULAS][:1]
    return any(A_PROJECT.search(word) for word in [*before, *after])


def sentence_around(text: str, position: int) -> str:
    """The sentence the position falls in."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    end_match = re.compile(SENTENCE_END).search(text, position)
    return text[start : end_match.start() if end_match else len(text)]
