"""Cross-document checks (EDI6xx) over a set of documents validated together.

Documents are linked by purchase order number: BEG03 (850), BAK03 (855), PRF01 of each order
level (856) and BIG04 (810). Each finding is reported on the later document, at the segment
that breaks the rule, so it sits beside that document's own findings in every report.

The set is taken in input order (files as given, transaction sets as they stand), which is
also the order in which a brand sends them. Not covered yet (issue 6 is open): the 855 line
checks, invoice against ship notice, ship-to and date-window checks, the timing rules, and the
order book that keeps documents between runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from edikit.io.envelope import Transaction, X12File
from edikit.io.segment import Segment
from edikit.models.common import BUYER_QUALIFIERS, GTIN_QUALIFIERS, VENDOR_QUALIFIERS
from edikit.models.documents import (
    Invoice,
    Level,
    POAcknowledgment,
    PurchaseOrder,
    PurchaseOrderLine,
    ShipNotice,
)
from edikit.rules.registry import make_violation

# BSN01 / BIG08 (353): 05 replace and 07 duplicate (a resend) stand in for the earlier
# document with the same number (shared/reference/x12-856.md, BSN01).
SUPERSEDING: Final = frozenset({"05", "07"})

ProductKey = tuple[str, str]


def check_document_set(files: Iterable[X12File]) -> None:
    """Run the EDI6xx checks over every transaction set of ``files``; the violations are
    added to the transaction sets they are about."""
    documents = [tx for x12 in files for tx in x12.transactions if tx.document is not None]
    orders = _index_orders(documents)
    shipped = _ShippedTotals()
    ship_notices = _effective_ship_notices(documents)
    seen = _Seen()
    for transaction in documents:
        document = transaction.document
        if isinstance(document, ShipNotice):
            effective = transaction in ship_notices
            _check_ship_notice(transaction, document, orders, seen if effective else None)
            if effective:
                _count_shipped(transaction, document, orders, shipped)
        elif isinstance(document, POAcknowledgment | Invoice):
            _check_link(transaction, document, orders)
            if isinstance(document, Invoice):
                _check_invoice_number(transaction, document, seen)


@dataclass(slots=True)
class _Order:
    transaction: Transaction
    document: PurchaseOrder

    def describe(self) -> str:
        where = self.transaction.context.file or "the input"
        return f"850 {self.transaction.control_number} in {where}"


@dataclass(slots=True)
class _Seen:
    """Numbers that must be unique across the set, with where each was first used."""

    ssccs: dict[str, tuple[Transaction, Level]] = field(default_factory=dict)
    shipment_ids: dict[str, Transaction] = field(default_factory=dict)
    invoice_numbers: dict[str, Transaction] = field(default_factory=dict)


@dataclass(slots=True)
class _ShippedTotals:
    """Units shipped per PO line (PO number, line index) so far, and the lines already
    reported, so that an over-shipped line is reported once."""

    units: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    reported: set[tuple[str, int]] = field(default_factory=set)


def _index_orders(documents: list[Transaction]) -> dict[str, _Order]:
    orders: dict[str, _Order] = {}
    for transaction in documents:
        document = transaction.document
        if isinstance(document, PurchaseOrder) and document.number:
            orders.setdefault(document.number, _Order(transaction, document))
    return orders


def _effective_ship_notices(documents: list[Transaction]) -> set[Transaction]:
    """The ship notices whose quantities count: a replacement or resend (BSN01 05/07) of an
    earlier ship notice with the same BSN02 takes that one's place."""
    latest: dict[str, Transaction] = {}
    effective: set[Transaction] = set()
    for transaction in documents:
        document = transaction.document
        if not isinstance(document, ShipNotice):
            continue
        number = document.shipment_id
        earlier = latest.get(number) if number else None
        if earlier is not None and document.purpose in SUPERSEDING:
            effective.discard(earlier)
        effective.add(transaction)
        if number:
            latest[number] = transaction
    return effective


def _emit(
    transaction: Transaction, code: str, message: str, segment: Segment, element: int
) -> None:
    location = transaction.context.locate(segment, element)
    transaction.violations.append(make_violation(code, message, location))


def _check_link(
    transaction: Transaction, document: POAcknowledgment | Invoice, orders: dict[str, _Order]
) -> None:
    tag, element = ("BAK", 3) if isinstance(document, POAcknowledgment) else ("BIG", 4)
    segment = document.loop.segment(tag)
    number = document.purchase_order_number
    if segment is None or not number:
        return  # the structure checks report the missing segment or element
    _report_link(transaction, number, orders, segment, element)


def _report_link(
    transaction: Transaction,
    number: str,
    orders: dict[str, _Order],
    segment: Segment,
    element: int,
) -> _Order | None:
    order = orders.get(number)
    if order is None:
        _emit(
            transaction,
            "EDI601",
            f"PO {number!r} is not the BEG03 of any 850 in this set",
            segment,
            element,
        )
    else:
        _emit(
            transaction,
            "EDI600",
            f"this {transaction.set_id} is linked to PO {number} ({order.describe()})",
            segment,
            element,
        )
    return order


