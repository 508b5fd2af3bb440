"""Business checks every retailer relies on (EDI5xx), on by default: GS1 check digits, CTT
counts and hash totals, the 810 total, the 856 HL shape, dates in a sensible order.

Each check reads the segments and the grammar stage's trees (no typed model is built for
them) and reports at the element concerned, with what was expected and what was found.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Final, Protocol

from edikit.grammar.hierarchy import Node, shape
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.datatypes import as_decimal, as_int, is_digits
from edikit.io.segment import Segment
from edikit.profiles.model import Hierarchy
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
PARENT_RULE: Final = "EDI511"
# BSN05 (1005) 0001: shipment, order, packaging, item (pick and pack).
PICK_AND_PACK_CODE: Final = "0001"


def check_business(parsed: ParsedTransaction, rules: RuleSet, emit: Emit) -> None:
    """The EDI5xx checks of one transaction set the grammar stage parsed."""
    if parsed.loop is None:
        return
    segments = parsed.all_segments()  # input order, as the loop tree holds them
    by_tag: dict[str, list[Segment]] = {}
    for segment in segments:  # one pass; each check then reads the segments it is about
        found = by_tag.get(segment.tag)
        if found is None:
            by_tag[segment.tag] = [segment]
        else:
            found.append(segment)
    if rules.is_on("EDI501") or rules.is_on("EDI502"):
        _check_identifiers(segments, by_tag, emit)
    set_id = parsed.set_id
    if set_id in ("850", "810"):
        _check_line_totals(by_tag, "PO1" if set_id == "850" else "IT1", emit)
    if set_id == "810":
        _check_invoice_total(segments, by_tag, emit)
    if set_id == "856":
        _check_ship_notice(parsed, by_tag, rules, emit)
    _check_dates(set_id, by_tag, emit)


ByTag = dict[str, list[Segment]]


def _check_identifiers(segments: list[Segment], by_tag: ByTag, emit: Emit) -> None:
    carriers = [tag for tag in by_tag if tag in PRODUCT_ID_PAIRS or tag == "MAN"]
    if len(carriers) > 1:  # findings go in input order
        chosen = frozenset(carriers)
        listed = [s for s in segments if s.tag in chosen]
    else:
        listed = by_tag[carriers[0]] if carriers else []
    for segment in listed:
        pairs = PRODUCT_ID_PAIRS.get(segment.tag)
        if pairs is not None:
            elements = segment.elements
            first, last = pairs
            ids = tuple(elements[first : last + 1])
            if ids in _GOOD_IDS:
                continue
            good = True
            for number in range(first, min(last, len(elements) - 1), 2):
                qualifier, value = elements[number], elements[number + 1]
                if value and qualifier in GTIN_QUALIFIERS:
                    if _good_gtin(value, GTIN_QUALIFIERS[qualifier]):
                        continue
                    good = False
                    problem = gtin_problem(value, qualifier)
                    if problem is not None:
                        name = f"{segment.tag}{number + 1:02d}"
                        args = {"element": name, "qualifier": qualifier, "problem": problem}
                        emit("EDI501", segment, number + 1, "default", value=value, **args)
            if good:
                if len(_GOOD_IDS) >= MAX_GOOD_IDS:
                    _GOOD_IDS.clear()
                _GOOD_IDS.add(ids)
        else:
            for number in (1, 4):
                qualifier, value = segment[number], segment[number + 1]
                name = f"MAN{number + 1:02d}"
                code, problem = None, None
                if value and qualifier == SSCC_QUALIFIER:
                    if _good_gs1(value, _SSCC_LENGTHS):
                        continue
                    code, problem = "EDI502", sscc_problem(value)
                elif value and qualifier == CASE_CODE_QUALIFIER:
                    code, problem = "EDI501", gtin_problem(value, "UK")
                if code is not None and problem is not None:
                    args = {"element": name, "qualifier": qualifier, "problem": problem}
                    emit(code, segment, number + 1, "default", value=value, **args)


# The product ID elements of lines found good (documents name the same products on line
# after line): the pairs are read from the first element in steps of two, whatever the
# segment, so the values alone decide. Bounded: a hostile input could name many.
MAX_GOOD_IDS: Final = 8_192
_GOOD_IDS: set[tuple[str, ...]] = set()

# An SSCC-18, or 20 digits with the application identifier 00 in front (see sscc_problem).
_SSCC_LENGTHS: Final = (18, 20)


def _good_gs1(value: str, lengths: tuple[int, ...]) -> bool:
    """A quick yes for a GS1 key of one of ``lengths`` digits whose check digit is right
    (``gtin_problem``/``sscc_problem`` say why anything else is not); the 20-digit SSCC must
    start with 00. The mod-10 sum over the whole key, check digit included (weight 1, then 3,
    1...), is a multiple of ten for a right check digit; ASCII codes summed at C speed."""
    size = len(value)
    if size not in lengths or not is_digits(value):
        return False
    if size == 20 and not value.startswith("00"):
        return False
    raw = value.encode("ascii")
    single, tripled = raw[-1::-2], raw[-2::-2]
    total = sum(single) - 48 * len(single) + 3 * (sum(tripled) - 48 * len(tripled))
    return total % 10 == 0


# Documents name the same products on line after line (an invoice of thousands of lines, a few
# hundred UPCs): each product ID is judged once. (SSCCs are each written once: not kept.)
_good_gtin: Final = lru_cache(maxsize=4096)(_good_gs1)


def _first(by_tag: ByTag, tag: str) -> Segment | None:
    found = by_tag.get(tag)
    return found[0] if found else None


def _check_line_totals(by_tag: ByTag, line_tag: str, emit: Emit) -> None:
    """CTT01 = the number of line items; CTT02 (when sent) = the sum of their quantities."""
    ctt = _first(by_tag, "CTT")
    if ctt is None:
        return
    lines = by_tag.get(line_tag, [])
    declared = as_int(ctt[1])
    if declared is not None and declared != len(lines):
        emit("EDI503", ctt, 1, "lines", declared=declared, count=len(lines), segment=line_tag)
    hash_total = as_decimal(ctt[2])
    if hash_total is not None:
        quantities = [_decimal(line[2]) for line in lines]
        with localcontext(prec=_EXACT_DIGITS):
            total = sum((q for q in quantities if q is not None), Decimal(0))
        if total != hash_total:
            emit(
                "EDI504", ctt, 2, "default", declared=ctt[2], segment=line_tag, total=_plain(total)
            )


def _check_invoice_total(segments: list[Segment], by_tag: ByTag, emit: Emit) -> None:
    """TDS01 (two implied decimals) = the lines' quantity x unit price, each rounded to the
    cent, plus charges (SAC01 C) minus allowances (SAC01 A), SAC05 also in cents."""
    tds = _first(by_tag, "TDS")
    declared = as_int(tds[1], signed=True) if tds is not None else None
    if tds is None or declared is None:
        return
    cents = 0
    for segment in by_tag.get("IT1", ()):
        amount = _line_cents(segment[2], segment[4])
        if amount is None:
            return  # a line without an amount: the total cannot be recomputed
        cents += amount
    for segment in by_tag.get("SAC", ()):
        amount = as_int(segment[5], signed=True)
        if amount is not None:
            cents += {"C": 1, "A": -1}.get(segment[1], 0) * amount
    if declared != cents:
        amounts = {"declared_amount": _money(declared), "amount": _money(cents)}
        emit("EDI505", tds, 1, "default", declared=tds[1], cents=cents, **amounts)


@lru_cache(maxsize=4096)  # lines repeat quantity and price: each pair is multiplied once
def _line_cents(quantity: str, price: str) -> int | None:
    """Quantity x unit price of a line, rounded to the cent, in cents (None without both)."""
    number, each = as_decimal(quantity), as_decimal(price)
    if number is None or each is None:
        return None
    with localcontext(prec=_EXACT_DIGITS):
        return int((number * each).quantize(CENT) * 100)


# Quantities repeat: each is read once (a Decimal is immutable, so one is shared).
_decimal: Final = lru_cache(maxsize=4096)(as_decimal)


def _check_ship_notice(
    parsed: ParsedTransaction, by_tag: ByTag, rules: RuleSet, emit: Emit
) -> None:
    hls = by_tag.get("HL", [])
    ctt = _first(by_tag, "CTT")
    declared = as_int(ctt[1]) if ctt is not None else None
    counts = rules.params(CTT_RULE).get("asn", "hl")
    if ctt is not None and declared is not None and counts != "none":
        if counts == "hl":
            expected, what = len(hls), "HL segments"
        elif counts == "lines":
            expected, what = len(by_tag.get("LIN", [])), "line items (LIN)"
        else:
            expected, what = sum(1 for hl in hls if hl[3] == "I"), "item (HL03 I) levels"
        if declared != expected:
            emit("EDI503", ctt, 1, "hl", declared=declared, count=expected, what=what)
    if parsed.hierarchy is None or any(v.code in BROKEN_TREE for v in parsed.violations):
        return  # no tree, or a broken one: its shape would say nothing more
    misplaced = 0
    bsn = _first(by_tag, "BSN")
    table = _hierarchy_table(rules)  # the profile's table then says where levels go
    pick_and_pack = bsn is not None and bsn[5] == PICK_AND_PACK_CODE
    if pick_and_pack and rules.is_on(PARENT_RULE) and table is None:
        misplaced = _check_pick_and_pack_items(list(parsed.hierarchy), emit)
    # The table's shapes for this BSN05 are checked at BSN05 (rules/profile/guideline.py): the
    # general shape check would report the same tree again at the first HL.
    shaped_by_table = table is not None and bsn is not None and bsn[5] in table.structures
    if (
        not rules.is_on(SHAPE_RULE)
        or misplaced
        or shaped_by_table
        or (table is not None and SHAPE_RULE not in rules.enabled)
    ):
        return  # each misplaced item, or the table's finding at BSN05, says it already
    found = shape(list(parsed.hierarchy))
    allowed = rules.params(SHAPE_RULE).get("allowed") or ()
    accepted = tuple(str(name) for name in allowed) if isinstance(allowed, list | tuple) else ()
    if hls and found not in accepted:
        emit("EDI506", hls[0], 3, "default", shape=found, accepted=" or ".join(accepted))


def _hierarchy_table(rules: RuleSet) -> Hierarchy | None:
    """The 856 hierarchy as the profile's table, if it gives one: it decides where each level
    may stand, and the tree's shape unless the profile also names asn.shapes."""
    profile = rules.profile
    narrowing = profile.transactions.get("856") if profile is not None else None
    return narrowing.hierarchy if narrowing is not None else None


