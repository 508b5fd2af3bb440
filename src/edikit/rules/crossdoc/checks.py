"""Cross-document checks (EDI6xx) over a set of documents validated together.

Documents are linked by purchase order number: BEG03 (850), BAK03 (855), PRF01 of each order
level (856) and BIG04 (810). Each finding is reported on the later document, at the segment
that breaks the rule, so it sits beside that document's own findings in every report.

The documents are taken in the order one order's documents travel (850, 855, 856, 810; input
order within each kind), so every 850 of the set is known from the start. What came before
is a :class:`~edikit.rules.crossdoc.ledger.Ledger`: in memory for one set, or the order book's
for documents that arrive days apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from edikit.io.datatypes import is_digits
from edikit.io.envelope import Transaction, X12File
from edikit.io.segment import Segment
from edikit.models.base import qualified
from edikit.models.common import BUYER_QUALIFIERS, GTIN_QUALIFIERS, VENDOR_QUALIFIERS
from edikit.models.documents import (
    AcknowledgedLine,
    Invoice,
    InvoiceLine,
    Level,
    POAcknowledgment,
    PurchaseOrder,
    PurchaseOrderLine,
    ShipNotice,
)
from edikit.models.view import SegmentView
from edikit.rules.crossdoc.ledger import Ledger, Order, Shipment, Use, describe
from edikit.rules.crossdoc.timing import at, business_days_after, hours_between
from edikit.rules.crossdoc.units import in_line_unit
from edikit.rules.registry import make_violation

# BSN01 / BIG08 (353): 05 replace and 07 duplicate (a resend) stand in for the earlier
# document with the same number (shared/reference/x12-856.md, BSN01).
SUPERSEDING: Final = frozenset({"05", "07"})

# BEG01 (353) 01: the 850 cancels the purchase order with its BEG03.
CANCELLATION: Final = "01"

# BAK02 (587) answers that carry every PO line: with detail and change, with detail no
# change, reject with detail (shared/reference/x12-855.md, BAK02).
LINE_DETAIL_TYPES: Final = frozenset({"AC", "AD", "RD"})

ProductKey = tuple[str, str]

# ACK01 (668) statuses and what each lets an 855 line change from the PO line
# (shared/reference/x12-855.md, ACK01; meanings from published retail guides). Accepted,
# released, shipped, or a new date: nothing else changes. A status not listed here (on hold,
# rejected, deleted, unknown) lets everything differ: the line is not an acceptance as ordered.
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

# N101 parties compared with the PO: ship-to, buying party (store), mark-for.
PARTY_ENTITIES: Final = frozenset({"ST", "BY", "Z7"})
# The N101 codes that name the store an order level of a ship notice is packed for.
STORE_ENTITIES: Final = frozenset({"BY", "Z7"})
# DTM01 (374): 011 shipped; the PO's window: 037 ship not before (else 010 requested ship),
# 038 ship no later (else 001 cancel after) (shared/reference/x12-850.md, DTM).
SHIPPED_QUALIFIER: Final = "011"
REQUESTED_QUALIFIER: Final = "010"
NOT_BEFORE_QUALIFIER: Final = "037"
NO_LATER_QUALIFIER: Final = "038"
CANCEL_QUALIFIER: Final = "001"


@dataclass(frozen=True, slots=True)
class CrossDocOptions:
    """Parameters of the cross-document checks (profiles set them): ``over_ship_percent``,
    how far above the ordered quantity a PO line may ship (``asn.over_shipment``); the timing
    rules' limits, each off while None: an 855 within ``ack_hours`` of its PO
    (``timing.acknowledgment``), a ship notice within ``ship_notice_hours`` of shipping
    (``timing.ship_notice``), an invoice within ``invoice_business_days`` of its PO's latest
    shipment (``timing.invoice``)."""

    over_ship_percent: Decimal = Decimal(0)
    ack_hours: Decimal | None = None
    ship_notice_hours: Decimal | None = None
    invoice_business_days: int | None = None


DEFAULT_CROSSDOC: Final = CrossDocOptions()


def check_document_set(
    files: Iterable[X12File],
    ledger: Ledger | None = None,
    options: CrossDocOptions = DEFAULT_CROSSDOC,
    times: Mapping[int, dt.datetime] | None = None,
) -> Ledger:
    """Run the EDI6xx checks over every transaction set of ``files``, against ``ledger``
    (what came before; a new empty one by default). ``times``: each transaction set's event
    time, by ``id(transaction)`` (:func:`~edikit.rules.crossdoc.timing.event_times`), for the
    timing rules. The violations are added to the transaction sets they are about; the
    ledger, updated, is returned."""
    ledger = ledger if ledger is not None else Ledger()
    ledger.over_ship_percent = options.over_ship_percent
    ledger.event_times.update(times or {})
    documents = [tx for x12 in files for tx in x12.transactions if tx.document is not None]
    for transaction in documents:
        document = transaction.document
        if isinstance(document, PurchaseOrder) and document.number:
            ledger.add_order(Order(transaction, document, ledger.event_time(transaction)))
            if document.purpose == CANCELLATION:
                ledger.cancel(document.number, describe(transaction))
    for transaction in sorted(documents, key=_business_order):
        check_document(transaction, ledger, options)
    return ledger


# A set is checked in the order the documents of one order travel: acknowledgments, then ship
# notices, then invoices (input order within each), so the order the files are named in does
# not matter, and adding them to a book in that order gives the same findings.
_FLOW: Final = {"850": 0, "855": 1, "856": 2, "810": 3}


def _business_order(transaction: Transaction) -> int:
    return _FLOW.get(transaction.set_id, len(_FLOW))


def check_document(
    transaction: Transaction, ledger: Ledger, options: CrossDocOptions = DEFAULT_CROSSDOC
) -> None:
    """Check one transaction set against ``ledger`` and record its facts there."""
    document = transaction.document
    if isinstance(document, ShipNotice):
        _check_ship_notice(transaction, document, ledger, options)
    elif isinstance(document, POAcknowledgment):
        order = _check_link(transaction, document, ledger)
        if order is not None:
            _check_acknowledged_lines(transaction, document, order, ledger)
            _check_ack_time(transaction, document, order, ledger, options)
    elif isinstance(document, Invoice):
        order = _check_link(transaction, document, ledger)
        _check_invoice_number(transaction, document, ledger)
        if order is not None:
            _check_invoice_lines(transaction, document, order, ledger)
            _check_invoice_time(transaction, document, order, ledger, options)


def _emit(
    transaction: Transaction, code: str, message: str, segment: Segment, element: int
) -> None:
    location = transaction.context.locate(segment, element)
    transaction.violations.append(make_violation(code, message, location))


def _check_link(
    transaction: Transaction, document: POAcknowledgment | Invoice, ledger: Ledger
) -> Order | None:
    tag, element = ("BAK", 3) if isinstance(document, POAcknowledgment) else ("BIG", 4)
    segment = document.loop.segment(tag)
    number = document.purchase_order_number
    if segment is None or not number:
        return None  # the structure checks report the missing segment or element
    return _report_link(transaction, number, ledger, segment, element)


def _check_acknowledged_lines(
    transaction: Transaction, document: POAcknowledgment, order: Order, ledger: Ledger
) -> None:
    """With line detail, every PO line is answered in exactly one PO1 loop, which echoes the
    PO line unless its ACK status says what changed."""
    bak = document.loop.segment("BAK")
    if bak is None or document.acknowledgment_type not in LINE_DETAIL_TYPES:
        return
    answered: dict[int, str | None] = {}
    for ack_line in document.lines:
        match = _acknowledged_line(order.document, ack_line)
        po1 = ack_line.loop.segment("PO1")
        if match is None or po1 is None:
            continue
        index, line = match
        if index in answered:
            _emit(
                transaction,
                "EDI608",
                f"PO line {line.line_number or index + 1} ({_describe_ids(line.product_ids)}) "
                f"is already acknowledged in the PO1 loop with PO101 {answered[index]!r}",
                po1,
                1,
            )
            continue
        answered[index] = ack_line.line_number
        _check_echo(transaction, ack_line, po1, order, match)
        units = _acknowledged_units(ack_line, line)
        if units is not None:
            ledger.acknowledge((order.number, index), units)
    for index, line in enumerate(order.document.lines):
        if index not in answered:
            _emit(
                transaction,
                "EDI607",
                f"PO {order.number} line {line.line_number or index + 1} "
                f"({_describe_ids(line.product_ids)}) is not acknowledged; BAK02 "
                f"{document.acknowledgment_type} answers every line",
                bak,
                2,
            )


def _acknowledged_line(
    order: PurchaseOrder, ack_line: AcknowledgedLine
) -> tuple[int, PurchaseOrderLine] | None:
    """The PO line an 855 PO1 loop answers: the one with its PO101 (an 855 echoes the line
    number), else the first that shares a product key."""
    number = ack_line.line_number
    if number:
        for index, line in enumerate(order.lines):
            if line.line_number == number:
                return index, line
    return _matching_line(order, _line_ids(ack_line))


def _line_ids(ack_line: AcknowledgedLine) -> dict[str, str]:
    """The product IDs of the PO1 and of its ACK segments (ACK07-ACK26)."""
    ids = dict(ack_line.product_ids)
    for ack in ack_line.loop.segments("ACK"):
        ids.update({q: v for q, v in qualified(iter([ack]), 7, 26).items() if q not in ids})
    return ids


def _check_echo(
    transaction: Transaction,
    ack_line: AcknowledgedLine,
    po1: Segment,
    order: Order,
    match: tuple[int, PurchaseOrderLine],
) -> None:
    """EDI613: quantity, price and product IDs as on the PO line, unless an ACK01 status of
    the line allows that one to differ (a line with no ACK claims no change)."""
    index, line = match
    may_change = _changes_allowed(ack_line)
    differences: list[Difference] = []
    if "quantity" not in may_change:
        differences += _quantity_differences(ack_line, po1, line)
    if "price" not in may_change:
        price, ordered = ack_line.unit_price, line.unit_price
        if price is not None and ordered is not None and price != ordered:
            differences.append((f"price {_plain(price)}, ordered at {_plain(ordered)}", po1, 4))
    if "product" not in may_change:
        differences += _product_differences(po1, line.product_ids)
    statuses = "/".join(a.status or "" for a in ack_line.acknowledgments) or "no ACK"
    for difference, segment, element in differences:
        _emit(
            transaction,
            "EDI613",
            f"{difference} (PO {order.number} line {line.line_number or index + 1}); the "
            f"line's status ({statuses}) says nothing of a change",
            segment,
            element,
        )


# What an 855 line says differently from its PO line, where: message, segment, element.
Difference = tuple[str, Segment, int]


def _changes_allowed(ack_line: AcknowledgedLine) -> frozenset[str]:
    allowed: set[str] = set()
    for ack in ack_line.acknowledgments:
        allowed |= STATUS_CHANGES.get(ack.status or "", ALL_CHANGES)
    return frozenset(allowed)


def _quantity_differences(
    ack_line: AcknowledgedLine, po1: Segment, line: PurchaseOrderLine
) -> list[Difference]:
    ordered = line.quantity
    if ordered is None:
        return []
    packs = (line.pack, ack_line.pack)
    quantity = ack_line.quantity
    echoed = None if quantity is None else in_line_unit(quantity, ack_line.unit, line.unit, packs)
    if echoed is not None and echoed != ordered:
        return [(f"quantity {_plain(quantity or echoed)}, ordered {_plain(ordered)}", po1, 2)]
    acks = [a for a in ack_line.acknowledgments if a.quantity is not None]
    units = [in_line_unit(a.quantity, a.unit, line.unit, packs) for a in acks if a.quantity]
    if not acks or None in units:
        return []
    total = sum((u for u in units if u is not None), Decimal(0))
    if total == ordered:
        return []
    message = f"the ACK segments acknowledge {_plain(total)} in all, ordered {_plain(ordered)}"
    return [(message, acks[0].segment or po1, 2)]


def _product_differences(po1: Segment, ordered: dict[str, str]) -> list[Difference]:
    """Product IDs sent under a qualifier the PO line also uses, with another value (GS1
    numbers compared as GTIN-14)."""
    found = []
    for number in range(6, len(po1.elements) - 1, 2):
        qualifier, value = po1[number], po1[number + 1]
        expected = ordered.get(qualifier)
        if not value or expected is None:
            continue
        if _product_keys({qualifier: value}) != _product_keys({qualifier: expected}):
            found.append((f"product {qualifier} {value}, ordered {expected}", po1, number + 1))
    return found


def _acknowledged_units(ack_line: AcknowledgedLine, line: PurchaseOrderLine) -> Decimal | None:
    """Units the 855 commits to on the line, in the PO line's unit: its ACK02 quantities
    except rejected or deleted ones; the PO102 when the line has no ACK."""
    if not ack_line.acknowledgments:
        quantity = ack_line.quantity
        packs = (line.pack, ack_line.pack)
        return None if quantity is None else in_line_unit(quantity, ack_line.unit, line.unit, packs)
    total = Decimal(0)
    for ack in ack_line.acknowledgments:
        if ack.status in NOT_COMMITTED or ack.quantity is None:
            continue
        units = in_line_unit(ack.quantity, ack.unit, line.unit, (line.pack, ack_line.pack))
        if units is None:
            return None
        total += units
    return total


def _check_invoice_lines(
    transaction: Transaction, document: Invoice, order: Order, ledger: Ledger
) -> None:
    """Each IT1 line: on a ship notice of the PO (EDI614), at the PO's price (EDI610), not
    billing more than was shipped (EDI609). Without any ship notice for the PO, one EDI614
    on BIG04 says so, rather than one per line."""
    shipped_any = bool(ledger.shipments_of(order.number))
    big = document.loop.segment("BIG")
    if not shipped_any and big is not None and document.lines:
        message = (
            f"no ship notice for PO {order.number} has been seen (in this set or the order "
            "book): nothing on this invoice is shown as shipped"
        )
        _emit(transaction, "EDI614", message, big, 4)
    for invoice_line in document.lines:
        it1 = invoice_line.loop.segment("IT1")
        match = _matching_line(order.document, invoice_line.product_ids)
        if it1 is None:
            continue
        shipped = match is not None and bool(ledger.units_shipped((order.number, match[0])))
        if shipped_any and not shipped:
            _emit(
                transaction,
                "EDI614",
                f"{_describe_ids(invoice_line.product_ids)} is on none of the ship notices "
                f"for PO {order.number}",
                it1,
                7 if invoice_line.product_ids else 1,
            )
        if match is None:
            continue
        _check_invoice_price(transaction, invoice_line, it1, order, match)
        _add_invoiced(transaction, invoice_line, it1, order, ledger, match, judge=shipped)


def _check_invoice_price(
    transaction: Transaction,
    invoice_line: InvoiceLine,
    it1: Segment,
    order: Order,
    match: tuple[int, PurchaseOrderLine],
) -> None:
    index, line = match
    price, ordered_price = invoice_line.unit_price, line.unit_price
    if price is not None and ordered_price is not None and price != ordered_price:
        _emit(
            transaction,
            "EDI610",
            f"{_plain(price)} a unit; PO {order.number} line "
            f"{line.line_number or index + 1} orders at {_plain(ordered_price)}",
            it1,
            4,
        )


def _add_invoiced(
    transaction: Transaction,
    invoice_line: InvoiceLine,
    it1: Segment,
    order: Order,
    ledger: Ledger,
    match: tuple[int, PurchaseOrderLine],
    *,
    judge: bool,
) -> None:
    """Record the units billed; with ``judge`` (the line shipped), report the invoice that
    takes the units billed past the units shipped."""
    index, line = match
    quantity = invoice_line.quantity
    if quantity is None:
        return
    units = in_line_unit(quantity, invoice_line.unit, line.unit, (line.pack, invoice_line.pack))
    if units is None:
        return  # the documents do not say how to convert the units: not compared
    key = (order.number, index)
    before = ledger.units_invoiced(key)
    ledger.add_invoiced(key, units)
    shipped = ledger.units_shipped(key)
    total = before + units
    if judge and total > shipped >= before:
        unit_text = f" {line.unit}" if line.unit else ""
        _emit(
            transaction,
            "EDI609",
            f"{_plain(total)}{unit_text} of PO {order.number} line "
            f"{line.line_number or index + 1} invoiced so far; the ship notices shipped "
            f"{_plain(shipped)}{unit_text}",
            it1,
            2,
        )


def _report_link(
    transaction: Transaction, number: str, ledger: Ledger, segment: Segment, element: int
) -> Order | None:
    order = ledger.order(number)
    if order is None:
        message = f"PO {number!r} is not the BEG03 of any 850 seen (in this set or the order book)"
        _emit(transaction, "EDI601", message, segment, element)
    else:
        message = f"this {transaction.set_id} is linked to PO {number} ({order.describe()})"
        _emit(transaction, "EDI600", message, segment, element)
        cancelled = ledger.cancellation(number)
        if cancelled is not None:
            message = f"PO {number} is cancelled (BEG01 01 in {cancelled})"
            _emit(transaction, "EDI620", message, segment, element)
    return order


def _check_ship_notice(
    transaction: Transaction, document: ShipNotice, ledger: Ledger, options: CrossDocOptions
) -> None:
    shipment = document.shipment_id or f"({describe(transaction)})"
    _check_shipment_id(transaction, document, ledger)
    cartons: dict[str, Level] = {}
    above = document.shipment
    shipped = _ship_date(above) if above is not None else None
    shipped_at = at(*_ship_time(shipped)) if shipped is not None else None
    for level in document.walk():
        if level.level_code == "O":
            order = _check_order_level(transaction, level, ledger, shipment)
            if order is not None:
                ledger.add_shipment(order.number, Shipment(shipment, shipped_at))
                _check_parties(transaction, order, [level] if above is None else [above, level])
                if shipped is not None:
                    _check_ship_window(transaction, order, shipped)
        _check_sscc(transaction, level, ledger, shipment, cartons)
    if shipped is not None and shipped_at is not None:
        _check_ship_notice_time(transaction, shipped, shipped_at, ledger, options)


def _check_shipment_id(transaction: Transaction, document: ShipNotice, ledger: Ledger) -> None:
    number, bsn = document.shipment_id, document.loop.segment("BSN")
    if not number or bsn is None:
        return
    first = ledger.first_use("shipment", number)
    if first is not None and document.purpose in SUPERSEDING:
        ledger.replace_shipment(number)
    elif first is not None:
        _emit(
            transaction,
            "EDI605",
            f"{number!r} is already the number of {first.where}; BSN01 is "
            f"{document.purpose!r}, not 05 (replace) or 07 (duplicate)",
            bsn,
            2,
        )
    ledger.record_use("shipment", number, Use(describe(transaction), number))


def _check_sscc(
    transaction: Transaction,
    level: Level,
    ledger: Ledger,
    shipment: str,
    cartons: dict[str, Level],
) -> None:
    sscc, man = level.sscc, level.loop.segment("MAN")
    if not sscc or man is None:
        return
    first = ledger.first_use("sscc", sscc)
    if first is not None:
        earlier = cartons.get(sscc)
        where = f"this ship notice (HL {earlier.id})" if earlier is not None else first.where
        _emit(transaction, "EDI604", f"SSCC {sscc} is already on a carton of {where}", man, 2)
    cartons.setdefault(sscc, level)
    ledger.record_use("sscc", sscc, Use(describe(transaction), shipment))


def _check_order_level(
    transaction: Transaction, level: Level, ledger: Ledger, shipment: str
) -> Order | None:
    prf = level.loop.segment("PRF")
    number = level.purchase_order_number
    if prf is None or not number:
        return None
    order = _report_link(transaction, number, ledger, prf, 1)
    if order is None:
        return None
    store = _check_store(transaction, level, order)
    keys = _order_keys(order.document)
    for item in level.below("I"):
        lin = item.loop.segment("LIN")
        item_keys = _product_keys(item.product_ids)
        if lin is not None and item_keys and not item_keys & keys:
            _emit(
                transaction,
                "EDI602",
                f"the item {_describe_ids(item.product_ids)} is not on PO {number}"
                f" ({order.describe()})",
                lin,
                3,
            )
        _add_item(transaction, item, order, ledger, shipment, store)
    return order


def _check_store(transaction: Transaction, level: Level, order: Order) -> str | None:
    """The store an order level ships for (its N1*BY or N1*Z7), when the PO distributes its
    lines to stores (SDQ); EDI618 when the PO names no such store."""
    stores = {s for line in order.document.lines for s in line.distribution}
    party = next((p for p in level.parties if p.entity in STORE_ENTITIES and p.id), None)
    if not stores or party is None or party.id is None:
        return None
    if party.id not in stores:
        n1 = party.loop.segment("N1")
        if n1 is not None:
            _emit(
                transaction,
                "EDI618",
                f"N1*{party.entity} store {party.id!r} is not in the SDQ distribution of PO "
                f"{order.number} ({', '.join(sorted(stores))})",
                n1,
                4,
            )
        return None
    return party.id


def _check_parties(transaction: Transaction, order: Order, levels: list[Level]) -> None:
    """Ship-to and store on the ship notice (shipment and order levels) against the PO's
    heading N1 loops; compared only when both name the party with the same N103."""
    distributed = any(line.distribution for line in order.document.lines)
    for level in levels:
        for party in level.parties:
            entity = party.entity or ""
            if distributed and entity in STORE_ENTITIES:
                continue  # a store of the PO's distribution, checked by _check_store
            ordered = order.document.party(entity) if entity in PARTY_ENTITIES else None
            n1 = party.loop.segment("N1")
            if ordered is None or n1 is None or not party.id or not ordered.id:
                continue
            if party.id_qualifier == ordered.id_qualifier and party.id != ordered.id:
                _emit(
                    transaction,
                    "EDI611",
                    f"N1*{entity} is {party.id!r}; PO {order.number} names {ordered.id!r} "
                    f"(N103 {ordered.id_qualifier})",
                    n1,
                    4,
                )


def _ship_date(shipment: Level) -> SegmentView | None:
    """The shipment level's DTM*011 (shipped)."""
    return next((v for v in shipment.views("DTM") if v.raw(1) == SHIPPED_QUALIFIER), None)


