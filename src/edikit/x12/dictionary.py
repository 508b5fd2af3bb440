"""L1 dictionary data: segments, elements, composites and code lists per version, compiled
into the specs the element checks read (``edikit.rules.standard.elements``).

Data: ``_data/<version>/`` for every version in ``edikit.x12.structure.VERSIONS`` (sources,
checks and what is unverified: ``_data/SOURCE.md``). ``codes.json`` holds only code values
(one space-separated string per element, read into a set once per element); their meanings
live in ``_data/meanings.json.gz`` and are read only by ``edikit.x12.codes``.

The checks still compile 004010 and 005010 from edikit's previous tables
(``_data/previous/<version>/``, ``PREVIOUS_TABLES``), so validation results stay as they were
until the checks switch to the complete tables (SOURCE.md, "Switching the checks").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Final

from edikit.io.datatypes import date_problem, is_digits, time_problem

# Externally coded elements (ISO currency and country codes, US state codes, postal codes,
# SCAC carrier codes, language, equipment type): the standard's types say ID, but their
# values come from lists outside X12, so edikit does not check them against a code list
# (src/edikit/x12/_data/SOURCE.md). The data marks these and the other
# external lists as partial with the reason (``codes.json`` "partial"); a partial list with
# no codes is not checked either.
EXTERNAL_CODE_LISTS: Final = frozenset({"100", "156", "116", "26", "819", "140", "24"})
# Versions whose checks read the tables edikit had before the complete dictionary landed
# (``_data/previous/``): ``segment_specs(version)`` compiles these unless told otherwise.
PREVIOUS_TABLES: Final = frozenset({"004010", "005010"})
# Composites of the previous tables whose components were partly inferred (findings on them
# are warnings); the complete tables mark doubtful composites in composites.json instead.
_PREVIOUS_UNVERIFIED_COMPOSITES: Final = frozenset({"C056", "C998", "C999"})
_NOTE: Final = re.compile(r"([PRECL])((?:\d\d)+)")
_DECIMAL: Final = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")


@dataclass(frozen=True, slots=True)
class ElementSpec:
    """One element (or component) position as the dictionary defines it."""

    position: int
    reference: str  # data element number, or composite ID
    name: str
    kind: str  # AN, ID, DT, TM, R, B, N0..N9; "composite" for a composite
    minimum: int
    maximum: int
    required: bool
    codes: frozenset[str] | None = None
    codes_complete: bool = False
    unverified: bool = False
    components: tuple[ElementSpec, ...] = ()
    repeat: int = 1
    # A quick test that a value is fine; when it says no (or is None), the element checks
    # look closer and say why. Most values pass, so this is where validation time goes.
    ok: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SyntaxNote:
    kind: str  # P, R, E, C or L (X12.6 syntax notes; docs/rules/EDI309.md)
    positions: tuple[int, ...]
    text: str  # as written, e.g. "P0304"

    needs: int  # elements a segment must have written before the note can fail (R: any)


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    tag: str
    name: str
    elements: tuple[ElementSpec, ...]
    notes: tuple[SyntaxNote, ...]

    required: tuple[ElementSpec, ...] = ()  # the mandatory elements, for a quick pass


def _load(version: str, name: str, previous: bool = False) -> Any:
    folder = resources.files("edikit.x12") / "_data"
    folder = folder / "previous" / version if previous else folder / version
    return json.loads((folder / f"{name}.json").read_text("utf-8"))


class _Codes:
    """One version's code values (``codes.json``), each element's set built on first use.

    ``{"complete": {de: "A B C"}, "partial": {de: {"codes": "...", "why": "..."}}}``; the
    previous tables' format (``{de: {code: meaning, "_partial": true}}``) is read too.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        if "complete" not in data:  # the previous tables' format
            data = {
                "complete": {
                    de: " ".join(c for c in codes if not c.startswith("_"))
                    for de, codes in data.items()
                    if not codes.get("_partial", False)
                },
                "partial": {
                    de: {"codes": " ".join(c for c in codes if not c.startswith("_"))}
                    for de, codes in data.items()
                    if codes.get("_partial", False)
                },
            }
        self._complete: dict[str, str] = data["complete"]
        self._partial: dict[str, dict[str, str]] = data["partial"]
        self._sets: dict[str, frozenset[str] | None] = {}

    def lookup(self, de: str) -> tuple[frozenset[str] | None, bool]:
        """(the element's codes or None if edikit checks none, whether the list is complete)."""
        complete = de in self._complete
        if de in EXTERNAL_CODE_LISTS:
            return None, False
        if de not in self._sets:
            text = self._complete[de] if complete else self._partial.get(de, {}).get("codes", "")
            self._sets[de] = frozenset(text.split()) or None
        return self._sets[de], complete


