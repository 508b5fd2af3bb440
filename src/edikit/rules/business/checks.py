"""Business checks every retailer relies on (EDI5xx), on by default: GS1 check digits, CTT
counts and hash totals, the 810 total, the 856 HL shape, dates in a sensible order.

Each check reads the segments and the grammar stage's trees (no typed model is built for
them) and reports at the element concerned, with what was expected and what was found.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext
from typing import Final, Protocol

from edikit.grammar.hierarchy import shape
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.datatypes import as_decimal, as_int, is_digits
from edikit.io.segment import Segment
from edikit.rules.business.gs1 import GTIN_QUALIFIERS, gtin_problem, sscc_problem
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Argument

# Where segments carry product/service ID qualifier-value pairs: (first qualifier, end).
PRODUCT_ID_PAIRS: Final = {
    "PO1": (6, 25),
    "IT1": (6, 25),
    "LIN": (2, 31),
    "ACK": (7, 28),
    "SLN": (9, 28),
}
# MAN01 GM is the SSCC-18 (with its application identifier); UC is the U.P.C. shipping
# container code, a GTIN-14 (docs/rules/EDI508.md).
SSCC_QUALIFIER: Final = "GM"
CASE_CODE_QUALIFIER: Final = "UC"
CENT: Final = Decimal("0.01")
# Digits for the invoice total: quantity x price of numbers as_decimal reads (at most 64
# digits, exponents up to 99) and their sum, to the cent, stay exact well within this.
_EXACT_DIGITS: Final = 1000


class Emit(Protocol):
    """How a business check hands on a problem: the code, the segment and element it is at,
    the message variant and its template arguments."""

    def __call__(
        self, code: str, segment: Segment, element: int | None, variant: str, /, **args: Argument
    ) -> None: ...


# The parameters a profile may give (declared in the rules' rule.yaml): what CTT01 of an 856
# counts (EDI503 ``asn``) and the HL shapes accepted (EDI506 ``allowed``).
CTT_RULE: Final = "EDI503"
SHAPE_RULE: Final = "EDI506"
BROKEN_TREE: Final = frozenset({"EDI209", "EDI210"})


def check_business(parsed: ParsedTransaction, rules: RuleSet, emit: Emit) -> None:
    """The EDI5xx checks of one transaction set the grammar stage parsed."""
    if parsed.loop is None:
        return
    segments = parsed.all_segments()  # input order, as the loop tree holds them
    if rules.is_on("EDI501") or rules.is_on("EDI502"):
        _check_identifiers(segments, emit)
    set_id = parsed.set_id
    if set_id in ("850", "810"):
        _check_line_totals(segments, "PO1" if set_id == "850" else "IT1", emit)
    if set_id == "810":
        _check_invoice_total(segments, emit)
    if set_id == "856":
        _check_ship_notice(parsed, segments, rules, emit)
    _check_dates(set_id, segments, emit)


def _check_identifiers(segments: list[Segment], emit: Emit) -> None:
    for segment in segments:
        pairs = PRODUCT_ID_PAIRS.get(segment.tag)
        if pairs is not None:
            elements = segment.elements
            for number in range(pairs[0], min(pairs[1], len(elements) - 1), 2):
                qualifier, value = elements[number], elements[number + 1]
                if value and qualifier in GTIN_QUALIFIERS:
                    problem = gtin_problem(value, qualifier)
                    if problem is not None:
                        name = f"{segment.tag}{number + 1:02d}"
                        args = {"element": name, "qualifier": qualifier, "problem": problem}
                        emit("EDI501", segment, number + 1, "default", value=value, **args)
        elif segment.tag == "MAN":
            for number in (1, 4):
                qualifier, value = segment[number], segment[number + 1]
                name = f"MAN{number + 1:02d}"
                code, problem = None, None
                if value and qualifier == SSCC_QUALIFIER:
                    code, problem = "EDI502", sscc_problem(value)
                elif value and qualifier == CASE_CODE_QUALIFIER:
                    code, problem = "EDI501", gtin_problem(value, "UK")
                if code is not None and problem is not None:
                    args = {"element": name, "qualifier": qualifier, "problem": problem}
                    emit(code, segment, number + 1, "default", value=value, **args)


def _ctt(segments: list[Segment]) -> Segment | None:
    return next((s for s in segments if s.tag == "CTT"), None)


def _check_line_totals(segments: list[Segment], line_tag: str, emit: Emit) -> None:
    """CTT01 = the number of line items; CTT02 (when sent) = the sum of their quantities."""
    ctt = _ctt(segments)
    if ctt is None:
        return
    lines = [s for s in segments if s.tag == line_tag]
    declared = as_int(ctt[1])
    if declared is not None and declared != len(lines):
        emit("EDI503", ctt, 1, "lines", declared=declared, count=len(lines), segment=line_tag)
    hash_total = as_decimal(ctt[2])
    if hash_total is not None:
        quantities = [as_decimal(line[2]) for line in lines]
        with localcontext(prec=_EXACT_DIGITS):
            total = sum((q for q in quantities if q is not None), Decimal(0))
        if total != hash_total:
            emit(
                "EDI504", ctt, 2, "default", declared=ctt[2], segment=line_tag, total=_plain(total)
            )


def _check_invoice_total(segments: list[Segment], emit: Emit) -> None:
    """TDS01 (two implied decimals) = the lines' quantity x unit price, each rounded to the
    cent, plus charges (SAC01 C) minus allowances (SAC01 A), SAC05 also in cents."""
    tds = next((s for s in segments if s.tag == "TDS"), None)
    declared = as_int(tds[1], signed=True) if tds is not None else None
    if tds is None or declared is None:
        return
    cents = 0
    with localcontext(prec=_EXACT_DIGITS):
        for segment in segments:
            if segment.tag == "IT1":
                quantity, price = as_decimal(segment[2]), as_decimal(segment[4])
                if quantity is None or price is None:
                    return  # a line without an amount: the total cannot be recomputed
                cents += int((quantity * price).quantize(CENT) * 100)
            elif segment.tag == "SAC":
                amount = as_int(segment[5], signed=True)
                if amount is not None:
                    cents += {"C": 1, "A": -1}.get(segment[1], 0) * amount
    if declared != cents:
        amounts = {"declared_amount": _money(declared), "amount": _money(cents)}
        emit("EDI505", tds, 1, "default", declared=tds[1], cents=cents, **amounts)


def _check_ship_notice(
    parsed: ParsedTransaction, segments: list[Segment], rules: RuleSet, emit: Emit
) -> None:
    hls = [s for s in segments if s.tag == "HL"]
    ctt = _ctt(segments)
    declared = as_int(ctt[1]) if ctt is not None else None
    counts = rules.params(CTT_RULE).get("asn", "hl")
    if ctt is not None and declared is not None and counts != "none":
        if counts == "hl":
            expected, what = len(hls), "HL segments"
        else:
            expected, what = sum(1 for hl in hls if hl[3] == "I"), "item (HL03 I) levels"
        if declared != expected:
            emit("EDI503", ctt, 1, "hl", declared=declared, count=expected, what=what)
    if not rules.is_on(SHAPE_RULE) or parsed.hierarchy is None:
        return
    if any(v.code in BROKEN_TREE for v in parsed.violations):
        return  # the tree is broken already; its shape would say nothing more
    found = shape(list(parsed.hierarchy))
    allowed = rules.params(SHAPE_RULE).get("allowed") or ()
    accepted = tuple(str(name) for name in allowed) if isinstance(allowed, list | tuple) else ()
    if hls and found not in accepted:
        emit("EDI506", hls[0], 3, "default", shape=found, accepted=" or ".join(accepted))


# (set, earlier segment, element, later segment, element, what the two dates are)
_DATE_ORDER: Final = {
    "850": [
        ("DTM:037", "DTM:038", "ship not before (DTM 037)", "ship no later (DTM 038)"),
        ("DTM:010", "DTM:002", "requested ship (DTM 010)", "delivery requested (DTM 002)"),
    ],
    "810": [("BIG:3", "BIG:1", "purchase order date (BIG03)", "invoice date (BIG01)")],
    "855": [("BAK:4", "BAK:9", "purchase order date (BAK04)", "acknowledgment date (BAK09)")],
}


def _check_dates(set_id: str, segments: list[Segment], emit: Emit) -> None:
    for first, second, first_name, second_name in _DATE_ORDER.get(set_id, ()):
        early, late = _find_date(segments, first), _find_date(segments, second)
        if early is None or late is None:
            continue
        if late[0] < early[0]:
            dates = {"later_date": late[0], "earlier_date": early[0]}
            emit(
                "EDI507",
                late[1],
                late[2],
                "default",
                later=second_name,
                earlier=first_name,
                **dates,
            )


def _find_date(segments: list[Segment], where: str) -> tuple[str, Segment, int] | None:
    tag, key = where.split(":")
    for segment in _by_tag(segments, tag):
        if tag == "DTM":
            if segment[1] == key and _is_date(segment[2]):
                return segment[2], segment, 2
        elif _is_date(segment[int(key)]):
            return segment[int(key)], segment, int(key)
    return None


def _by_tag(segments: list[Segment], tag: str) -> Iterator[Segment]:
    return (s for s in segments if s.tag == tag)


def _is_date(value: str) -> bool:
    return len(value) == 8 and is_digits(value)


def _plain(number: Decimal) -> str:
    with localcontext(prec=_EXACT_DIGITS):
        return format(number.normalize(), "f")


def _money(cents: int) -> str:
    """Cents as an amount, exactly (a float would round, or overflow, on a long number)."""
    digits = str(abs(cents)).rjust(3, "0")
    return f"{'-' if cents < 0 else ''}{digits[:-2]}.{digits[-2:]}"