def _ship_time(shipped: SegmentView) -> tuple[str, str | None, str | None]:
    return shipped.raw(2), shipped.raw(3) or None, shipped.raw(4) or None


def _check_ship_window(transaction: Transaction, order: Order, shipped: SegmentView) -> None:
    day: dt.date | None = shipped.date  # type: ignore[attr-defined]
    if day is None:
        return  # a malformed date: the element checks report it
    earliest, first = _first_date(order.document, (NOT_BEFORE_QUALIFIER, REQUESTED_QUALIFIER))
    latest, last = _first_date(order.document, (NO_LATER_QUALIFIER, CANCEL_QUALIFIER))
    if earliest is not None and day < earliest:
        problem = f"before the PO's first ship date {earliest.isoformat()} (DTM*{first})"
    elif latest is not None and day > latest:
        problem = f"after the PO's last ship date {latest.isoformat()} (DTM*{last})"
    else:
        return
    message = f"shipped {day.isoformat()}, {problem} of PO {order.number}"
    _emit(transaction, "EDI612", message, shipped.segment, 2)


def _first_date(order: PurchaseOrder, qualifiers: tuple[str, ...]) -> tuple[dt.date | None, str]:
    """The PO's heading date under the first of ``qualifiers`` it carries, and that one."""
    dates = order.dates
    for qualifier in qualifiers:
        found = dates.get(qualifier)
        if found is not None:
            return found, qualifier
    return None, qualifiers[0]


