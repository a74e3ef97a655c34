"""Project identifiers written in a page's text: structural-fund project codes, EURA diary
numbers and the government's project and case numbers. Each value is returned as the catalogue
stores it (projects.models.identifiers.FORMATS), so a draft's identifier can be saved as it is
and finds a project the catalogue already knows by it."""

import re

from .draft import IdentifierRow

# No letter, digit or code punctuation right before or after: "S21999" inside "XS21999" or
# "VN/12345/2022" inside a longer path is not a code. A hyphen after a code is Finnish
# compounding ("S21999-hankkeessa") and an ending after a colon is an inflection ("S21999:n").
_BEFORE = r"(?<![\w/.:-])"

_PATTERNS = (
    # Structural-fund project codes: S for the Social Fund, A for Regional Development, J for
    # Just Transition, then five digits (S10783 in 2007-2013, S21999 in 2014-2020, S30245 now).
    ("eura", re.compile(_BEFORE + r"[SAJ]\d{5}(?![\w/])")),
    # A diary number: EURA2014/1234/09 02 01 01/2016/ESR. Only the action code has spaces: pairs
    # of digits between two slashes, so what follows the number is never taken into it.
    (
        "eura-diary",
        re.compile(_BEFORE + r"EURA20(?:07|14|21)(?:/(?:\d\d(?: \d\d)+(?=/)|[\w-]+))+"),
    ),
    # A ministry's project number (OKM025:00/2022) and a Government case number (VN/12345/2022).
    ("vn", re.compile(_BEFORE + r"[A-Z]{2,4}\d{3}:\d\d/\d{4}(?![\w/])")),
    ("vn", re.compile(_BEFORE + r"VN/\d+/\d{4}(?![\w/])")),
)


def identifiers_in(text: str) -> list[tuple[IdentifierRow, int, int]]:
    """Every identifier in the text, in the order they are written, each value once (a page
    often repeats its code), with the characters it was read from."""
    found = sorted(
        (match.start(), match.end(), scheme, match.group())
        for scheme, pattern in _PATTERNS
        for match in pattern.finditer(text)
    )
    seen: set[tuple[str, str]] = set()
    result = []
    for start, end, scheme, value in found:
        if (scheme, value) not in seen:
            seen.add((scheme, value))
            result.append((IdentifierRow(scheme=scheme, value=value), start, end))
    return result
