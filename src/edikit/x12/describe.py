"""Say what a segment, an element and a code mean, in a version's own words: the element's
name, type and length, and the meaning of the code it holds.

    >>> from edikit.x12.describe import describe_element
    >>> print(describe_element("004010", "BEG", 1, value="00"))
    BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory): 00 Original

The checks (an invalid code, EDI306), the reports and the typed segment views
(``SegmentView.describe``) use these; ``ParsedTransaction.describe`` describes a segment with
the tables its transaction set was read with. Names come from ``_data/<version>/elements.json``
and meanings from ``_data/meanings.json.gz`` (read on first use, never when a file is only
validated and found clean).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from edikit.io.segment import Segment
from edikit.x12.codes import code_list
from edikit.x12.dictionary import ElementSpec, SegmentSpec, segment_specs
from edikit.x12.structure import resolve_version

__all__ = [
    "CodeChoices",
    "ElementDescription",
    "SegmentDescription",
    "code_choices",
    "code_meaning",
    "describe_element",
    "describe_segment",
    "nearest_codes",
]

REQUIREMENT: Final = {"M": "mandatory", "O": "optional", "X": "conditional"}
MEANING_SHOWN: Final = 60  # characters of a code's meaning a one-line description shows
ALL_SHOWN: Final = 20  # a message names every code of an element with at most this many
NEAREST_SHOWN: Final = 4  # and the meanings of this many nearest codes
LISTED_BUDGET: Final = 190  # characters of codes and meanings one message argument holds
MAX_CODE_LENGTH: Final = 12  # the longest code of any list (480's)


@dataclass(frozen=True, slots=True)
class CodeChoices:
    """The codes a message offers in place of a wrong one: how many the element has, all of
    them (``"A, E, M, R, W, X"``; empty for a longer list) and the nearest with their
    meanings (``"M Rejected...; R Rejected"``), or the list's first ones when no code is near
    (``label`` says which)."""

    count: int
    every: str
    nearest: str
    label: str = "nearest"  # "first" when no code starts as the wrong one does


@dataclass(frozen=True, slots=True)
class ElementDescription:
    """One element (or component) of a segment as a version's dictionary defines it, and the
    value it holds.

    ``meaning`` is the meaning of ``value`` when the element takes codes: ``None`` when it
    takes none (or holds no value), ``""`` when the code is in the list with no known
    meaning; ``is_code`` is whether the value is one of the codes edikit knows (None: the
    element has no list edikit checks).
    """

    reference: str  # BEG01, or TD504-2 for a component
    element: str  # data element number (353) or composite ID (C001)
    name: str
    kind: str  # AN, ID, DT, TM, R, N0..N9, B, or "composite"
    minimum: int
    maximum: int
    requirement: str  # mandatory, optional, conditional
    version: str
    value: str | None = None
    meaning: str | None = None
    is_code: bool | None = None

    def __str__(self) -> str:
        head = f"{self.reference} {self.name} ({self.element}, {self._form()}, {self.requirement})"
        if self.value is None:
            return head
        shown = self.value if self.meaning is None else _with_meaning(self.value, self.meaning)
        if self.is_code is False:
            shown += " (not a code of the element)"
        return f"{head}: {shown}"

    def _form(self) -> str:
        if self.kind == "composite":
            return "composite"
        return f"{self.kind} {self.minimum}/{self.maximum}"


@dataclass(frozen=True, slots=True)
class SegmentDescription:
    """A segment's name and the description of each element it writes (empty ones left out)."""

    tag: str
    name: str
    version: str
    elements: tuple[ElementDescription, ...]

    def __str__(self) -> str:
        lines = [f"{self.tag} {self.name} ({self.version})"]
        lines += [f"  {element}" for element in self.elements]
        return "\n".join(lines)


def describe_element(
    version: str,
    tag: str,
    position: int,
    component: int | None = None,
    value: str | None = None,
) -> ElementDescription | None:
    """Element ``position`` (1-based) of segment ``tag`` in ``version`` (a GS08 value such as
    ``004010VICS`` is read as the tables edikit reads it with), or its ``component``; with
    ``value``, what that value means. None when the version's tables have no such segment,
    element or component."""
    tables = resolve_version(version)[0]
    segment = segment_specs(tables).get(tag)
    if segment is None or not 1 <= position <= len(segment.elements):
        return None
    element = segment.elements[position - 1]
    reference = f"{tag}{position:02d}"
    if component is not None:
        if element.kind != "composite" or not 1 <= component <= len(element.components):
            return None
        element = element.components[component - 1]
        reference = f"{reference}-{component}"
    return _described(element, reference, tables, value)


def describe_segment(segment: Segment, version: str) -> SegmentDescription | None:
    """Every element ``segment`` writes, named and with its code's meaning, in ``version``'s
    tables (None for a segment those tables do not have)."""
    tables = resolve_version(version)[0]
    spec = segment_specs(tables).get(segment.tag)
    if spec is None:
        return None
    return SegmentDescription(spec.tag, spec.name, tables, _elements(segment, spec, tables))


