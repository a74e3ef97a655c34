"""People to contact, as a page's contact section lists them: a name, perhaps a title and an
organisation, an e-mail address and a phone number, one person after another. Pages write
addresses half-hidden from spam robots ("hilkka.huisko(a)ekami.fi") and phone numbers in
every Finnish style, so both are read into one form the catalogue can compare."""

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

import phonenumbers

from .draft import ContactRow

_AT = r"(?:@|\s?[(\[](?:at|a)[)\]]\s?)"
_DOT = r"(?:\.|\s?[(\[](?:dot|piste|punkt)[)\]]\s?)"
# Starts only where a word starts, so a long run of letters without an "@" is tried once.
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE
)
_HIDDEN_AT = re.compile(r"\s?[(\[](?:at|a)[)\]]\s?", re.IGNORECASE)
_HIDDEN_DOT = re.compile(r"\s?[(\[](?:dot|piste|punkt)[)\]]\s?", re.IGNORECASE)

# What may be a phone number: written nationally (0...) or internationally (+..., 00...), then
# groups of digits. Dates, amounts and years never start so, and phonenumbers decides the rest.
# Spaces may be no-break spaces, as in text copied from a web page.
_SEPARATOR = r"[ \u00a0\u202f-]"
_PHONE = re.compile(
    r"(?<![\w+/-])(?<!\d[.,])(?:\+\d+|\(0\d+\)|0\d+)"
    rf"(?:{_SEPARATOR}?\(0\)\d+|{_SEPARATOR}\d+){{0,7}}(?!\d)"
)
_GROUP_END = re.compile(rf"\d(?={_SEPARATOR}|$)")
_NUMBER_START = re.compile(rf"(?<={_SEPARATOR})(?:\+|\(0|0)")


def emails_in(text: str) -> list[tuple[str, int, int]]:
    """Every e-mail address in the text, lower-cased, with "(a)", "[at]" and "(dot)" written
    out, and the characters it was read from."""
    found = []
    for match in _EMAIL.finditer(text):
        address = _HIDDEN_DOT.sub(".", _HIDDEN_AT.sub("@", match.group())).lower()
        top_level = address.rsplit(".", 1)[1]
        if top_level.isalpha() and len(top_level) >= 2:
            found.append((address, match.start(), match.end()))
    return found


def phones_in(text: str) -> list[tuple[str, int, int]]:
    """Every phone number in the text with the characters it was read from. Finnish numbers
    are written "+358 40 755 5056": the area or operator code, then the subscriber's number as
    three digits and the rest, as Finns group them; a foreign number in the phonenumbers
    library's international format."""
    found = []
    for candidate in _PHONE.finditer(text):
        found.extend(_numbers_in(candidate.group(), candidate.start()))
    return found


def _numbers_in(written: str, offset: int) -> list[tuple[str, int, int]]:
    """The numbers in a run of digit groups: "040 755 5056 2021" is a number and a year, so a
    number is the longest run of whole groups that is a valid number, and the next may start
    after it."""
    found = []
    start = 0
    while True:
        for end in reversed([group.end() for group in _GROUP_END.finditer(written, start)]):
            formatted = _phone(written[start:end])
            if formatted is not None:
                found.append((formatted, offset + start, offset + end))
                break
        else:
            return found
        following = _NUMBER_START.search(written, end)
        if following is None:
            return found
        start = following.start()


