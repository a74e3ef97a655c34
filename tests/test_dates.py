"""Dates known only to the day, the month or the year: period bounds and display."""

import datetime

import pytest
from django.utils.translation import override

from projects.dates import Precision, format_partial_date, period_end, period_start


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (datetime.date(2018, 10, 17), Precision.DAY, datetime.date(2018, 10, 17)),
        (datetime.date(2018, 10, 17), Precision.MONTH, datetime.date(2018, 10, 1)),
        (datetime.date(2018, 10, 17), Precision.YEAR, datetime.date(2018, 1, 1)),
        (datetime.date(2020, 2, 29), Precision.MONTH, datetime.date(2020, 2, 1)),
        (datetime.date(2019, 12, 31), Precision.MONTH, datetime.date(2019, 12, 1)),
        (datetime.date(2019, 12, 31), Precision.YEAR, datetime.date(2019, 1, 1)),
        (datetime.date(2019, 1, 1), Precision.YEAR, datetime.date(2019, 1, 1)),
    ],
)
def test_period_start(value, precision, expected):
    assert period_start(value, precision) == expected


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (datetime.date(2020, 8, 5), Precision.DAY, datetime.date(2020, 8, 5)),
        (datetime.date(2020, 8, 5), Precision.MONTH, datetime.date(2020, 8, 31)),
        (datetime.date(2020, 8, 5), Precision.YEAR, datetime.date(2020, 12, 31)),
        # February of a leap year, of a common year, and of a century that is not a leap year.
        (datetime.date(2020, 2, 3), Precision.MONTH, datetime.date(2020, 2, 29)),
        (datetime.date(2019, 2, 3), Precision.MONTH, datetime.date(2019, 2, 28)),
        (datetime.date(2100, 2, 3), Precision.MONTH, datetime.date(2100, 2, 28)),
        (datetime.date(2000, 2, 3), Precision.MONTH, datetime.date(2000, 2, 29)),
        # Thirty-day month and December.
        (datetime.date(2021, 4, 30), Precision.MONTH, datetime.date(2021, 4, 30)),
        (datetime.date(2021, 12, 1), Precision.MONTH, datetime.date(2021, 12, 31)),
        (datetime.date(2021, 12, 1), Precision.YEAR, datetime.date(2021, 12, 31)),
    ],
)
def test_period_end(value, precision, expected):
    assert period_end(value, precision) == expected


@pytest.mark.parametrize("precision", list(Precision))
def test_period_bounds_contain_the_value(precision):
    value = datetime.date(2024, 2, 29)
    assert period_start(value, precision) <= value <= period_end(value, precision)


@pytest.mark.parametrize(
    ("language", "value", "precision", "expected"),
    [
        ("fi", datetime.date(2017, 12, 13), Precision.DAY, "13.12.2017"),
        ("fi", datetime.date(2017, 3, 5), Precision.DAY, "5.3.2017"),
        ("fi", datetime.date(2018, 10, 1), Precision.MONTH, "10/2018"),
        ("fi", datetime.date(2020, 8, 31), Precision.MONTH, "08/2020"),
        ("fi", datetime.date(2019, 1, 1), Precision.YEAR, "2019"),
        ("en", datetime.date(2017, 12, 13), Precision.DAY, "13 Dec 2017"),
        ("en", datetime.date(2017, 3, 5), Precision.DAY, "5 Mar 2017"),
        ("en", datetime.date(2018, 10, 1), Precision.MONTH, "10/2018"),
        ("en", datetime.date(2020, 8, 31), Precision.MONTH, "08/2020"),
        ("en", datetime.date(2019, 12, 31), Precision.YEAR, "2019"),
        ("sv", datetime.date(2017, 12, 13), Precision.DAY, "13.12.2017"),
        ("sv", datetime.date(2018, 10, 1), Precision.MONTH, "10/2018"),
    ],
)
def test_format_partial_date(language, value, precision, expected):
    with override(language):
        assert format_partial_date(value, precision) == expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("precision", list(Precision))
def test_format_partial_date_of_no_date_is_empty(language, precision):
    with override(language):
        assert format_partial_date(None, precision) == ""
