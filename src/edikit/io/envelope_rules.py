"""What the envelope stage checks in ISA, GS, GE, ST, SE and IEA elements, from the tables in
``_data/envelope.json`` (element types and lengths, ISA value lists, interchange versions,
version/release codes, GS01, GS07 and ST01 codes, the GS01 of each transaction set). Each
check yields ``(element, variant, args)``: the element it is about, and the message variant
and template arguments of its finding; the reader makes the findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from edikit.io.datatypes import is_digits, length_problem, type_problem
from edikit.io.delimiters import ISA_WIDTHS, REPETITION_FROM_VERSION
from edikit.io.segment import Segment
from edikit.vocabulary import Argument

# (element number, message variant, template arguments)
Finding = tuple[int, str, dict[str, Argument]]
SERVICE_SEGMENTS: Final = frozenset({"TA1", "TA3", "ISB", "ISE"})
ENVELOPE_SEGMENTS: Final = frozenset({"ISA", "IEA", "GS", "GE", "ST", "SE"}) | SERVICE_SEGMENTS
ISA_ELEMENTS: Final = 16


@dataclass(frozen=True, slots=True)
class ElementSpec:
    kind: str
    minimum: int
    maximum: int
    mandatory: bool


@dataclass(frozen=True, slots=True)
class CodeList:
    what: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class EnvelopeTables:
    elements: dict[str, tuple[ElementSpec, ...]]
    isa_codes: dict[int, CodeList]
    codes: dict[str, CodeList]  # GS01, GS07, ST01
    functional_groups: dict[str, tuple[str, ...]]
    interchange_versions: frozenset[str]  # ISA12 (I11)
    releases: frozenset[str]  # what GS08 starts with (480's version/release codes)


@cache
def tables() -> EnvelopeTables:
    text = (resources.files("edikit.io") / "_data" / "envelope.json").read_text("utf-8")
    data = json.loads(text)
    return EnvelopeTables(
        elements={
            tag: tuple(ElementSpec(*spec) for spec in specs)
            for tag, specs in data["elements"].items()
        },
        isa_codes={
            int(number): CodeList(entry["what"], frozenset(entry["codes"]))
            for number, entry in data["isa_codes"].items()
        },
        codes={
            name: CodeList(entry["what"], frozenset(entry["codes"]))
            for name, entry in data["codes"].items()
        },
        functional_groups={
            set_id: tuple(groups) for set_id, groups in data["functional_groups"].items()
        },
        interchange_versions=frozenset(data["interchange_versions"]),
        releases=frozenset(data["releases"]),
    )


def functional_groups(set_id: str) -> tuple[str, ...]:
    """The GS01 codes transaction set ``set_id`` belongs under (almost always one; none for a
    set X12's table of functional groups does not place)."""
    return tables().functional_groups.get(set_id, ())


def element_findings(segment: Segment) -> Iterator[Finding]:
    """EDI105/EDI106 findings for a GS, GE, ST, SE or IEA: the element count, then each
    element's presence, length, type and code (GS04 by the group's version)."""
    spec = tables().elements[segment.tag]
    count = len(segment)
    if count > len(spec):
        yield len(spec) + 1, "default", {"tag": segment.tag, "count": count, "defined": len(spec)}
    for number, element in enumerate(spec, start=1):
        value = segment[number]
        name = f"{segment.tag}{number:02d}"
        if not value:
            if element.mandatory:
                yield number, "missing", {"element": name}
            continue
        if segment.tag == "GS" and number == 4:
            yield from _group_date(segment, value)
            continue
        yield from _value_findings(name, number, value, element)


def _value_findings(name: str, number: int, value: str, element: ElementSpec) -> Iterator[Finding]:
    found = False
    for problem in (
        length_problem(value, element.kind, element.minimum, element.maximum),
        type_problem(value, element.kind),
    ):
        if problem is not None:
            found = True
            yield number, "default", {"element": name, "value": value, "problem": problem}
    if found:
        return
    if element.kind == "AN" and value.isspace():
        # an application sender or receiver of spaces names nobody (GS02, GS03)
        yield number, "blank", {"element": name}
        return
    codes = tables().codes.get(name)
    if codes is not None and value not in codes.codes:
        yield number, "code", {"element": name, "value": value, "what": codes.what}
    elif name == "GS08" and value[:6] not in tables().releases:
        yield number, "release", {"value": value}


def _group_date(gs: Segment, value: str) -> Iterator[Finding]:
    """GS04 is CCYYMMDD from version 004 on and YYMMDD before (variant ``short_date``: six
    digits where eight are required)."""
    release = gs[8][:6]
    old_group = is_digits(release) and release < "004000"
    problem = type_problem(value, "DT")
    if problem is None and len(value) == 6 and not old_group:
        args: dict[str, Argument] = {"value": value, "version": gs[8]}
        yield 4, "short_date", args
    elif problem is not None:
        yield 4, "default", {"element": "GS04", "value": value, "problem": problem}


def isa_findings(isa: Segment) -> Iterator[tuple[str, Finding]]:
    """(code, finding) for an ISA: EDI106 for the wrong number of elements, then EDI102 for
    each element of the wrong width and EDI103 for each value the standard does not allow."""
    fields = isa.elements
    if len(fields) != ISA_ELEMENTS + 1:
        yield "EDI106", (0, "isa", {"count": len(fields) - 1})
        return
    for number, width in enumerate(ISA_WIDTHS, start=1):
        length = len(fields[number])
        if length != width:
            yield (
                "EDI102",
                (number, "default", {"element": number, "length": length, "width": width}),
            )
    for finding in _isa_values(fields):
        yield "EDI103", finding


def _isa_values(fields: list[str]) -> Iterator[Finding]:
    for number, codes in tables().isa_codes.items():
        if number in (14, 15):
            continue  # after the version and control number, in element order
        if fields[number] not in codes.codes:
            yield (
                number,
                "default",
                {"element": number, "value": fields[number], "what": codes.what},
            )
    for number in (6, 8):
        if not fields[number].strip():
            yield number, "blank", {"element": number}
    for number, kind in ((9, "DT"), (10, "TM")):
        # A value of the wrong width is reported once, as EDI102.
        if len(fields[number]) == ISA_WIDTHS[number - 1]:
            problem = type_problem(fields[number], kind)
            if problem is not None:
                yield (
                    number,
                    "value",
                    {"element": number, "value": fields[number], "problem": problem},
                )
    yield from _isa_version(fields)
    if not (len(fields[13]) == 9 and is_digits(fields[13])):
        yield 13, "control", {"value": fields[13]}
    for number in (14, 15):
        codes = tables().isa_codes[number]
        if fields[number] not in codes.codes:
            yield (
                number,
                "default",
                {"element": number, "value": fields[number], "what": codes.what},
            )


def _isa_version(fields: list[str]) -> Iterator[Finding]:
    version, separator = fields[12], fields[11]
    if version not in tables().interchange_versions:
        yield 12, "version", {"value": version}
    elif version < REPETITION_FROM_VERSION and separator != "U":
        yield 11, "standards", {"value": separator, "version": version}
    elif version >= REPETITION_FROM_VERSION and (len(separator) != 1 or separator.isalnum()):
        yield 11, "repetition", {"value": separator, "version": version}


def same_number(first: str, second: str) -> bool:
    """Whether two control numbers agree; numbers compare by value (GS06 ``000005`` = GE02
    ``5``: N0 has no leading-zero rule), anything else as written."""
    if is_digits(first) and is_digits(second):
        return first.lstrip("0") == second.lstrip("0")
    return first == second


def declared_count(declared: str, actual: int) -> str | None:
    """A count element (SE01, GE01, IEA01) as a message shows it when it is a number other
    than ``actual``; None when it matches, or is no number at all (its element check says
    so). Compared as digits, so that a count of any length is read without converting it."""
    if not is_digits(declared):
        return None
    said = declared.lstrip("0") or "0"
    if said == str(actual):
        return None
    return said if len(said) <= 20 else f"{said[:20]}... ({len(said)} digits)"