@functools.lru_cache(maxsize=4096)
def _phone(written: str) -> str | None:
    """A valid number in the catalogue's form, or None. Parsing takes tens of microseconds, and
    a page repeats its numbers."""
    if not 6 <= sum(char.isdigit() for char in written) <= 15:
        return None
    try:
        number = phonenumbers.parse(written, "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    national = phonenumbers.national_significant_number(number)
    code = phonenumbers.length_of_national_destination_code(number)
    subscriber = national[code:]
    if phonenumbers.region_code_for_number(number) != "FI" or not code or len(subscriber) < 6:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f"+358 {national[:code]} {subscriber[:3]} {subscriber[3:]}"


# Words that say what follows is a phone number or an address; left alone on a line, or after a
# name ("Matti Virtanen, puh."), they are not part of a person.
_FIELD_LABEL = re.compile(
    r"(?:\s|^)(?:puh(?:elin)?|p|tel|tfn|telefon|phone|gsm|mob(?:ile|il)?|matkapuhelin"
    r"|s-?posti|sähköposti|e-?mail|e-?post)\.?:?\s*$",
    re.IGNORECASE,
)
# What a page's sharing and navigation leave between contacts.
_NOISE = {"jaa", "share", "dela", "tulosta", "print", "takaisin", "tillbaka", "back"}
# How job titles end, in Finnish and Swedish (common nouns, written lower-case in a sentence)
# and in English (often capitalised, kept as written). Small on purpose: a title not here is
# still a title when it is written in lower case.
_TITLES_FI_SV = (
    "päällikkö", "koordinaattori", "esihenkilö", "esimies", "johtaja", "asiantuntija",
    "suunnittelija", "työntekijä", "ohjaaja", "opettaja", "rehtori", "lehtori", "sihteeri",
    "tutkija", "kehittäjä", "vastaava", "valmentaja", "neuvoja", "assistentti", "kouluttaja",
    "yhteyshenkilö", "koordinator", "ledare", "chef", "samordnare", "handläggare", "lärare",
    "rektor", "sekreterare", "forskare", "utvecklare", "direktör", "ansvarig",
)  # fmt: skip
_TITLES_EN = (
    "manager", "coordinator", "director", "officer", "specialist", "lead", "head",
    "researcher", "adviser", "advisor", "assistant", "teacher", "principal", "expert",
    "secretary", "developer", "leader",
)  # fmt: skip
# How organisations' names end, and the company and association abbreviations.
_ORGANISATIONS = (
    "opisto", "koulu", "yhtymä", "laitos", "keskus", "virasto", "hallitus", "ministeriö",
    "säätiö", "yhdistys", "liitto", "kaupunki", "kunta", "lukio", "akatemia", "palvelut",
    "university", "college", "school", "institute", "foundation", "association", "ministry",
    "agency", "council", "centre", "center", "högskola", "universitet", "institut",
    "stiftelse", "förening", "stad", "kommun", "skola", "gymnasium", "akademi", "verket",
)  # fmt: skip
_TITLES = _TITLES_FI_SV + _TITLES_EN
_COMPANY = {"oy", "oyj", "ry", "ab", "rf", "sr", "ltd"}
_PARTICLES = {"von", "van", "af", "de", "der", "den", "la", "du"}

_LINE = re.compile(r"[^\n]+")
_MAY_HAVE_EMAIL = re.compile(r"[@(\[]")
_DIGIT = re.compile(r"\d")
_PIECE = re.compile(r"[^,;|]+")
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")


class _Part(NamedTuple):
    kind: str  # "email", "phone", "name", "title", "organisation", "prose" or "noise"
    value: str
    start: int
    end: int


def contacts_in(text: str, language: str) -> list[tuple[ContactRow, list[tuple[int, int]]]]:
    """The people a contact section lists, each with the characters read for them. A person
    begins at a name; the lines until the next name may be their title, organisation, e-mail
    and phone, blank lines or not. Prose ends the section once a person is known; a name with
    nothing else read for it is not a contact (it may be an author or a heading)."""
    people: list[tuple[ContactRow, list[tuple[int, int]]]] = []
    for part in _parts(text):
        if part.kind == "prose" and people:
            if _known(people[-1][0]):
                break
            people.pop()
        elif part.kind == "name":
            people.append((ContactRow(name=part.value), [(part.start, part.end)]))
        elif people and _fill(people[-1][0], part, language):
            people[-1][1].append((part.start, part.end))
    return [(row, sorted(spans)) for row, spans in people if _known(row)]


def _known(row: ContactRow) -> bool:
    return any((row.title, row.organisation, row.email, row.phone))


def _fill(row: ContactRow, part: _Part, language: str) -> bool:
    """Fill the field a part belongs to, if still empty. After an address or a number, lines
    that are neither are the page's own (keywords, sharing), not the person's."""
    if part.kind in ("email", "phone"):
        if getattr(row, part.kind) is None:
            setattr(row, part.kind, part.value)
            return True
        return False
    if part.kind not in ("title", "organisation") or row.email or row.phone:
        return False
    if part.kind == "title" and row.title is None:
        row.title = _common_noun(part.value, language)
        return True
    if row.organisation is None:
        row.organisation = part.value
        return True
    return False


def _parts(text: str) -> Iterator[_Part]:
    """The text's lines cut into parts: addresses and numbers, and what is left of the line
    between them split at commas. A line that is a sentence is one part, prose."""
    for line in _LINE.finditer(text):
        offset, rest = line.start(), line.group()
        found = []
        if _MAY_HAVE_EMAIL.search(rest):
            found += [_Part("email", *item) for item in emails_in(rest)]
        if _DIGIT.search(rest):
            found += [_Part("phone", *item) for item in phones_in(rest)]
        for part in found:  # commas keep the offsets and cut the rest into pieces
            rest = rest[: part.start] + "," * (part.end - part.start) + rest[part.end :]
        words = [word for word in rest.split() if _LETTER.search(word)]
        if len(words) > 10 or (
            len(words) > 4 and words[-1][-1] in ".!?" and not _FIELD_LABEL.match(words[-1])
        ):
            yield _Part("prose", line.group(), offset, line.end())
            continue
        # In the order written; a piece's parts in the order _kinds gives (a name before the
        # title written in front of it), so the title goes to the right person.
        pieces = [*_pieces(rest, offset)]
        pieces += [
            (part.start, part._replace(start=offset + part.start, end=offset + part.end))
            for part in found
        ]
        yield from (part for _, part in sorted(pieces, key=lambda piece: piece[0]))


def _pieces(line: str, offset: int) -> Iterator[tuple[int, _Part]]:
    for match in _PIECE.finditer(line):
        piece = _FIELD_LABEL.sub("", match.group())
        stripped = piece.strip(" \t-–—*•·")
        if stripped:
            start = offset + match.start() + piece.index(stripped)
            yield from ((match.start(), part) for part in _kinds(stripped, start))


def _kinds(piece: str, start: int) -> Iterator[_Part]:
    """What a piece of a line is: a name, a title and a name, a title, an organisation, or
    noise (sharing buttons, decoration, and labelled lines such as "Kirjoittajat: Mirva
    Julkunen", which name authors, not contacts)."""
    end = start + len(piece)
    if ":" in piece or not _LETTER.search(piece) or piece.lower() in _NOISE:
        yield _Part("noise", piece, start, end)
        return
    texts = piece.split()
    if _is_name(texts):
        yield _Part("name", piece, start, end)
        return
    # "Projektipäällikkö Hilkka Huisko": a title, then the name.
    for split in range(len(texts) - 2, 0, -1):
        if _is_title(texts[split - 1]) and _is_name(texts[split:]):
            words = list(_WORD.finditer(piece))
            title_end, name_start = words[split - 1].end(), words[split].start()
            yield _Part("name", piece[name_start:], start + name_start, end)
            yield _Part("title", piece[:title_end], start, start + title_end)
            return
    if _is_title(texts[-1]) or (
        piece[0].islower() and not any(_is_organisation(text) for text in texts)
    ):
        yield _Part("title", piece, start, end)
    else:
        yield _Part("organisation", piece, start, end)


def _is_name(words: list[str]) -> bool:
    """Two to four capitalised words ("Niina-Maria Lassila", "Anna af Forselles"), none of
    them ending like a title or an organisation."""
    if not 2 <= len(words) <= 4 or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    names = [word for word in words if word not in _PARTICLES]
    joined = " ".join(names)
    return (
        joined.istitle()
        and not _DIGIT.search(joined)
        and not any(_is_title(word) or _is_organisation(word) for word in names)
    )


def _is_title(word: str) -> bool:
    return word.lower().strip(",.").endswith(_TITLES)


def _is_organisation(word: str) -> bool:
    word = word.lower().strip(",.()")
    return word in _COMPANY or word.endswith(_ORGANISATIONS)


def _common_noun(title: str, language: str) -> str:
    """A Finnish or Swedish title as the common noun it is: "Projektipäällikkö" is written
    "projektipäällikkö" in the catalogue. English titles and abbreviations stay as written."""
    first = title.split()[0]
    if language == "en" or title.split()[-1].lower().endswith(_TITLES_EN):
        return title
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return title[0].lower() + title[1:]
    return title