# -- timing (EDI615-EDI617): only with the profile's limits and the documents' event times --
def _check_ack_time(
    transaction: Transaction,
    document: POAcknowledgment,
    order: Order,
    ledger: Ledger,
    options: CrossDocOptions,
) -> None:
    sent, ordered = ledger.event_time(transaction), order.event_time
    bak, limit = document.loop.segment("BAK"), options.ack_hours
    if limit is None or sent is None or ordered is None or bak is None:
        return
    hours = hours_between(ordered, sent)
    if hours > limit:
        _emit(
            transaction,
            "EDI615",
            f"acknowledged {_hours(hours)} after PO {order.number} was received "
            f"({_when(ordered)} to {_when(sent)}); the limit is {_plain(limit)} hours",
            bak,
            3,
        )


def _check_ship_notice_time(
    transaction: Transaction,
    shipped: SegmentView,
    shipped_at: dt.datetime,
    ledger: Ledger,
    options: CrossDocOptions,
) -> None:
    sent, limit = ledger.event_time(transaction), options.ship_notice_hours
    if limit is None or sent is None:
        return
    hours = hours_between(shipped_at, sent)
    if hours > limit:
        _emit(
            transaction,
            "EDI616",
            f"this ship notice came {_hours(hours)} after the shipment left "
            f"({_when(shipped_at)} to {_when(sent)}); the limit is {_plain(limit)} hours",
            shipped.segment,
            2,
        )


