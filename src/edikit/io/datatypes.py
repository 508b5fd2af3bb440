"""X12 simple data element types (X12.6; docs/reading.md): checks that say
what is wrong with a value in words a person can act on.

Lengths follow the standard's counting: for numeric types (Nn, R) the minus sign and the
decimal point do not count toward the length.

Every number edikit reads from the input goes through :func:`is_digits`, :func:`as_int` or
:func:`as_decimal`, never through ``str.isdigit()`` and ``int()`` or ``Decimal()`` directly:
``isdigit()`` (and ``isdecimal()``, ``isnumeric()``) also say yes to ``²``, ``³`` and ``¹``
(latin-1 0xB2, 0xB3, 0xB9), which ``int()`` then refuses, and ``int()``/``Decimal()`` accept
spaces, underscores, ``+``, ``NaN`` and ``Infinity``, none of which X12 allows.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Final

_NUMERIC: Final = re.compile(r"-?[0-9]+")
_DECIMAL: Final = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:E-?[0-9]+)?")
# The parts of an R value: digits before and after the point, exponent.
_R_PARTS: Final = re.compile(r"-?([0-9]*)\.?([0-9]*)(?:E(-?[0-9]+))?")

#: The most significant digits :func:`as_int` and :func:`as_decimal` convert. No X12 numeric
#: element comes near (R is at most 15-18 digits, N0 at most 15), so a longer number has a
#: length problem the element checks report; past about 4,300 digits ``int()`` raises.
MAX_DIGITS: Final = 64
#: The largest exponent (``1E99``) :func:`as_decimal` converts: with :data:`MAX_DIGITS`
#: digits, sums and products of such numbers stay exact in a 1,000-digit decimal context.
MAX_EXPONENT: Final = 99


def is_digits(value: str) -> bool:
    """Whether ``value`` is one or more ASCII digits ``0-9`` and nothing else (no sign, no
    space, no ``²``)."""
    return value.isascii() and value.isdigit()


def as_int(value: str, *, signed: bool = False) -> int | None:
    """``value`` as an ``int`` when it is ASCII digits (after one leading ``-`` when
    ``signed``), else ``None``; ``None`` too for more than :data:`MAX_DIGITS` significant
    digits. ``"007"`` is 7."""
    negative = signed and value.startswith("-")
    digits = value[1:] if negative else value
    if not (digits.isascii() and digits.isdigit()):
        return None
    significant = digits.lstrip("0")
    if len(significant) > MAX_DIGITS:
        return None
    number = int(significant) if significant else 0
    return -number if negative else number


def as_decimal(value: str, implied: int = 0) -> Decimal | None:
    """An R (decimal) value, or an Nn value with ``implied`` decimal places, as a
    :class:`~decimal.Decimal`; ``None`` when it is not written as X12 writes numbers (ASCII
    digits, an optional leading ``-``, one optional ``.``, an optional ``E`` exponent), or
    has more than :data:`MAX_DIGITS` significant digits or an exponent beyond
    :data:`MAX_EXPONENT`."""
    if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
        # The common case (a quantity, a count): plain digits, no sign, point or exponent.
        number = Decimal(value)
        return number.scaleb(-implied) if implied else number
    match = _R_PARTS.fullmatch(value) if value.isascii() else None
    if match is None:
        return None
    whole, fraction, exponent = match.groups()
    if not (whole or fraction):
        return None
    if len((whole + fraction).lstrip("0")) > MAX_DIGITS:
        return None
    power = as_int(exponent, signed=True) if exponent is not None else 0
    if power is None or abs(power) > MAX_EXPONENT:
        return None
    number = Decimal(value)
    return number.scaleb(-implied) if implied else number


def as_date(value: str) -> date | None:
    """A DT value (CCYYMMDD, or YYMMDD read as 20YY) as a :class:`~datetime.date`; ``None``
    when it is not a real date."""
    if len(value) not in (6, 8) or not is_digits(value):
        return None
    year = int(value[:-4]) if len(value) == 8 else 2000 + int(value[:2])
    try:
        return date(year, int(value[-4:-2]), int(value[-2:]))
    except ValueError:
        return None


def counted_length(value: str, kind: str) -> int:
    """The length the standard counts: a minus sign, and the decimal point of an R, are free.
    (Other characters count: a value with letters in a numeric element is too long as well
    as of the wrong type, and both are reported.)"""
    if kind == "R" or (kind.startswith("N") and is_digits(kind[1:])):
        return len(value) - value.startswith("-") - (kind == "R" and "." in value)
    return len(value)


def length_problem(value: str, kind: str, minimum: int, maximum: int) -> str | None:
    length = counted_length(value, kind)
    if length > maximum:
        return f"is {length} characters long; at most {maximum} are allowed"
    if length < minimum:
        return f"is {length} characters long; at least {minimum} are required"
    return None


def type_problem(value: str, kind: str) -> str | None:
    """Why ``value`` is not of X12 type ``kind`` (``N0``..``N9``, ``R``, ``DT``, ``TM``,
    ``ID``, ``AN``), or ``None`` when it is."""
    if kind.startswith("N") and is_digits(kind[1:]):
        return None if _NUMERIC.fullmatch(value) else "must hold digits only (numeric type)"
    if kind == "R":
        return None if _DECIMAL.fullmatch(value) else "must be a decimal number"
    if kind == "DT":
        return date_problem(value)
    if kind == "TM":
        return time_problem(value)
    return None


def date_problem(value: str) -> str | None:
    """CCYYMMDD or YYMMDD, and a real calendar date."""
    if len(value) not in (6, 8) or not is_digits(value):
        return "must be a date written CCYYMMDD (or YYMMDD)"
    return _calendar_problem(value)


@lru_cache(maxsize=4096)  # documents repeat the same few dates (at most 8 characters each)
def _calendar_problem(value: str) -> str | None:
    year = int(value[:-4]) if len(value) == 8 else 2000 + int(value[:2])
    month, day = int(value[-4:-2]), int(value[-2:])
    if not 1 <= month <= 12:
        return f"has month {month:02d}, which does not exist"
    if not 1 <= day <= monthrange(year, month)[1]:
        return f"has day {day:02d}, which month {month:02d} does not have"
    return None


def time_problem(value: str) -> str | None:
    """HHMM, HHMMSS, HHMMSSD or HHMMSSDD with a real hour, minute and second."""
    if not 4 <= len(value) <= 8 or len(value) == 5 or not is_digits(value):
        return "must be a time written HHMM, HHMMSS, HHMMSSD or HHMMSSDD"
    return _clock_problem(value)


@lru_cache(maxsize=4096)
def _clock_problem(value: str) -> str | None:
    hour, minute = int(value[:2]), int(value[2:4])
    second = int(value[4:6]) if len(value) >= 6 else 0
    if hour > 23 or minute > 59 or second > 59:
        return f"{value[:2]}:{value[2:4]} is not a time of day"
    return None
