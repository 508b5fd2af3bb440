"""An 855 against its purchase order: every line answered once (EDI607, EDI608), each echoing
the PO line unless its status says what changed (EDI613), in time (EDI615)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from edikit.rules.crossdoc.context import (
    ACK_LATE,
    Arrival,
    Checks,
    describe_ids,
    hours,
    matching_line,
    plain,
    product_keys,
    when,
)
from edikit.rules.crossdoc.ledger import Order
from edikit.rules.crossdoc.timing import hours_between
from edikit.rules.crossdoc.units import in_line_unit
from edikit.rules.facts import AcknowledgedLine, AcknowledgmentFacts, OrderLine, Place

# BAK02 (587) answers that carry every PO line: with detail and change, with detail no
# change, reject with detail.
LINE_DETAIL_TYPES: Final = frozenset({"AC", "AD", "RD"})

# ACK01 (668) statuses and what each lets an 855 line change from the PO line (code meanings
# from published retail guides). Accepted, released, shipped, or a new date: nothing else
# changes. A status not listed here (on hold, rejected, deleted, unknown) lets everything
# differ: the line is not an acceptance as ordered.
ALL_CHANGES: Final = frozenset({"quantity", "price", "product"})
STATUS_CHANGES: Final[dict[str, frozenset[str]]] = {
    "IA": frozenset(),
    "AR": frozenset(),
    "AC": frozenset(),
    "DR": frozenset(),
    "SP": frozenset(),
    "IP": frozenset({"price"}),
    "IE": frozenset({"price"}),
    "IQ": frozenset({"quantity"}),
    "IB": frozenset({"quantity"}),
    "BP": frozenset({"quantity"}),
    "IS": frozenset({"product"}),
    "IC": ALL_CHANGES,
}
# ACK01 statuses whose ACK02 the seller does not commit to ship.
NOT_COMMITTED: Final = frozenset({"IR", "ID", "R1", "R2", "R3", "R4"})

# What an 855 line says differently from its PO line: message, and where.
Difference = tuple[str, Place]


def check_acknowledgment(checks: Checks, arrival: Arrival) -> None:
    facts = arrival.facts
    assert isinstance(facts, AcknowledgmentFacts)
    number = facts.purchase_order
    if not number or facts.purchase_order_at is None:
        return  # the structure checks report the missing segment or element
    order = checks.link(facts, number, facts.purchase_order_at)
    if order is None:
        return
    _check_lines(checks, facts, order)
    _check_time(checks, arrival, order)


def _check_lines(checks: Checks, facts: AcknowledgmentFacts, order: Order) -> None:
    """With line detail, every PO line is answered in exactly one PO1 loop, which echoes the
    PO line unless its ACK status says what changed."""
    if facts.acknowledgment_type not in LINE_DETAIL_TYPES:
        return
    answered: dict[int, str | None] = {}
    for ack_line in facts.lines:
        line = _acknowledged_line(order, ack_line)
        if line is None:
            continue
        if line.index in answered:
            args = {"line": line.label, "item": describe_ids(line.product_ids)}
            checks.emit("EDI608", ack_line.number_at, first=answered[line.index], **args)
            continue
        answered[line.index] = ack_line.line_number
        _check_echo(checks, ack_line, order, line)
        units = _acknowledged_units(ack_line, line)
        if units is not None:
            checks.ledger.acknowledge((order.number, line.index), units)
    for line in order.facts.lines:
        if line.index not in answered:
            args = {"line": line.label, "item": describe_ids(line.product_ids)}
            checks.emit(
                "EDI607",
                facts.acknowledgment_type_at,
                po=order.number,
                ack_type=facts.acknowledgment_type or "",
                **args,
            )


def _acknowledged_line(order: Order, ack_line: AcknowledgedLine) -> OrderLine | None:
    """The PO line an 855 PO1 loop answers: the one with its PO101 (an 855 echoes the line
    number), else the first that shares a product key."""
    number = ack_line.line_number
    if number:
        for line in order.facts.lines:
            if line.line_number == number:
                return line
    return matching_line(order.facts, ack_line.product_ids)


def _check_echo(checks: Checks, ack_line: AcknowledgedLine, order: Order, line: OrderLine) -> None:
    """EDI613: quantity, price and product IDs as on the PO line, unless an ACK01 status of
    the line allows that one to differ (a line with no ACK claims no change)."""
    may_change = _changes_allowed(ack_line)
    differences: list[Difference] = []
    if "quantity" not in may_change:
        differences += _quantity_differences(ack_line, line)
    if "price" not in may_change:
        price, ordered = ack_line.unit_price, line.unit_price
        if price is not None and ordered is not None and price != ordered:
            text = f"price {plain(price)}, ordered at {plain(ordered)}"
            differences.append((text, ack_line.price_at))
    if "product" not in may_change:
        differences += _product_differences(ack_line, line.product_ids)
    statuses = "/".join(s.status or "" for s in ack_line.statuses) or "no ACK"
    for difference, where in differences:
        checks.emit(
            "EDI613",
            where,
            difference=difference,
            po=order.number,
            line=line.label,
            statuses=statuses,
        )


def _changes_allowed(ack_line: AcknowledgedLine) -> frozenset[str]:
    allowed: set[str] = set()
    for status in ack_line.statuses:
        allowed |= STATUS_CHANGES.get(status.status or "", ALL_CHANGES)
    return frozenset(allowed)


def _quantity_differences(ack_line: AcknowledgedLine, line: OrderLine) -> list[Difference]:
    ordered = line.quantity
    if ordered is None:
        return []
    packs = (line.pack, ack_line.pack)
    quantity = ack_line.quantity
    echoed = None if quantity is None else in_line_unit(quantity, ack_line.unit, line.unit, packs)
    if echoed is not None and echoed != ordered:
        text = f"quantity {plain(quantity or echoed)}, ordered {plain(ordered)}"
        return [(text, ack_line.quantity_at)]
    acks = [s for s in ack_line.statuses if s.quantity is not None]
    units = [in_line_unit(s.quantity, s.unit, line.unit, packs) for s in acks if s.quantity]
    if not acks or None in units:
        return []
    total = sum((u for u in units if u is not None), Decimal(0))
    if total == ordered:
        return []
    text = f"the ACK segments acknowledge {plain(total)} in all, ordered {plain(ordered)}"
    return [(text, acks[0].location or ack_line.quantity_at)]


def _product_differences(ack_line: AcknowledgedLine, ordered: dict[str, str]) -> list[Difference]:
    """Product IDs sent under a qualifier the PO line also uses, with another value (GS1
    numbers compared as GTIN-14)."""
    found = []
    for sent in ack_line.sent_ids:
        expected = ordered.get(sent.qualifier)
        if expected is None:
            continue
        if product_keys({sent.qualifier: sent.value}) != product_keys({sent.qualifier: expected}):
            text = f"product {sent.qualifier} {sent.value}, ordered {expected}"
            found.append((text, sent.location))
    return found


def _acknowledged_units(ack_line: AcknowledgedLine, line: OrderLine) -> Decimal | None:
    """Units the 855 commits to on the line, in the PO line's unit: its ACK02 quantities
    except rejected or deleted ones; the PO102 when the line has no ACK."""
    packs = (line.pack, ack_line.pack)
    if not ack_line.statuses:
        quantity = ack_line.quantity
        return None if quantity is None else in_line_unit(quantity, ack_line.unit, line.unit, packs)
    total = Decimal(0)
    for status in ack_line.statuses:
        if status.status in NOT_COMMITTED or status.quantity is None:
            continue
        units = in_line_unit(status.quantity, status.unit, line.unit, packs)
        if units is None:
            return None
        total += units
    return total


def _check_time(checks: Checks, arrival: Arrival, order: Order) -> None:
    facts = arrival.facts
    assert isinstance(facts, AcknowledgmentFacts)
    limit = checks.limit(ACK_LATE, "hours")
    sent, ordered = arrival.event_time, order.event_time
    if limit is None or sent is None or ordered is None:
        return
    took = hours_between(ordered, sent)
    if took > limit:
        checks.emit(
            ACK_LATE,
            facts.purchase_order_at,
            hours=hours(took),
            po=order.number,
            ordered=when(ordered),
            sent=when(sent),
            limit=plain(limit),
        )