def _check_invoice_time(
    transaction: Transaction,
    document: Invoice,
    order: Order,
    ledger: Ledger,
    options: CrossDocOptions,
) -> None:
    sent, limit = ledger.event_time(transaction), options.invoice_business_days
    big = document.loop.segment("BIG")
    times = [s.shipped_at for s in ledger.shipments_of(order.number) if s.shipped_at is not None]
    if limit is None or sent is None or big is None or not times:
        return
    shipped_day, sent_day = max(times).astimezone(dt.UTC).date(), sent.astimezone(dt.UTC).date()
    days = business_days_after(shipped_day, sent_day)
    if days > limit:
        _emit(
            transaction,
            "EDI617",
            f"invoiced {days} business days after PO {order.number} last shipped "
            f"({shipped_day.isoformat()} to {sent_day.isoformat()}, UTC); the limit is {limit}",
            big,
            2,
        )


def _hours(hours: float) -> str:
    return f"{hours:.1f} hours"


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _check_invoice_number(transaction: Transaction, document: Invoice, ledger: Ledger) -> None:
    number, big = document.number, document.loop.segment("BIG")
    if not number or big is None:
        return
    first = ledger.first_use("invoice", number)
    if first is not None and big[8] not in SUPERSEDING:
        message = f"invoice number {number!r} is already used by {first.where}"
        _emit(transaction, "EDI606", message, big, 2)
    ledger.record_use("invoice", number, Use(describe(transaction), None))


