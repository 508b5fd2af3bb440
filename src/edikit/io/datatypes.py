"""X12 simple data element types (``shared/reference/x12-syntax-rules.md``): checks that say
what is wrong with a value in words a person can act on.

Lengths follow the standard's counting: for numeric types (Nn, R) the minus sign and the
decimal point do not count toward the length.
"""

from __future__ import annotations

import re
from calendar import monthrange
from functools import lru_cache
from typing import Final

_NUMERIC: Final = re.compile(r"-?\d+")
_DECIMAL: Final = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:E-?\d+)?")
_DIGITS: Final = re.compile(r"\d+")


def counted_length(value: str, kind: str) -> int:
    """The length the standard counts: a minus sign, and the decimal point of an R, are free.
    (Other characters count: a value with letters in a numeric element is too long as well
    as of the wrong type, and both are reported.)"""
    if kind == "R" or (kind.startswith("N") and kind[1:].isdigit()):
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
    if kind.startswith("N") and kind[1:].isdigit():
        return None if _NUMERIC.fullmatch(value) else "must hold digits only (numeric type)"
    if kind == "R":
        return None if _DECIMAL.fullmatch(value) else "must be a decimal number"
    if kind == "DT":
        return date_problem(value)
    if kind == "TM":
        return time_problem(value)
    return None


@lru_cache(maxsize=4096)  # documents repeat the same few dates
def date_problem(value: str) -> str | None:
    """CCYYMMDD or YYMMDD, and a real calendar date."""
    if not _DIGITS.fullmatch(value) or len(value) not in (6, 8):
        return "must be a date written CCYYMMDD (or YYMMDD)"
    year = int(value[:-4]) if len(value) == 8 else 2000 + int(value[:2])
    month, day = int(value[-4:-2]), int(value[-2:])
    if not 1 <= month <= 12:
        return f"has month {month:02d}, which does not exist"
    if not 1 <= day <= monthrange(year, month)[1]:
        return f"has day {day:02d}, which month {month:02d} does not have"
    return None


@lru_cache(maxsize=4096)
def time_problem(value: str) -> str | None:
    """HHMM, HHMMSS, HHMMSSD or HHMMSSDD with a real hour, minute and second."""
    if not _DIGITS.fullmatch(value) or not 4 <= len(value) <= 8 or len(value) == 5:
        return "must be a time written HHMM, HHMMSS, HHMMSSD or HHMMSSDD"
    hour, minute = int(value[:2]), int(value[2:4])
    second = int(value[4:6]) if len(value) >= 6 else 0
    if hour > 23 or minute > 59 or second > 59:
        return f"{value[:2]}:{value[2:4]} is not a time of day"
    return None
