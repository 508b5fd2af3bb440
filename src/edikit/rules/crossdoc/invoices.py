"""An invoice against its purchase order and ship notices: a number used once (EDI606),
billing what shipped (EDI614), no more of it (EDI609), at the PO's price (EDI610), in time
after the shipment (EDI617)."""

from __future__ import annotations

import datetime as dt
from typing import Final

from edikit.rules.crossdoc.context import (
    INVOICE_LATE,
    Arrival,
    Checks,
    describe_ids,
    matching_line,
    plain,
)
from edikit.rules.crossdoc.ledger import Order, Use
from edikit.rules.crossdoc.timing import business_days_after
from edikit.rules.crossdoc.units import in_line_unit
from edikit.rules.facts import InvoicedLine, InvoiceFacts, OrderLine

# BIG08 (353) 05 replace and 07 duplicate stand in for the earlier invoice with the number.
SUPERSEDING: Final = frozenset({"05", "07"})


def check_invoice(checks: Checks, arrival: Arrival) -> None:
    facts = arrival.facts
    assert isinstance(facts, InvoiceFacts)
    order = None
    if facts.purchase_order and facts.purchase_order_at is not None:
        order = checks.link(facts, facts.purchase_order, facts.purchase_order_at)
    _check_number(checks, facts)
    if order is not None:
        _check_lines(checks, facts, order)
        _check_time(checks, arrival, order)


def _check_number(checks: Checks, facts: InvoiceFacts) -> None:
    number = facts.number
    if not number or facts.number_at is None:
        return
    ledger = checks.ledger
    first = ledger.first_use("invoice", number, checks.horizon("EDI606"))
    if first is not None and facts.purpose not in SUPERSEDING:
        checks.emit("EDI606", facts.number_at, number=number, where=first.where)
    ledger.record_use("invoice", number, Use(facts.describe(), None))


def _check_lines(checks: Checks, facts: InvoiceFacts, order: Order) -> None:
    """Each IT1 line: on a ship notice of the PO (EDI614), at the PO's price (EDI610), not
    billing more than was shipped (EDI609). Without any ship notice for the PO, one EDI614
    on BIG04 says so, rather than one per line."""
    ledger = checks.ledger
    shipped_any = bool(ledger.shipments_of(order.number))
    if not shipped_any and facts.lines:
        checks.emit("EDI614", facts.purchase_order_at, "none", po=order.number)
    for invoiced in facts.lines:
        line = matching_line(order.facts, invoiced.product_ids)
        shipped = line is not None and bool(ledger.units_shipped((order.number, line.index)))
        if shipped_any and not shipped:
            item = describe_ids(invoiced.product_ids)
            checks.emit("EDI614", invoiced.item_at, item=item, po=order.number)
        if line is None:
            continue
        _check_price(checks, invoiced, order, line)
        _add_invoiced(checks, invoiced, order, line, judge=shipped)


def _check_price(checks: Checks, invoiced: InvoicedLine, order: Order, line: OrderLine) -> None:
    price, ordered = invoiced.unit_price, line.unit_price
    if price is not None and ordered is not None and price != ordered:
        checks.emit(
            "EDI610",
            invoiced.price_at,
            price=plain(price),
            po=order.number,
            line=line.label,
            ordered=plain(ordered),
        )


def _add_invoiced(
    checks: Checks, invoiced: InvoicedLine, order: Order, line: OrderLine, *, judge: bool
) -> None:
    """Record the units billed; with ``judge`` (the line shipped), report the invoice that
    takes the units billed past the units shipped."""
    quantity = invoiced.quantity
    if quantity is None:
        return
    units = in_line_unit(quantity, invoiced.unit, line.unit, (line.pack, invoiced.pack))
    if units is None:
        return  # the documents do not say how to convert the units: not compared
    ledger = checks.ledger
    key = (order.number, line.index)
    before = ledger.units_invoiced(key)
    ledger.add_invoiced(key, units)
    shipped = ledger.units_shipped(key)
    total = before + units
    if judge and total > shipped >= before:
        unit = f" {line.unit}" if line.unit else ""
        checks.emit(
            "EDI609",
            invoiced.quantity_at,
            total=plain(total),
            unit=unit,
            po=order.number,
            line=line.label,
            shipped=plain(shipped),
        )


def _check_time(checks: Checks, arrival: Arrival, order: Order) -> None:
    facts = arrival.facts
    assert isinstance(facts, InvoiceFacts)
    limit = checks.limit(INVOICE_LATE, "business_days")
    sent = arrival.event_time
    times = [
        s.shipped_at for s in checks.ledger.shipments_of(order.number) if s.shipped_at is not None
    ]
    if limit is None or sent is None or facts.number_at is None or not times:
        return
    shipped_day, sent_day = max(times).astimezone(dt.UTC).date(), sent.astimezone(dt.UTC).date()
    days = business_days_after(shipped_day, sent_day)
    if days > limit:
        checks.emit(
            INVOICE_LATE,
            facts.number_at,
            days=days,
            po=order.number,
            shipped=shipped_day.isoformat(),
            sent=sent_day.isoformat(),
            limit=plain(limit),
        )