def _add_item(
    transaction: Transaction,
    item: Level,
    order: Order,
    ledger: Ledger,
    shipment: str,
    store: str | None,
) -> None:
    sn1, quantity = item.loop.segment("SN1"), item.quantity
    match = _matching_line(order.document, item.product_ids)
    if sn1 is None or quantity is None or match is None:
        return
    index, line = match
    ordered = line.quantity
    units = in_line_unit(quantity, item.unit, line.unit, (line.pack, item.pack))
    if ordered is None or units is None:
        return  # the documents do not say how to convert the units: nothing is claimed
    key = (order.number, index)
    before = ledger.units_shipped(key)
    store_before = ledger.units_shipped_to(key, store) if store is not None else Decimal(0)
    ledger.add_shipped(key, shipment, units, store)
    tolerance = 1 + ledger.over_ship_percent / 100
    if before + units > ordered * tolerance >= before:  # once: on the notice that crosses
        overage = Overage(before + units, ordered, ordered * tolerance)
        _emit_over_shipment(transaction, "EDI603", item, sn1, order, match, overage)
    store_ordered = _store_units(line, store) if store is not None else None
    if (
        store_ordered is not None
        and store_before + units > store_ordered * tolerance >= store_before
    ):
        overage = Overage(store_before + units, store_ordered, store_ordered * tolerance, store)
        _emit_over_shipment(transaction, "EDI619", item, sn1, order, match, overage)