def _check_ship_notice(
    transaction: Transaction,
    document: ShipNotice,
    orders: dict[str, _Order],
    seen: _Seen | None,
) -> None:
    """``seen`` is None for a ship notice a later one replaces: its numbers are taken over by
    the replacement, so they are neither checked nor recorded."""
    if seen is not None:
        _check_shipment_id(transaction, document, seen)
    for level in document.walk():
        if level.level_code == "O":
            _check_order_level(transaction, level, orders)
        if seen is not None:
            _check_sscc(transaction, level, seen)


def _check_order_level(transaction: Transaction, level: Level, orders: dict[str, _Order]) -> None:
    prf = level.loop.segment("PRF")
    number = level.purchase_order_number
    if prf is None or not number:
        return
    order = _report_link(transaction, number, orders, prf, 1)
    if order is None:
        return
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


def _check_sscc(transaction: Transaction, level: Level, seen: _Seen) -> None:
    sscc = level.sscc
    man = level.loop.segment("MAN")
    if not sscc or man is None:
        return
    first, first_level = seen.ssccs.setdefault(sscc, (transaction, level))
    if first_level is not level:
        where = "this ship notice" if first is transaction else _describe(first)
        _emit(
            transaction,
            "EDI604",
            f"SSCC {sscc} is already on a carton of {where} (HL {first_level.id})",
            man,
            2,
        )


def _check_shipment_id(transaction: Transaction, document: ShipNotice, seen: _Seen) -> None:
    number, bsn = document.shipment_id, document.loop.segment("BSN")
    if not number or bsn is None:
        return
    first = seen.shipment_ids.setdefault(number, transaction)
    if first is not transaction and document.purpose not in SUPERSEDING:
        _emit(
            transaction,
            "EDI605",
            f"{number!r} is already the number of {_describe(first)}; BSN01 is "
            f"{document.purpose!r}, not 05 (replace) or 07 (duplicate)",
            bsn,
            2,
        )


def _check_invoice_number(transaction: Transaction, document: Invoice, seen: _Seen) -> None:
    number, big = document.number, document.loop.segment("BIG")
    if not number or big is None:
        return
    first = seen.invoice_numbers.setdefault(number, transaction)
    if first is not transaction and big[8] not in SUPERSEDING:
        _emit(
            transaction,
            "EDI606",
            f"invoice number {number!r} is already used by {_describe(first)}",
            big,
            2,
        )


def _count_shipped(
    transaction: Transaction,
    document: ShipNotice,
    orders: dict[str, _Order],
    shipped: _ShippedTotals,
) -> None:
    for order_level in document.orders:
        order = orders.get(order_level.purchase_order_number or "")
        if order is None:
            continue
        for item in order_level.below("I"):
            _add_item(transaction, item, order, shipped)


def _add_item(
    transaction: Transaction, item: Level, order: _Order, shipped: _ShippedTotals
) -> None:
    sn1, quantity = item.loop.segment("SN1"), item.quantity
    match = _matching_line(order.document, item)
    if sn1 is None or quantity is None or match is None:
        return
    index, line = match
    ordered = line.quantity
    if ordered is None or (item.unit and line.unit and item.unit != line.unit):
        return  # units differ: pack-size conversion is not done yet, so nothing is claimed
    key = (order.document.number or "", index)
    total = shipped.units.get(key, Decimal(0)) + quantity
    shipped.units[key] = total
    if total > ordered and key not in shipped.reported:
        shipped.reported.add(key)
        unit = f" {line.unit}" if line.unit else ""
        _emit(
            transaction,
            "EDI603",
            f"{total}{unit} of {_describe_ids(item.product_ids)} shipped on ship notices of "
            f"this set; PO {key[0]} line {line.line_number or index + 1} orders "
            f"{ordered}{unit} ({order.describe()})",
            sn1,
            2,
        )


def _matching_line(order: PurchaseOrder, item: Level) -> tuple[int, PurchaseOrderLine] | None:
    keys = _product_keys(item.product_ids)
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
        if qualifier in GTIN_QUALIFIERS and value.isdigit():
            yield ("gtin", value.zfill(14))
        elif qualifier in VENDOR_QUALIFIERS:
            yield ("vendor", value)
        elif qualifier in BUYER_QUALIFIERS:
            yield ("buyer", value)


def _describe_ids(ids: dict[str, str]) -> str:
    return ", ".join(f"{q} {v}" for q, v in ids.items()) or "(no product ID)"


def _describe(transaction: Transaction) -> str:
    where = transaction.context.file or "the input"
    return f"{transaction.set_id} {transaction.control_number} in {where}"
