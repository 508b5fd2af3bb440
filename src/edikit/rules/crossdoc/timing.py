"""The clock arithmetic of the timing rules (EDI615-EDI617).

A document's event time is when it reached its receiver. The documents do not carry it, so
it is the time the caller says the file was received (``validate_set(received=...)``,
``--received``, or what the order book recorded), else the date and time the sender put in the
functional group (GS04/GS05), a proxy for when it was sent. A file's modification time is not
used: a copied or checked-out file has a new one.

Times without a zone are read as UTC. DTM04 time codes (623) with a fixed offset are applied;
local-time codes (ET, CT, MT, PT) use the zone's rules for that date. The code values are
from published guides, not an authoritative code list.
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from edikit.io.datatypes import is_digits
from edikit.io.segment import Segment

_FIXED_OFFSETS: Final = {
    "UT": 0, "GM": 0, "ES": -5, "ED": -4, "CS": -6, "CD": -5,
    "MS": -7, "MD": -6, "PS": -8, "PD": -7, "AS": -4, "AD": -3, "HS": -10,
}  # fmt: skip
_LOCAL_ZONES: Final = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}


def group_time(gs: Segment) -> dt.datetime | None:
    """GS04 (CCYYMMDD) and GS05 (HHMM[SS[d..]]) as a UTC time; None if not a real one."""
    return at(gs[4], gs[5], None)


def at(date_text: str, time_text: str | None, time_code: str | None) -> dt.datetime | None:
    """An X12 date (CCYYMMDD), time (HHMM, HHMMSS, HHMMSSd..) and DTM04 time code as an aware
    time; a missing time is the end of the day (the latest the date allows)."""
    if len(date_text) != 8 or not is_digits(date_text):
        return None  # strptime would read 2026111 as a date, and other digits than 0-9
    try:
        day = dt.date(int(date_text[:4]), int(date_text[4:6]), int(date_text[6:]))
    except ValueError:
        return None
    clock = _clock(time_text) if time_text else dt.time(23, 59, 59)
    if clock is None:
        return None
    return dt.datetime.combine(day, clock, tzinfo=_zone(time_code))


def _clock(text: str) -> dt.time | None:
    digits = text[:6]
    if len(digits) not in (4, 6) or not is_digits(digits):
        return None
    hour, minute = int(digits[:2]), int(digits[2:4])
    second = int(digits[4:6]) if len(digits) == 6 else 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def _zone(code: str | None) -> dt.tzinfo:
    if code in _LOCAL_ZONES:
        try:
            return ZoneInfo(_LOCAL_ZONES[code])
        except (KeyError, ValueError, OSError):  # no time zone database on this machine
            pass
    hours = _FIXED_OFFSETS.get(code or "", 0)
    return dt.timezone(dt.timedelta(hours=hours)) if hours else dt.UTC


def hours_between(earlier: dt.datetime, later: dt.datetime) -> float:
    return (_aware(later) - _aware(earlier)).total_seconds() / 3600


def business_days_after(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end`` (0 when ``end`` is
    not later). Public holidays are not known to edikit and count as business days."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    days = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            days += 1
    return days


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