def _store_units(line: PurchaseOrderLine, store: str) -> Decimal | None:
    """The line's SDQ quantity for ``store``, in the line's unit (None if it has none)."""
    if store not in line.distribution:
        return None
    return in_line_unit(line.distribution[store], line.distribution_unit, line.unit, (line.pack,))


@dataclass(frozen=True, slots=True)
class Overage:
    """Units shipped so far against what the PO orders (for the line, or for ``store``), and
    the limit with the profile's tolerance."""

    total: Decimal
    ordered: Decimal
    limit: Decimal
    store: str | None = None


def _emit_over_shipment(
    transaction: Transaction,
    code: str,
    item: Level,
    sn1: Segment,
    order: Order,
    match: tuple[int, PurchaseOrderLine],
    overage: Overage,
) -> None:
    index, line = match
    unit = f" {line.unit}" if line.unit else ""
    converted = ""
    if item.quantity is not None and item.unit and line.unit and item.unit != line.unit:
        converted = f" ({_plain(item.quantity)} {item.unit} here)"
    ordered = f"{_plain(overage.ordered)}{unit}"
    if overage.limit != overage.ordered:
        ordered += f", {_plain(overage.limit)} with the profile's tolerance"
    store = overage.store
    shipped = f"shipped for store {store}" if store else "shipped"
    orders = f"distributes {ordered} to store {store}" if store else f"orders {ordered}"
    _emit(
        transaction,
        code,
        f"{_plain(overage.total)}{unit} of {_describe_ids(item.product_ids)} {shipped} on ship "
        f"notices so far{converted}; PO {order.number} line {line.line_number or index + 1} "
        f"{orders} ({order.describe()})",
        sn1,
        2,
    )


