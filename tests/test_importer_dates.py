"""Dates and periods read from a page's text at the precision the page gives them, and the
numbers that look like dates but are not."""

import datetime
import time

import pytest

from projects.importer.dates import date_in, periods_in

D = datetime.date


def periods(text, language="fi"):
    """Each period as ((first day, precision, text), (last day, precision, text))."""
    return [
        tuple(
            (side.value.date, side.value.precision, side.value.text)
            for side in (period.start, period.end)
            if side is not None
        )
        for period in periods_in(text, language)
    ]


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        ("13.12.2017 - 31.12.2019", "fi", (D(2017, 12, 13), "day"), (D(2019, 12, 31), "day")),
        ("1.3.2019–31.12.2021", "fi", (D(2019, 3, 1), "day"), (D(2021, 12, 31), "day")),
        ("01.02.2016 – 31.1.2018", "fi", (D(2016, 2, 1), "day"), (D(2018, 1, 31), "day")),
        ("1.9.2022-31.5.2024", "fi", (D(2022, 9, 1), "day"), (D(2024, 5, 31), "day")),
        ("1.9.2022—31.5.2024", "fi", (D(2022, 9, 1), "day"), (D(2024, 5, 31), "day")),
        ("1. 9. 2022 – 31. 5. 2024", "fi", (D(2022, 9, 1), "day"), (D(2024, 5, 31), "day")),
        ("(10/2018-08/2020)", "fi", (D(2018, 10, 1), "month"), (D(2020, 8, 31), "month")),
        ("3/2021–12/2023", "fi", (D(2021, 3, 1), "month"), (D(2023, 12, 31), "month")),
        ("2017–2019", "fi", (D(2017, 1, 1), "year"), (D(2019, 12, 31), "year")),
        ("vuosina 2017 - 2019", "fi", (D(2017, 1, 1), "year"), (D(2019, 12, 31), "year")),
        ("2021-03-01 – 2022-12-31", "en", (D(2021, 3, 1), "day"), (D(2022, 12, 31), "day")),
        ("2019 – 31.12.2021", "fi", (D(2019, 1, 1), "year"), (D(2021, 12, 31), "day")),
        # Months written out; an end month ends on its last day, February's in a leap year.
        (
            "syyskuu 2020 – toukokuu 2022",
            "fi",
            (D(2020, 9, 1), "month"),
            (D(2022, 5, 31), "month"),
        ),
        ("tammikuu 2023–helmikuu 2024", "fi", (D(2023, 1, 1), "month"), (D(2024, 2, 29), "month")),
        (
            "maaliskuusta 2021 joulukuuhun 2023",
            "fi",
            (D(2021, 3, 1), "month"),
            (D(2023, 12, 31), "month"),
        ),
        ("mars 2021–december 2022", "sv", (D(2021, 3, 1), "month"), (D(2022, 12, 31), "month")),
        ("Mars 2021 till juni 2022", "sv", (D(2021, 3, 1), "month"), (D(2022, 6, 30), "month")),
        (
            "March 2021 – December 2022",
            "en",
            (D(2021, 3, 1), "month"),
            (D(2022, 12, 31), "month"),
        ),
        (
            "1 March 2021 – 31 December 2022",
            "en",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        (
            "from March 1, 2021 to December 31st, 2022",
            "en",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        (
            "1. maaliskuuta 2021 – 31. joulukuuta 2022",
            "fi",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        # A start without its year takes the end's, or the year before if it would end first.
        ("1.3.–31.12.2021", "fi", (D(2021, 3, 1), "day"), (D(2021, 12, 31), "day")),
        ("1.12.–31.1.2021", "fi", (D(2020, 12, 1), "day"), (D(2021, 1, 31), "day")),
        (
            "tammikuusta joulukuuhun 2021",
            "fi",
            (D(2021, 1, 1), "month"),
            (D(2021, 12, 31), "month"),
        ),
        # Sentences.
        (
            "Hanke alkaa 1.9.2022 ja päättyy 31.5.2024.",
            "fi",
            (D(2022, 9, 1), "day"),
            (D(2024, 5, 31), "day"),
        ),
        (
            "Projektet startar 1.3.2021 och avslutas 31.12.2022.",
            "sv",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        (
            "Starts 1 March 2021 and ends 31 December 2022",
            "en",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        (
            "The project starts on 1 March 2021 and ends on 31 December 2022.",
            "en",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
        (
            "Start 1.3.2021 and end 31.12.2022",
            "en",
            (D(2021, 3, 1), "day"),
            (D(2022, 12, 31), "day"),
        ),
    ],
)
def test_periods(text, language, start, end):
    [(found_start, found_end)] = periods(text, language)
    assert found_start[:2] == start
    assert found_end[:2] == end


@pytest.mark.parametrize(
    ("text", "start_text", "end_text"),
    [
        ("Kesto 13.12.2017 - 31.12.2019", "13.12.2017", "31.12.2019"),
        ("hankkeessa (10/2018-08/2020) rakennetaan", "10/2018", "08/2020"),
        ("syyskuu 2020 – toukokuu 2022", "syyskuu 2020", "toukokuu 2022"),
        ("1.3.–31.12.2021", "1.3.", "31.12.2021"),
        ("Alkaa 1.9.2022 ja päättyy 31.5.2024", "1.9.2022", "31.5.2024"),
    ],
)
def test_each_date_is_kept_as_written_with_its_characters(text, start_text, end_text):
    [period] = periods_in(text, "fi")
    assert period.start is not None
    assert period.end is not None
    assert (period.start.value.text, period.end.value.text) == (start_text, end_text)
    assert text[period.start.start : period.start.end] == start_text
    assert text[period.end.start : period.end.end] == end_text


def test_every_period_in_order():
    text = (
        "Ensimmäinen vaihe 1.3.2019–31.12.2020, toinen vaihe 2021–2022. "
        "Jatkohanke (01/2023-12/2024) on haettu."
    )
    assert [(start[0], end[0]) for start, end in periods(text)] == [
        (D(2019, 3, 1), D(2020, 12, 31)),
        (D(2021, 1, 1), D(2022, 12, 31)),
        (D(2023, 1, 1), D(2024, 12, 31)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hankkeen aikataulu\n-",
        # Impossible dates, and years a project of the catalogue cannot have.
        "31.2.2020 - 31.12.2021",
        "1.13.2020 - 31.12.2021",
        "00/2020-08/2021",
        "1980–1985",
        "2101–2105",
        # An end before its start.
        "2019–2017",
        "31.12.2021 - 1.3.2021",
        # Two dates that are not a period.
        "Tapaamiset pidetään 1.3.2021 ja 31.12.2022.",
        "Haku päättyy 15.3.2021. Päätökset 30.4.2021.",
        "Hankkeessa työskentelee syksystä 2019 alkaen neljä nuorisotyöntekijää.",
        # Numbers that are not dates: phone numbers, amounts, postal codes, identifiers,
        # versions, times and ISBNs.
        "Puh. 040 755 5056 tai 050 302 7979",
        "200000-400000 €",
        "2000–2050 €",
        "Budjetti 2000 - 2050 euroa",
        "00100 Helsinki, 02150 Espoo",
        "OKM025:00/2022, VN/12345/2022, S21999",
        "EURA2014/1234/09 02 01 01/2016/ESR",
        "versio 3.11.2, klo 10.00–12.00",
        "ISBN 978-952-263-456-7",
        "ISO 9001:2015 – 2017",
        # Seasons and Finnish words that dateparser would take for months.
        "kesä 2021 – syksy 2022",
        "joulu 2020 – tammi 2021",
    ],
)
def test_what_is_not_a_period(text):
    assert periods_in(text, "fi") == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_only_the_pages_language_joins_by_words_and_sentences(language):
    texts = {
        "fi": "Alkaa 1.9.2022 ja päättyy 31.5.2024",
        "sv": "startar 1.3.2021 och avslutas 31.12.2022",
        "en": "from 1.3.2021 to 31.12.2022",
    }
    for code, text in texts.items():
        assert bool(periods_in(text, language)) is (code == language)


def test_a_language_without_its_own_words_reads_all_three():
    assert len(periods_in("from 1.3.2021 to 31.12.2022", "de")) == 1
    assert len(periods_in("Alkaa 1.9.2022 ja päättyy 31.5.2024", "")) == 1


def test_month_names_in_any_language_on_any_page():
    """A Finnish page may quote an English or a Swedish month."""
    assert periods("March 2021 – December 2022", "fi") == periods(
        "March 2021 – December 2022", "en"
    )
    assert len(periods("mars 2021–december 2022", "fi")) == 1


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("1.3.2021", D(2021, 3, 1), D(2021, 3, 1), "day"),
        ("01.03.2021", D(2021, 3, 1), D(2021, 3, 1), "day"),
        ("2021-03-15", D(2021, 3, 15), D(2021, 3, 15), "day"),
        ("03/2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("2/2024", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("maaliskuu 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("maaliskuussa 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("syyskuuta 2020", D(2020, 9, 1), D(2020, 9, 30), "month"),
        ("Maaliskuu 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("marrask. 2021", D(2021, 11, 1), D(2021, 11, 30), "month"),
        ("mars 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("March 2021", D(2021, 3, 1), D(2021, 3, 31), "month"),
        ("Sept 2021", D(2021, 9, 1), D(2021, 9, 30), "month"),
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("1. maaliskuuta 2021", D(2021, 3, 1), D(2021, 3, 1), "day"),
        ("15 mars 2021", D(2021, 3, 15), D(2021, 3, 15), "day"),
        ("den 15 mars 2021", D(2021, 3, 15), D(2021, 3, 15), "day"),
        ("1st March 2021", D(2021, 3, 1), D(2021, 3, 1), "day"),
        ("March 15, 2021", D(2021, 3, 15), D(2021, 3, 15), "day"),
    ],
)
def test_date_in(text, start, end, precision):
    first = date_in(text, "fi", end=False)
    last = date_in(text, "fi", end=True)
    assert first is not None
    assert last is not None
    assert (first.value.date, last.value.date) == (start, end)
    assert first.value.precision == last.value.precision == precision
    assert first.value.text == last.value.text == text[first.start : first.end]


def test_date_in_is_the_first_date_of_a_labelled_value():
    found = date_in("Päättyy: 31.12.2021 (jatkettu 30.6.2022)", "fi", end=True)
    assert found is not None
    assert (found.value.date, found.start, found.end) == (D(2021, 12, 31), 9, 19)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "Käynnissä",
        "1.3.",
        "maaliskuu",
        "31.2.2021",
        "29.2.2021",
        "13/2021",
        "1989",
        "2101",
        "Puh. 040 755 5056",
        "040 123 2019",
        "200 000 €",
        "2021 €",
        "00100 Helsinki",
        "OKM025:00/2022",
        "VN/12345/2022",
        "EURA2014/1234/09 02 01 01/2016/ESR",
        "S21999",
    ],
)
def test_what_is_not_a_date(text):
    assert date_in(text, "fi", end=False) is None


@pytest.mark.parametrize("text", ["kesä 2021", "syksyllä 2021", "autumn 2021", "joulu 2021"])
def test_a_season_is_its_year_not_a_month(text):
    """dateparser reads "kesä 2021" (summer) as a day in June; the page says only the year."""
    found = date_in(text, "fi", end=False)
    assert found is not None
    assert (found.value.date, found.value.precision, found.value.text) == (
        D(2021, 1, 1),
        "year",
        "2021",
    )


def test_february_29_only_in_a_leap_year():
    leap = date_in("29.2.2020", "fi", end=False)
    assert leap is not None
    assert leap.value.date == D(2020, 2, 29)


def test_a_month_is_never_given_a_day():
    [(start, end)] = periods("10/2018-08/2020")
    assert start == (D(2018, 10, 1), "month", "10/2018")
    assert end == (D(2020, 8, 31), "month", "08/2020")
    [period] = periods_in("10/2018-08/2020", "fi")
    assert period.end is not None
    assert period.end.value.as_json() == {
        "date": "2020-08-31",
        "precision": "month",
        "text": "08/2020",
    }


def test_a_megabyte_of_text_is_read_in_time():
    page = (
        "Hanke toimii 1.3.2019–31.12.2021 (10/2018-08/2020), syyskuu 2020 – toukokuu 2022. "
        "Puh. 040 755 5056, budjetti 200 000 €, OKM025:00/2022, "
        "EURA2014/1234/09 02 01 01/2016/ESR. Hankkeessa maaliskuussa tammikuusta alkaen "
        + "1 " * 20
        + "a@" * 20
        + "\n"
    )
    text = (page * (1_000_000 // len(page) + 1))[:1_000_000]
    started = time.perf_counter()
    found = periods_in(text, "fi")
    first = date_in("x" * 999_990 + " 3/2021", "fi", end=True)
    # A pattern that backtracks takes minutes on this text, not seconds: the bound leaves room
    # for a loaded machine (a CI run took 2.1 s of a former 2 s bound), not for that.
    assert time.perf_counter() - started < 10
    assert len(found) == 3 * text.count("\n")
    assert first is not None
    assert first.value.date == D(2021, 3, 31)
