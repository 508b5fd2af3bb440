"""L1 dictionary data: segments, elements, composites and code lists per version, compiled
into the specs the element checks read (``edikit.rules.standard.elements``).

Data: ``_data/<version>/`` for every version in ``edikit.x12.structure.VERSIONS`` (sources,
checks and what is unverified: ``_data/SOURCE.md``). ``codes.json`` holds only code values
(one space-separated string per element); their meanings live in ``_data/meanings.json.gz``
and are read only by ``edikit.x12.codes``.

A version's specs are compiled a segment at a time, on first lookup: a small file uses a
dozen of the hundred-odd segments, and an element's code set (up to 1,700 codes) is built
only when a segment that holds the element is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Final

from edikit.io.datatypes import date_problem, is_digits, time_problem

_NOTE: Final = re.compile(r"([PRECL])((?:\d\d)+)")
_DECIMAL: Final = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")


@dataclass(frozen=True, slots=True)
class ElementSpec:
    """One element (or component) position as the dictionary defines it.

    ``codes`` is None when edikit checks no codes for the element (not an ID element, or one
    whose codes come from outside X12: country, currency, SCAC...). ``codes_complete`` says
    whether ``codes`` is every code the version defines; where it is not, ``codes_why`` says
    why. ``version`` is the version of the tables the spec was compiled from.
    """

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
    codes_why: str = ""
    version: str = ""
    designator: str = "O"  # M mandatory, O optional, X conditional (a syntax note decides)
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
    version: str = ""


def _load(version: str, name: str) -> Any:
    folder = resources.files("edikit.x12") / "_data" / version
    return json.loads((folder / f"{name}.json").read_text("utf-8"))


class _Codes:
    """One version's code values (``codes.json``), each element's set built on first use.

    ``{"complete": {de: "A B C"}, "partial": {de: {"codes": "...", "why": "..."}}}``. A
    partial list with no codes (an external code source) is not checked.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._complete: dict[str, str] = data["complete"]
        self._partial: dict[str, dict[str, str]] = data["partial"]
        self._sets: dict[str, frozenset[str] | None] = {}

    def lookup(self, de: str) -> tuple[frozenset[str] | None, bool, str]:
        """(the element's codes or None if edikit checks none, whether the list is complete,
        why it is not)."""
        complete = de in self._complete
        partial = self._partial.get(de, {})
        if de not in self._sets:
            text = self._complete[de] if complete else partial.get("codes", "")
            self._sets[de] = frozenset(text.split()) or None
        return self._sets[de], complete, partial.get("why", "")


class SegmentTable(Mapping[str, SegmentSpec]):
    """Every segment of one version, each compiled to a :class:`SegmentSpec` on first lookup."""

    def __init__(self, version: str) -> None:
        self.version = version
        self._raw: dict[str, Any] = _load(version, "segments")
        self._compiled: dict[str, SegmentSpec] = {}
        self._parts: tuple[dict[str, Any], dict[str, Any], _Codes] | None = None

    def __getitem__(self, tag: str) -> SegmentSpec:
        spec = self._compiled.get(tag)
        if spec is None:
            spec = self._compiled[tag] = self._compile(tag, self._raw[tag])
        return spec

    def get(self, tag: str, default: Any = None) -> Any:  # the checks' path: no KeyError
        spec = self._compiled.get(tag)
        if spec is not None:
            return spec
        return self[tag] if tag in self._raw else default

    def __contains__(self, tag: object) -> bool:
        return tag in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def _compile(self, tag: str, segment: dict[str, Any]) -> SegmentSpec:
        if self._parts is None:
            version = self.version
            composites = _load(version, "composites")
            self._parts = (_load(version, "elements"), composites, _Codes(_load(version, "codes")))
        elements, composites, codes = self._parts
        items = tuple(
            _element(number, entry, elements, composites, codes, self.version)
            for number, entry in enumerate(segment["elements"], start=1)
        )
        notes = tuple(_note(text) for text in segment.get("syntax", []))
        required = tuple(item for item in items if item.required)
        return SegmentSpec(tag, segment["name"], items, notes, required, self.version)


@cache
def segment_specs(version: str) -> SegmentTable:
    """Every segment of ``version`` (one of ``edikit.x12.structure.VERSIONS``) as a compiled
    spec, by segment ID."""
    return SegmentTable(version)


def _element(
    position: int,
    entry: dict[str, Any],
    elements: dict[str, Any],
    composites: dict[str, Any],
    codes: _Codes,
    version: str,
) -> ElementSpec:
    required = entry["req"] == "M"
    repeat = int(entry.get("repeat", 1))
    if "composite" in entry:
        composite = composites[entry["composite"]]
        parts = tuple(
            _simple(number, part["de"], part["req"], elements, codes, version)
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
            version=version,
            designator=entry["req"],
        )
    spec = _simple(position, entry["de"], entry["req"], elements, codes, version)
    return spec if repeat == 1 else replace(spec, repeat=repeat)


def _simple(
    position: int,
    de: str,
    designator: str,
    elements: dict[str, Any],
    codes: _Codes,
    version: str,
) -> ElementSpec:
    element = elements[de]
    known, complete, why = codes.lookup(de)
    return ElementSpec(
        position=position,
        reference=de,
        name=element["name"],
        kind=element["type"],
        minimum=int(element["min"]),
        maximum=int(element["max"]),
        required=designator == "M",
        codes=known,
        codes_complete=complete and known is not None,
        unverified=bool(element.get("unverified", False)),
        codes_why="" if complete else why,
        version=version,
        designator=designator,
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
    if kind == "DT":  # CCYYMMDD from 004010 on, YYMMDD before (the element's length says)
        return lambda v: minimum <= len(v) <= maximum and date_problem(v) is None
    if kind == "TM":  # HHMM only in 003010; HHMMSS and longer later
        return lambda v: minimum <= len(v) <= maximum and time_problem(v) is None
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