def _plain(number: Decimal) -> str:
    """24, not 24.0000 (a database's scale) nor 2.4E+1."""
    return format(number.normalize(), "f")


def _matching_line(
    order: PurchaseOrder, ids: dict[str, str]
) -> tuple[int, PurchaseOrderLine] | None:
    """The first PO line that shares a product key with ``ids``, and its index."""
    keys = _product_keys(ids)
    for index, line in enumerate(order.lines):
        if keys & _product_keys(line.product_ids):
            return index, line
    return None


def _order_keys(order: PurchaseOrder) -> set[ProductKey]:
    return {key for line in order.lines for key in _product_keys(line.product_ids)}


def _product_keys(ids: dict[str, str]) -> set[ProductKey]:
    """Comparable product keys: GS1 numbers as GTIN-14 (a UPC-A on the PO matches the same
    number sent as EAN-13 or GTIN-14 on the ship notice), vendor and buyer item numbers."""
    return set(_keys(ids))


def _keys(ids: dict[str, str]) -> Iterator[ProductKey]:
    for qualifier, value in ids.items():
        if qualifier in GTIN_QUALIFIERS and is_digits(value):
            yield ("gtin", value.zfill(14))
        elif qualifier in VENDOR_QUALIFIERS:
            yield ("vendor", value)
        elif qualifier in BUYER_QUALIFIERS:
            yield ("buyer", value)


def _describe_ids(ids: dict[str, str]) -> str:
    return ", ".join(f"{q} {v}" for q, v in ids.items()) or "(no product ID)"


__all__ = ["CrossDocOptions", "check_document", "check_document_set"]
