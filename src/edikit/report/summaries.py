"""One line on what a loop or a document says, for the explained tree: ``Pack: SSCC
00008123450000000016``, ``Item: UPC 012345678905, 6 PR``, ``Purchase order 4500012345``.

Read from the segments (loops) or the facts the checks extracted (documents): nothing here
decides whether a value is right, the checks do.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from edikit.grammar.loops import Loop
from edikit.io.datatypes import is_digits
from edikit.io.segment import Segment
from edikit.report import dictionary
from edikit.rules.facts import (
    AcknowledgmentFacts,
    DocumentFacts,
    InvoiceFacts,
    OrderFacts,
    ShipNoticeFacts,
)

# Product ID qualifiers (235) named by their usual short name rather than the dictionary's.
_PRODUCT_NAMES = {"UP": "UPC", "EN": "EAN", "UK": "GTIN", "VN": "vendor item", "IN": "buyer item"}


def loop_summary(loop: Loop, version: str) -> tuple[str, str | None]:
    """What the loop is (its label) and what it holds (None when nothing short says it)."""
    first = loop.first
    if loop.name == "ST":
        return dictionary.set_name(version, first[1] if first else "") or "Transaction set", None
    if first is None:
        return loop.name, None
    if loop.name == "HL":
        return _level(loop, first, version)
    if first.tag == "N1":
        return _party(first, version)
    if first.tag in ("PO1", "IT1"):
        return f"Line {first[1]}" if first[1] else "Line", _line(first, version)
    return dictionary.segment_name(version, first.tag) or first.tag, None


def _level(loop: Loop, hl: Segment, version: str) -> tuple[str, str | None]:
    code = hl[3]
    label = dictionary.code_meaning(version, "735", code) or f"Level {code}".strip()
    parts: list[str] = []
    for segment in _own(loop):
        parts.extend(_level_part(segment, version))
    return f"{label} (HL {hl[1]})", ", ".join(parts) or None


def _level_part(segment: Segment, version: str) -> Iterator[str]:
    tag = segment.tag
    if tag == "PRF" and segment[1]:
        yield f"PO {segment[1]}"
    elif tag == "MAN" and segment[2]:
        yield f"SSCC {segment[2]}" if segment[1] == "GM" else f"{segment[1]} {segment[2]}"
    elif tag == "LIN":
        yield from _product_ids(segment, 2)
    elif tag == "SN1" and segment[2]:
        yield f"{segment[2]} {segment[3]}".strip() + " shipped"
    elif tag == "TD5" and segment[3]:
        yield f"carrier {segment[3]}"
    elif tag == "REF" and segment[1] == "BM" and segment[2]:
        yield f"bill of lading {segment[2]}"
    elif tag == "DTM" and segment[1] == "011" and segment[2]:
        yield f"shipped {_date(segment[2])}"
    elif tag == "N1" and segment[1] in ("ST", "BY", "Z7") and (segment[4] or segment[2]):
        who = dictionary.code_meaning(version, "98", segment[1]) or segment[1]
        yield f"{who.lower()} {segment[4] or segment[2]}"


def _own(loop: Loop) -> Iterator[Segment]:
    """The level's segments and those of its loops other than HL (N1 loops)."""
    for item in loop.items:
        if isinstance(item, Segment):
            yield item
        elif item.name != "HL":
            yield from item.walk()


def _party(n1: Segment, version: str) -> tuple[str, str | None]:
    label = dictionary.code_meaning(version, "98", n1[1]) or f"Party {n1[1]}".strip()
    qualifier = dictionary.code_meaning(version, "66", n1[3]) or n1[3]
    identifier = f"{qualifier} {n1[4]}".strip() if n1[4] else ""
    shown = " ".join(p for p in (n1[2], f"({identifier})" if identifier else "") if p)
    return label, shown or None


def _line(segment: Segment, version: str) -> str | None:
    parts = []
    if segment[2]:
        parts.append(f"{segment[2]} {segment[3]}".strip())
    parts.extend(_product_ids(segment, 6))
    if segment[4]:
        parts.append(f"at {segment[4]}")
    return ", ".join(parts) or None


def _product_ids(segment: Segment, start: int) -> Iterator[str]:
    """The qualifier/ID pairs from element ``start`` on (LIN02/03..., PO106/07...)."""
    for position in range(start, len(segment), 2):
        qualifier, value = segment[position], segment[position + 1]
        if qualifier and value:
            yield f"{_PRODUCT_NAMES.get(qualifier, qualifier)} {value}"


def _date(text: str) -> str:
    if len(text) == 8 and is_digits(text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


def document_summary(facts: DocumentFacts | None) -> str | None:
    """One sentence on what a document says, from its facts (None for a set without)."""
    if isinstance(facts, OrderFacts):
        return _order(facts)
    if isinstance(facts, AcknowledgmentFacts):
        kind = dictionary.code_meaning(facts.version, "587", facts.acknowledgment_type or "")
        about = f" ({kind})" if kind else ""
        lines = _count(len(facts.lines), "line")
        return f"Acknowledgment of PO {facts.purchase_order or '?'}{about}, {lines}"
    if isinstance(facts, ShipNoticeFacts):
        return _ship_notice(facts)
    if isinstance(facts, InvoiceFacts):
        units = sum((line.quantity or Decimal(0) for line in facts.lines), Decimal(0))
        return (
            f"Invoice {facts.number or '?'} for PO {facts.purchase_order or '?'}: "
            f"{_count(len(facts.lines), 'line')}, {_units(units)} units"
        )
    return None


def _order(facts: OrderFacts) -> str:
    purpose = dictionary.code_meaning(facts.version, "353", facts.purpose or "")
    units = sum((line.quantity or Decimal(0) for line in facts.lines), Decimal(0))
    text = f"Purchase order {facts.number or '?'}"
    if purpose:
        text += f" ({purpose.lower()})"
    if facts.date:
        text += f", dated {facts.date.isoformat()}"
    text += f": {_count(len(facts.lines), 'line')}, {_units(units)} units"
    window = [f"{label} {facts.dates[q].isoformat()}" for q, label in _WINDOW if q in facts.dates]
    if window:
        text += "; " + ", ".join(window)
    return text


_WINDOW = (("037", "ship not before"), ("038", "ship no later"), ("002", "deliver by"))


def _ship_notice(facts: ShipNoticeFacts) -> str:
    text = f"Shipment {facts.shipment_id or '?'}"
    if facts.shipped is not None and facts.shipped.date is not None:
        text += f", shipped {facts.shipped.date.isoformat()}"
    orders = sorted({o.purchase_order for o in facts.orders})
    items = sum(len(o.items) for o in facts.orders)
    text += f": {_count(len(orders), 'order')}"
    if orders:
        text += f" (PO {', '.join(orders[:3])}{', ...' if len(orders) > 3 else ''})"
    return text + f", {_count(len(facts.cartons), 'carton')}, {_count(items, 'item')}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _units(number: Decimal) -> str:
    return f"{number.normalize():f}"
