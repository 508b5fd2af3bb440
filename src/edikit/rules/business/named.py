"""Business rules a profile switches on by name (EDI508-EDI510): the brand's GS1 company
prefix in its SSCCs (``gs1.company_prefix``), one shipment per ship notice
(``asn.one_per_shipment``), each item once per invoice (``invoice.unique_item``)."""

from __future__ import annotations

from collections.abc import Iterator

from edikit.grammar.transaction import ParsedTransaction
from edikit.io.segment import Segment
from edikit.rules.business.checks import PRODUCT_ID_PAIRS, Emit
from edikit.rules.business.gs1 import (
    GTIN_QUALIFIERS,
    company_prefix_problem,
    gtin_problem,
    normalize_sscc,
    sscc_problem,
)
from edikit.rules.ruleset import RuleSet

COMPANY_PREFIX = "EDI508"
ONE_SHIPMENT = "EDI509"
UNIQUE_ITEM = "EDI510"


def check_named(parsed: ParsedTransaction, rules: RuleSet, emit: Emit) -> None:
    if parsed.loop is None:
        return
    if rules.is_on(COMPANY_PREFIX):
        _company_prefix(parsed.segments, rules, emit)
    if parsed.set_id == "856" and rules.is_on(ONE_SHIPMENT):
        shipments = [s for s in parsed.segments if s.tag == "HL" and s[3] == "S"]
        for extra in shipments[1:]:
            emit(ONE_SHIPMENT, extra, 3, "default", number=extra[1])
    if parsed.set_id == "810" and rules.is_on(UNIQUE_ITEM):
        _unique_items(parsed.segments, emit)


def _company_prefix(segments: list[Segment], rules: RuleSet, emit: Emit) -> None:
    configured = rules.params(COMPANY_PREFIX).get("prefixes", [])
    prefixes = [str(p) for p in configured] if isinstance(configured, list | tuple) else []
    if not prefixes:
        return
    for segment in segments:
        if segment.tag == "MAN" and segment[1] == "GM" and segment[2]:
            problem = company_prefix_problem(segment[2][-18:], prefixes)
            if problem is not None:
                emit(COMPANY_PREFIX, segment, 2, "default", problem=problem, value=segment[2])


def _unique_items(segments: list[Segment], emit: Emit) -> None:
    seen: dict[str, Segment] = {}
    for segment, number, value in gs1_identifiers(segments):
        if segment.tag != "IT1":
            continue
        if value in seen:
            emit(UNIQUE_ITEM, segment, number, "default", value=value, line=seen[value].line)
        else:
            seen[value] = segment


def gs1_identifiers(segments: list[Segment]) -> Iterator[tuple[Segment, int, str]]:
    """Valid SSCCs (MAN GM) and GTINs (product ID pairs), with their element numbers: a
    malformed one is EDI501/EDI502 already, and its prefix cannot be read."""
    for segment in segments:
        if segment.tag == "MAN" and segment[1] == "GM" and sscc_problem(segment[2]) is None:
            yield segment, 2, normalize_sscc(segment[2])
            continue
        pairs = PRODUCT_ID_PAIRS.get(segment.tag)
        if pairs is None:
            continue
        elements = segment.elements
        for number in range(pairs[0], min(pairs[1], len(elements) - 1), 2):
            qualifier, value = elements[number], elements[number + 1]
            if qualifier in GTIN_QUALIFIERS and value and gtin_problem(value, qualifier) is None:
                yield segment, number + 1, value
