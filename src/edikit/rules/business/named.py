"""Business rules a profile switches on by name (EDI508-EDI510, EDI512, EDI513): the brand's
GS1 company prefix in its SSCCs (``gs1.company_prefix``), one shipment per ship notice
(``asn.one_per_shipment``), each item once per invoice (``invoice.unique_item``), the ship
notice made within hours of the shipment leaving (``timing.ship_notice_made``), and an ACK in
each line of an 855 with detail (``ack.line_detail``)."""

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
from edikit.rules.crossdoc.context import when
from edikit.rules.crossdoc.timing import at, hours_between
from edikit.rules.profile.paths import all_loops, members
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Argument

COMPANY_PREFIX = "EDI508"
ONE_SHIPMENT = "EDI509"
UNIQUE_ITEM = "EDI510"
NOTICE_MADE_LATE = "EDI512"
LINE_ACKNOWLEDGMENT = "EDI513"
# BAK02 (587) AC and AD: acknowledged with detail (and change, or no change): line by line.
WITH_DETAIL = frozenset({"AC", "AD"})
SHIPPED = "011"  # DTM01 (374): shipped


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
    if parsed.set_id == "856" and rules.is_on(NOTICE_MADE_LATE):
        _notice_made_late(parsed, rules, emit)
    if parsed.set_id == "855" and rules.is_on(LINE_ACKNOWLEDGMENT):
        _line_acknowledgments(parsed, emit)


def _notice_made_late(parsed: ParsedTransaction, rules: RuleSet, emit: Emit) -> None:
    """BSN03/BSN04 (when the ship notice was made) no later than the limit after the
    shipment left: the shipment level's DTM*011, else the heading's."""
    limit = rules.params(NOTICE_MADE_LATE).get("hours")
    bsn = next((s for s in parsed.segments if s.tag == "BSN"), None)
    if not isinstance(limit, int | float) or bsn is None:
        return
    made = at(bsn[3], bsn[4] or None, None)
    shipped = _shipped(parsed)
    if made is None or shipped is None:
        return
    moment = at(shipped[2], shipped[3] or None, shipped[4] or None)
    if moment is None:
        return
    took = hours_between(moment, made)
    if took > limit:
        args: dict[str, Argument] = {"shipped": when(moment), "made": when(made)}
        emit(NOTICE_MADE_LATE, bsn, 3, "default", hours=f"{took:.1f}", limit=limit, **args)


def _shipped(parsed: ParsedTransaction) -> Segment | None:
    """The DTM*011 of the first shipment level, else of the heading (before the first HL)."""
    heading: Segment | None = None
    seen_hl = in_shipment = False
    for segment in parsed.segments:
        if segment.tag == "HL":
            if in_shipment:
                break
            seen_hl, in_shipment = True, segment[3] == "S"
        elif segment.tag == "DTM" and segment[1] == SHIPPED:
            if in_shipment:
                return segment
            if not seen_hl and heading is None:
                heading = segment
    return heading


def _line_acknowledgments(parsed: ParsedTransaction, emit: Emit) -> None:
    """An 855 acknowledged with detail (BAK02 AC or AD) has an ACK in each PO1 loop."""
    bak = next((s for s in parsed.segments if s.tag == "BAK"), None)
    if bak is None or bak[2] not in WITH_DETAIL or parsed.loop is None:
        return
    for loop in all_loops(parsed.loop):
        po1 = loop.first
        if po1 is None or po1.tag != "PO1":
            continue
        if not any(s.tag == "ACK" for s in members(loop)):
            emit(LINE_ACKNOWLEDGMENT, po1, None, "default", line=po1[1], kind=bak[2])


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