def _check_pick_and_pack_items(roots: list[Node], emit: Emit) -> int:
    """BSN05 0001 (shipment, order, packaging, item): an item level straight under the
    shipment is EDI511 at its HL02. Returns how many were found."""
    found = 0
    for root in roots:
        for node in root.walk():
            if node.level != "S":
                continue
            for child in node.children:
                if child.level == "I":
                    found += 1
                    emit(
                        PARENT_RULE,
                        child.hl,
                        2,
                        "default",
                        level="I",
                        number=child.hl[1],
                        parent="S",
                        parent_number=node.hl[1],
                        allowed="a pack (P) level, as BSN05 0001 (pick and pack) says",
                    )
    return found


# (set, earlier segment, element, later segment, element, what the two dates are)
_DATE_ORDER: Final = {
    "850": [
        ("DTM:037", "DTM:038", "ship not before (DTM 037)", "ship no later (DTM 038)"),
        ("DTM:010", "DTM:002", "requested ship (DTM 010)", "delivery requested (DTM 002)"),
    ],
    "810": [("BIG:3", "BIG:1", "purchase order date (BIG03)", "invoice date (BIG01)")],
    "855": [("BAK:4", "BAK:9", "purchase order date (BAK04)", "acknowledgment date (BAK09)")],
}


def _check_dates(set_id: str, by_tag: ByTag, emit: Emit) -> None:
    for first, second, first_name, second_name in _DATE_ORDER.get(set_id, ()):
        early, late = _find_date(by_tag, first), _find_date(by_tag, second)
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


def _find_date(by_tag: ByTag, where: str) -> tuple[str, Segment, int] | None:
    tag, key = where.split(":")
    for segment in by_tag.get(tag, ()):
        if tag == "DTM":
            if segment[1] == key and _is_date(segment[2]):
                return segment[2], segment, 2
        elif _is_date(segment[int(key)]):
            return segment[int(key)], segment, int(key)
    return None


def _is_date(value: str) -> bool:
    return len(value) == 8 and is_digits(value)


def _plain(number: Decimal) -> str:
    with localcontext(prec=_EXACT_DIGITS):
        return format(number.normalize(), "f")


def _money(cents: int) -> str:
    """Cents as an amount, exactly (a float would round, or overflow, on a long number)."""
    digits = str(abs(cents)).rjust(3, "0")
    return f"{'-' if cents < 0 else ''}{digits[:-2]}.{digits[-2:]}"