@cache
def segment_specs(version: str, previous: bool | None = None) -> dict[str, SegmentSpec]:
    """Every segment of ``version`` (one of ``edikit.x12.structure.VERSIONS``) as a compiled
    spec.

    ``previous`` chooses edikit's previous tables (``_data/previous/``) over the complete
    ones; by default the versions in ``PREVIOUS_TABLES`` (004010, 005010) use them, which is
    what the checks read today.
    """
    old = version in PREVIOUS_TABLES if previous is None else previous
    elements = _load(version, "elements", old)
    composites = _load(version, "composites", old)
    codes = _Codes(_load(version, "codes", old))
    if old:
        for name in _PREVIOUS_UNVERIFIED_COMPOSITES & composites.keys():
            composites[name] = {**composites[name], "unverified": True}
    specs: dict[str, SegmentSpec] = {}
    for tag, segment in _load(version, "segments", old).items():
        items = tuple(
            _element(number, entry, elements, composites, codes)
            for number, entry in enumerate(segment["elements"], start=1)
        )
        notes = tuple(_note(text) for text in segment.get("syntax", []))
        required = tuple(item for item in items if item.required)
        specs[tag] = SegmentSpec(tag, segment["name"], items, notes, required)
    return specs


def _element(
    position: int,
    entry: dict[str, Any],
    elements: dict[str, Any],
    composites: dict[str, Any],
    codes: _Codes,
) -> ElementSpec:
    required = entry["req"] == "M"
    repeat = int(entry.get("repeat", 1))
    if "composite" in entry:
        composite = composites[entry["composite"]]
        parts = tuple(
            _simple(number, part["de"], part["req"] == "M", elements, codes)
            for number, part in enumerate(composite["components"], start=1)
        )
        if composite.get("unverified", False):
            parts = tuple(replace(part, unverified=True) for part in parts)
        return ElementSpec(
            position,
            entry["composite"],
            composite["name"],
            "composite",
            0,
            0,
            required,
            components=parts,
            repeat=repeat,
        )
    spec = _simple(position, entry["de"], required, elements, codes)
    return spec if repeat == 1 else replace(spec, repeat=repeat)


def _simple(
    position: int, de: str, required: bool, elements: dict[str, Any], codes: _Codes
) -> ElementSpec:
    element = elements[de]
    known, complete = codes.lookup(de)
    return ElementSpec(
        position=position,
        reference=de,
        name=element["name"],
        kind=element["type"],
        minimum=int(element["min"]),
        maximum=int(element["max"]),
        required=required,
        codes=known,
        codes_complete=complete and known is not None,
        unverified=bool(element.get("unverified", False)),
        ok=quick_test(element["type"], int(element["min"]), int(element["max"]), known),
    )


def quick_test(
    kind: str, minimum: int, maximum: int, codes: frozenset[str] | None
) -> Callable[[str], bool] | None:
    """A fast yes for values that are certainly valid for the element (see ElementSpec.ok)."""
    if kind == "ID" and codes is not None:
        return codes.__contains__
    if kind in ("AN", "ID"):  # a control character takes the long way (EDI305)
        return lambda v: minimum <= len(v) <= maximum and not v.isspace() and v.isprintable()
    if kind.startswith("N") and is_digits(kind[1:]):
        return lambda v: minimum <= len(v) <= maximum and is_digits(v)
    if kind == "R":
        return lambda v: _DECIMAL.fullmatch(v) is not None and minimum <= _digits(v) <= maximum
    if kind == "DT":
        return lambda v: len(v) == 8 and date_problem(v) is None
    if kind == "TM":
        return lambda v: time_problem(v) is None
    return None


def _digits(value: str) -> int:
    return len(value) - value.startswith("-") - ("." in value)


def _note(text: str) -> SyntaxNote:
    match = _NOTE.fullmatch(text)
    if match is None:
        raise ValueError(f"syntax note {text!r} is not a P/R/E/C/L note")
    digits = match.group(2)
    positions = tuple(int(digits[i : i + 2]) for i in range(0, len(digits), 2))
    kind = match.group(1)
    return SyntaxNote(kind, positions, text, 0 if kind == "R" else min(positions) + 1)
