"""Project identifiers read from a page's text: structural-fund codes, EURA diary numbers and the
government's project and case numbers, each in the form the catalogue stores."""

import re
import time

import pytest

from projects.importer.draft import IdentifierRow
from projects.importer.identifiers import identifiers_in
from projects.models.identifiers import FORMATS, IdentifierScheme


def found(text):
    return [(row.scheme, row.value) for row, _start, _end in identifiers_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S21999", [("eura", "S21999")]),
        ("EURA-tunnus: S21999", [("eura", "S21999")]),
        ("Hankekoodi S21999.", [("eura", "S21999")]),
        ("projektikod S10783, ", [("eura", "S10783")]),
        ("Project code (S30245)", [("eura", "S30245")]),
        ("EAKR-hanke A71234 ja JTF-hanke J30001", [("eura", "A71234"), ("eura", "J30001")]),
        # Finnish compounds and inflections keep the code.
        ("S21999-hankkeessa", [("eura", "S21999")]),
        ("S21999:n tulokset", [("eura", "S21999")]),
        (
            "Diaarinumero EURA2014/1234/09 02 01 01/2016/ESR.",
            [("eura-diary", "EURA2014/1234/09 02 01 01/2016/ESR")],
        ),
        ("EURA2021/567/ESR", [("eura-diary", "EURA2021/567/ESR")]),
        ("EURA2007/12/ESR", [("eura-diary", "EURA2007/12/ESR")]),
        ("Hankenumero OKM025:00/2022", [("vn", "OKM025:00/2022")]),
        ("STM011:00/2021.", [("vn", "STM011:00/2021")]),
        ("Diaarinumero VN/12345/2022", [("vn", "VN/12345/2022")]),
    ],
)
def test_identifiers_are_read(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hanke 2017–2019, puh. 040 755 5056, 200 000 €",
        # Not a code: inside a longer token, too few or too many digits, a lower-case or
        # another letter.
        "XS21999",
        "S2199",
        "S219990",
        "s21999",
        "B12345 C12345",
        "/S21999/",
        # Diary numbers of a programme period the registers do not have.
        "EURA2000/1234/ESR",
        "EURA 2014",
        # Too many letters, a case number without its year.
        "ABCDE025:00/2022",
        "OKM25:00/2022",
        "VN/12345",
        "VN/1/20222",
    ],
)
def test_what_is_not_an_identifier(text):
    assert found(text) == []


def test_the_diary_number_ends_where_its_action_code_does():
    """The action code's pairs of digits belong to the number; a count after it does not."""
    text = "EURA2014/8012/09 02 01 05/2017/ESR 12 hanketta, EURA2014/8013/ESR 2021"
    assert found(text) == [
        ("eura-diary", "EURA2014/8012/09 02 01 05/2017/ESR"),
        ("eura-diary", "EURA2014/8013/ESR"),
    ]


def test_spans_are_the_characters_read():
    text = "Koodi S21999 ja diaarinumero VN/12345/2022."
    assert [(text[start:end], row) for row, start, end in identifiers_in(text)] == [
        ("S21999", IdentifierRow("eura", "S21999")),
        ("VN/12345/2022", IdentifierRow("vn", "VN/12345/2022")),
    ]


def test_each_identifier_once_at_its_first_place():
    text = "S21999 (EURA-tunnus S21999), OKM025:00/2022 ja OKM025:00/2022"
    assert [(row.value, start) for row, start, _end in identifiers_in(text)] == [
        ("S21999", 0),
        ("OKM025:00/2022", 29),
    ]


def test_in_the_order_written_whatever_the_scheme():
    text = "VN/1/2020, EURA2014/1/ESR, S21999, OKM001:00/2020"
    assert [scheme for scheme, _value in found(text)] == ["vn", "eura-diary", "eura", "vn"]


def test_url_is_not_a_scheme_read_here():
    assert found("https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21999") == [
        ("eura", "S21999")
    ]


# The catalogue's own formats: a value read here can be saved as it is.
CATALOGUE_FORMATS = {
    "eura": [FORMATS[IdentifierScheme.EURA2014][0]],
    "eura-diary": [FORMATS[IdentifierScheme.EURA_DIARY][0]],
    "vn": [
        FORMATS[IdentifierScheme.GOVERNMENT_PROJECT][0],
        FORMATS[IdentifierScheme.GOVERNMENT_CASE][0],
    ],
}


def test_values_pass_the_catalogues_formats():
    text = (
        "S21999 A71234 EURA2014/1234/09 02 01 01/2016/ESR EURA2021/5/EAKR OKM025:00/2022 "
        "VN/12345/2022"
    )
    rows = identifiers_in(text)
    assert len(rows) == 6
    for row, _start, _end in rows:
        assert any(re.fullmatch(pattern, row.value) for pattern in CATALOGUE_FORMATS[row.scheme])


def test_a_megabyte_of_text_is_read_in_time():
    page = (
        "Hanke S21999 (EURA2014/1234/09 02 01 01/2016/ESR) 1.3.2019–31.12.2021, OKM025:00/2022."
        " Puh. 040 755 5056, budjetti 200 000 €. " + "EURA2014/1234 " * 5 + "S2199 " * 20 + "\n"
    )
    text = (page * (1_000_000 // len(page) + 1))[:1_000_000]
    started = time.perf_counter()
    rows = identifiers_in(text)
    assert time.perf_counter() - started < 2
    assert [row.value for row, _start, _end in rows][:3] == [
        "S21999",
        "EURA2014/1234/09 02 01 01/2016/ESR",
        "OKM025:00/2022",
    ]
