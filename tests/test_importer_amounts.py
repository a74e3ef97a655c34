"""A project's budget read from a page's text: one amount or a range, in euros, as Finnish,
Swedish and English pages write numbers; and the numbers that are not money."""

import time
from decimal import Decimal

import pytest

from projects.importer.amounts import budget_in
from projects.importer.draft import Budget


def budget(text):
    result = budget_in(text)
    return None if result is None else result[0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # Ranges, with the currency after the second amount or before each.
        ("200000-400000 €", 200_000, 400_000),
        ("200 000–400 000 euroa", 200_000, 400_000),
        ("200 000 – 400 000 €", 200_000, 400_000),
        ("10 000—20 000 euroa", 10_000, 20_000),
        ("€200,000–€400,000", 200_000, 400_000),
        ("EUR 200 000 - 400 000", 200_000, 400_000),
        ("200 000 to 400 000 euros", 200_000, 400_000),
        ("1–2 milj. euroa", 1_000_000, 2_000_000),
        # Finnish and Swedish: space or dot between thousands, a decimal comma.
        ("640.000 euroa", 640_000, None),
        ("640 000 €", 640_000, None),
        ("640 000 euro", 640_000, None),
        ("2.000.000 €", 2_000_000, None),
        ("350 000 euro", 350_000, None),
        ("1 200 000,50 €", Decimal("1200000.50"), None),
        ("1.234.567,89 €", Decimal("1234567.89"), None),
        ("1,5 €", Decimal("1.5"), None),
        ("1,2 milj. euroa", 1_200_000, None),
        ("1,2 milj euroa", 1_200_000, None),
        ("1,2 miljoonaa euroa", 1_200_000, None),
        ("2,5 miljoonan euron hanke", 2_500_000, None),
        ("1,2 miljoner euro", 1_200_000, None),
        ("1,250 milj. €", 1_250_000, None),
        ("1,2 M€", 1_200_000, None),
        ("1,2 MEUR", 1_200_000, None),
        ("250 t€", 250_000, None),
        ("250 tuhatta euroa", 250_000, None),
        # English: a comma between thousands, a decimal point.
        ("EUR 250 000", 250_000, None),
        ("EUR 250,000", 250_000, None),
        ("1.5 million euros", 1_500_000, None),
        ("€1.5 million", 1_500_000, None),
        ("€ 2 million", 2_000_000, None),
        # The currency word is not part of a longer word.
        ("5 000 euron avustus", 5_000, None),
    ],
)
def test_amounts_and_ranges(text, low, high):
    assert budget(text) == Budget(
        min=Decimal(low), max=None if high is None else Decimal(high), currency="EUR"
    )


def test_values_are_decimals_in_whole_euros_when_whole():
    """JSON shows 1200000, not 1.2E+6 or 1200000.0."""
    result = budget("1,2 milj. euroa")
    assert result is not None
    assert str(result.min) == "1200000"
    assert result.as_json() == {"min": 1_200_000, "max": None, "currency": "EUR"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        # No currency: an amount needs one next to it.
        "200000-400000",
        "640 000",
        "1.5 million people",
        "100 opiskelijaa ja 20 opettajaa",
        "40 %",
        # Years, dates, phone numbers, postal codes, identifiers.
        "2017–2019",
        "Vuonna 2021",
        "13.12.2017 - 31.12.2019",
        "1.3.2019–31.12.2021",
        "(10/2018-08/2020)",
        "Puh. 040 755 5056",
        "00100 Helsinki",
        "OKM025:00/2022, VN/12345/2022, S21999",
        # A currency word far from the number, or inside another word.
        "Budjetti 2021: katso liite. Euroopan sosiaalirahasto",
        "Eurooppa 2020",
        # A range that runs backwards is no range, and not two amounts either.
        "400000-200000 €",
    ],
)
def test_what_is_not_a_budget(text):
    assert budget_in(text) is None


def test_the_first_amount_is_the_budget_with_its_characters():
    text = "Vuosina 2017–2019 hankkeen budjetti on 250 000 € vuodessa, EU-osuus 100 000 €."
    result = budget_in(text)
    assert result is not None
    found, start, end = result
    assert found == Budget(min=Decimal(250_000))
    assert text[start:end] == "250 000 €"


def test_a_year_before_an_amount_is_not_part_of_it():
    text = "Vuonna 2021 500 000 euroa"
    result = budget_in(text)
    assert result is not None
    assert result[0].min == 500_000
    assert text[result[1] : result[2]] == "500 000 euroa"


def test_no_break_spaces_between_thousands():
    """Text copied from a web page has no-break spaces."""
    assert budget("640\u00a0000\u00a0€") == Budget(min=Decimal(640_000))


def test_a_megabyte_of_text_is_read_in_time():
    page = (
        "Hanke 13.12.2017 - 31.12.2019, puh. 040 755 5056, 00100 Helsinki, 2017–2019 ja 1 2 3 "
        + "0 " * 30
        + "1,2,3,4 " * 10
        + "\n"
    )
    text = (page * (1_000_000 // len(page) + 1))[:999_980] + " 1,2 milj. euroa"
    started = time.perf_counter()
    result = budget_in(text)
    assert time.perf_counter() - started < 2
    assert result is not None
    assert result[0] == Budget(min=Decimal(1_200_000))
