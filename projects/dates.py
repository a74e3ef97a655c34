"""Dates known only to the day, the month or the year.

A project page may say "13.12.2017", "10/2018" or just "2019". We store such a date as the
first day of its period when it starts something and as the last day of its period when it
ends something, together with its precision. Comparisons between a start and an end are then
plain date comparisons that are right at the coarser of the two precisions, in Python and in
the database alike, and nothing is ever shown more precisely than it is known.
"""

import calendar
import datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def period_start(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the day, month or year that `value` falls in."""
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the day, month or year that `value` falls in."""
    if precision == Precision.YEAR:
        return value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Show a date at its precision: 13.12.2017, 10/2018 or 2019 (the day in the locale's
    short format)."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return f"{value.month:02d}/{value.year}"
    return formats.date_format(value, "SHORT_DATE_FORMAT")