def _elements(segment: Segment, spec: SegmentSpec, version: str) -> tuple[ElementDescription, ...]:
    found: list[ElementDescription] = []
    component = segment.delimiters.component
    for element in spec.elements:
        value = segment[element.position]
        if not value:
            continue
        reference = f"{segment.tag}{element.position:02d}"
        if element.kind != "composite":
            found.append(_described(element, reference, version, value))
            continue
        for part, text in zip(element.components, value.split(component), strict=False):
            if text:
                found.append(_described(part, f"{reference}-{part.position}", version, text))
    return tuple(found)


def _described(
    element: ElementSpec, reference: str, version: str, value: str | None
) -> ElementDescription:
    meaning, is_code = None, None
    if value is not None and element.kind == "ID":
        codes = code_list(version, element.reference)
        if codes is not None and codes.codes:
            meaning = codes.meaning(value)
            is_code = meaning is not None
    return ElementDescription(
        reference=reference,
        element=element.reference,
        name=element.name,
        kind=element.kind,
        minimum=element.minimum,
        maximum=element.maximum,
        requirement=REQUIREMENT.get(element.designator, "optional"),
        version=version,
        value=value,
        meaning=meaning,
        is_code=is_code,
    )


def code_meaning(version: str, element: str, code: str) -> str | None:
    """What ``code`` means in data element ``element`` of ``version``: None when it is not
    one of the element's codes, ``""`` when no public source gave a meaning."""
    codes = code_list(resolve_version(version)[0], element)
    return None if codes is None else codes.meaning(code)


def nearest_codes(
    version: str, element: str, value: str, limit: int = NEAREST_SHOWN
) -> tuple[str, ...]:
    """Up to ``limit`` codes of ``element`` closest to ``value`` (a code that is not one), in
    list order: those with the most leading characters in common, and among them the nearest
    in sorted order; the list's first codes when none starts as ``value`` does. Empty when
    the element has no codes in ``version``."""
    return _nearest(resolve_version(version)[0], element, value, limit)


@lru_cache(maxsize=1024)  # a wrong code is usually wrong many times over in one file
def _nearest(version: str, element: str, value: str, limit: int) -> tuple[str, ...]:
    ordered = _sorted_codes(version, element)
    wanted = value.upper()
    here = bisect_left(ordered, wanted)
    chosen: list[int] = []
    # Codes that share a prefix stand together in sorted order: take the longest prefix's
    # codes first, then widen it, each time the ones nearest to where the value would stand.
    for length in range(min(len(wanted), MAX_CODE_LENGTH), 0, -1):
        prefix = wanted[:length]
        low = bisect_left(ordered, prefix)
        high = bisect_left(ordered, prefix + "\x7f", low)
        chosen += _around(here, low, high, limit - len(chosen), set(chosen))
        if len(chosen) >= limit:
            break
    if not chosen:
        return ordered[:limit]
    return tuple(ordered[index] for index in sorted(chosen))


@lru_cache(maxsize=256)
def _sorted_codes(version: str, element: str) -> tuple[str, ...]:
    codes = code_list(version, element)
    return tuple(sorted(codes.codes)) if codes is not None else ()


def _around(here: int, low: int, high: int, count: int, taken: set[int]) -> list[int]:
    """Up to ``count`` places in ``[low, high)`` nearest to ``here``, leaving out ``taken``."""
    found: list[int] = []
    before, after = min(here, high) - 1, max(here, low)
    while len(found) < count and (before >= low or after < high):
        if after < high and (before < low or after - here <= here - before):
            candidate, after = after, after + 1
        else:
            candidate, before = before, before - 1
        if candidate not in taken:
            found.append(candidate)
    return found


def code_choices(version: str, element: str, value: str) -> CodeChoices:
    """What a message offers instead of ``value``, a code ``element`` does not have in
    ``version``: how many codes it has, all of them when they are few (``ALL_SHOWN``), and the
    nearest ones with their meanings."""
    codes = code_list(resolve_version(version)[0], element)
    if codes is None:
        return CodeChoices(0, "", "")
    count = len(codes)
    every = ", ".join(_sorted_codes(codes.version, element)) if count <= ALL_SHOWN else ""
    nearest = nearest_codes(version, element, value)
    label = "nearest" if value[:1].upper() in {code[:1] for code in nearest} else "first"
    return CodeChoices(count, every, listed(codes.codes, nearest), label)


def listed(codes: Mapping[str, str], chosen: Iterable[str], budget: int = LISTED_BUDGET) -> str:
    """``00 Original; 01 Cancellation``: codes with their meanings (cut short), within
    ``budget`` characters, for a message."""
    shown: list[str] = []
    used = 0
    for code in chosen:
        text = _with_meaning(code, codes.get(code, ""))
        if shown and used + len(text) + 2 > budget:
            break
        shown.append(text)
        used += len(text) + 2
    return "; ".join(shown)


def _with_meaning(code: str, meaning: str) -> str:
    if not meaning:
        return code
    if len(meaning) > MEANING_SHOWN:
        meaning = meaning[: MEANING_SHOWN - 1].rstrip() + "…"
    return f"{code} {meaning}"
