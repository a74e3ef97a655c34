"""A project's budget as a page writes it: one amount or a range, in euros, in Finnish, Swedish
or English number styles. Pages are full of numbers that are not money (years, dates, phone
numbers, counts of people), so a number is an amount only with a currency written next to it."""

import re
from decimal import Decimal

from .draft import Budget

# Grouped thousands first, so "640.000" and "640 000" are 640000, not 640 and 0: a space (also
# a no-break one, as web pages write it), a dot or (in English) a comma between groups of
# three; then a plain number with a decimal comma or point ("1,2", "1.5"). Neither may stop
# inside a longer number.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?(?![.,]?\d)|\d+(?:[.,]\d+)?(?![.,]?\d)"
# Millions and thousands; every word for millions starts with an "m", no word for thousands does.
_SCALE = (
    r"(?:milj(?:oona|oonaa|oonan|oner|on)?\b\.?|mn\b|millions?\b|M(?=\s?(?:€|EUR))"
    r"|tuhatta\b|tuhannen\b|tusen\b|thousand\b|[tk](?=\s?€))"
)
_DASH = r"\s?(?:[–—-]|to\b|till\b)\s?"
_CURRENCY_BEFORE = r"(?:€|\bEUR\b)"
_CURRENCY_AFTER = r"(?:€|(?i:eur(?:o(?:a|n|s)?)?)\b)"

_AMOUNT = re.compile(
    rf"""
    (?<![\w.,-])
    (?:(?P<before>{_CURRENCY_BEFORE})\s?)?
    (?P<low>{_NUMBER})(?:\s?(?P<low_scale>{_SCALE}))?
    (?:{_DASH}(?:{_CURRENCY_BEFORE}\s?)?(?P<high>{_NUMBER})(?:\s?(?P<high_scale>{_SCALE}))?)?
    (?(before)(?:\s?{_CURRENCY_AFTER})?|\s?{_CURRENCY_AFTER})
    """,
    re.VERBOSE,
)


def budget_in(text: str) -> tuple[Budget, int, int] | None:
    """The first amount or range of amounts in euros in the text, with the characters it was
    read from; None when the text gives no amount with a currency."""
    for match in _AMOUNT.finditer(text):
        high_scale = match["high_scale"]
        # "1–2 milj. euroa": a scale written once, after the range, is both ends'.
        low_scale = match["low_scale"] or high_scale
        low = _amount(match["low"], low_scale)
        if match["high"] is None:
            return Budget(min=low), match.start(), match.end()
        high = _amount(match["high"], high_scale)
        if low <= high:
            return Budget(min=low, max=high), match.start(), match.end()
    return None


def _amount(written: str, scale: str | None) -> Decimal:
    """The number times its scale, in whole euros when it is whole ("1,2 milj." is 1200000)."""
    value = _number(written, scale)
    if scale:
        value *= 1_000_000 if scale[0].lower() == "m" else 1000
    return value.to_integral_value() if value == value.to_integral_value() else value


def _number(written: str, scale: str | None) -> Decimal:
    """A number as Finnish, Swedish or English pages write it. Spaces are thousands separators.
    A dot or a comma before exactly three digits separates thousands ("640.000", "250,000"),
    unless a scale word follows ("1,250 milj." is a decimal); any other is a decimal point."""
    digits = re.sub(r"\s", "", written)
    marks = [char for char in digits if char in ".,"]
    if len(marks) > 1 and marks[-1] != marks[0]:  # "1.234.567,89" or "1,234,567.89"
        decimal_mark = marks[-1]
    elif marks and (scale or len(digits.rsplit(marks[0], 1)[1]) != 3):
        decimal_mark = marks[0] if len(marks) == 1 else ""
    else:
        decimal_mark = ""
    whole, _, fraction = digits.rpartition(decimal_mark) if decimal_mark else (digits, "", "")
    whole = whole.replace(".", "").replace(",", "")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)
