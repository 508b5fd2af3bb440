"""What the cross-document checks remember: the purchase orders, the numbers that must stay
unique, and the units acknowledged, shipped and invoiced per PO line. :class:`Ledger` keeps
them in memory for one document set; the order book (:mod:`edikit.book`) keeps them in tables
and answers the same questions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Literal

from edikit.rules.facts import OrderFacts

# sscc: MAN GM of a carton; shipment: BSN02; invoice: BIG02.
UniqueKind = Literal["sscc", "shipment", "invoice"]


@dataclass(frozen=True, slots=True)
class Order:
    """An 850 the checks compare later documents with, and when it arrived (its event time,
    for the timing rules)."""

    facts: OrderFacts
    event_time: dt.datetime | None = None

    @property
    def number(self) -> str:
        return self.facts.number or ""

    def describe(self) -> str:
        return self.facts.describe()


@dataclass(slots=True)
class Use:
    """The first use of a unique number: which document, and under which ship notice
    (BSN02), so that a replacement ship notice can take its numbers back."""

    where: str
    shipment: str | None


# A PO line: the PO number and the line's index among the 850's PO1 loops.
LineKey = tuple[str, int]
# Units shipped on a PO line are kept by ship notice (BSN02) and store (None: not for a
# store of the PO's SDQ distribution).
ShippedKey = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Shipment:
    """A ship notice's shipment for one PO: its BSN02 and when it shipped (DTM*011)."""

    shipment: str
    shipped_at: dt.datetime | None


@dataclass(slots=True)
class Ledger:
    """The facts of the documents checked so far, newest last."""

    orders: dict[str, Order] = field(default_factory=dict)
    uses: dict[UniqueKind, dict[str, Use]] = field(default_factory=lambda: defaultdict(dict))
    shipped: dict[LineKey, dict[ShippedKey, Decimal]] = field(default_factory=dict)
    invoiced: dict[LineKey, Decimal] = field(default_factory=dict)
    acknowledged: dict[LineKey, Decimal] = field(default_factory=dict)  # by the latest 855
    shipments: dict[str, list[Shipment]] = field(default_factory=dict)  # by PO number
    cancelled: dict[str, str] = field(default_factory=dict)  # PO number: the cancelling 850
    # The ledger is the brand's whole record (the order book): a PO it lacks is unknown even
    # when it holds no PO at all. A set's ledger holds only what the set brought.
    is_record: ClassVar[bool] = False

    def add_order(self, order: Order) -> None:
        self.orders.setdefault(order.number, order)

    def order(self, number: str) -> Order | None:
        return self.orders.get(number)

    def has_orders(self) -> bool:
        """Whether any purchase order is known (a set of ship notices alone has none)."""
        return bool(self.orders)

    def cancel(self, number: str, where: str) -> None:
        self.cancelled.setdefault(number, where)

    def cancellation(self, number: str) -> str | None:
        """Where PO ``number`` was cancelled (an 850 with BEG01 01), if it was."""
        return self.cancelled.get(number)

    def first_use(
        self, kind: UniqueKind, value: str, horizon: dt.timedelta | None = None
    ) -> Use | None:
        """Where ``value`` was used before. ``horizon``: how far back a record (the order
        book) looks, a profile's choice (else the record's own); a set remembers all of it."""
        return self.uses[kind].get(value)

    def record_use(self, kind: UniqueKind, value: str, use: Use) -> None:
        self.uses[kind].setdefault(value, use)

    def units_shipped(self, line: LineKey) -> Decimal:
        """Units of the PO line on every ship notice so far."""
        return sum(self.shipped.get(line, {}).values(), Decimal(0))

    def units_shipped_to(self, line: LineKey, store: str) -> Decimal:
        """Units of the PO line shipped for ``store`` so far."""
        found = self.shipped.get(line, {})
        return sum((units for (_, to), units in found.items() if to == store), Decimal(0))

    def add_shipped(
        self, line: LineKey, shipment: str, units: Decimal, store: str | None = None
    ) -> None:
        by_shipment = self.shipped.setdefault(line, {})
        key = (shipment, store)
        by_shipment[key] = by_shipment.get(key, Decimal(0)) + units

    def units_invoiced(self, line: LineKey) -> Decimal:
        """Units of the PO line on every invoice so far."""
        return self.invoiced.get(line, Decimal(0))

    def add_invoiced(self, line: LineKey, units: Decimal) -> None:
        self.invoiced[line] = self.invoiced.get(line, Decimal(0)) + units

    def add_shipment(self, order: str, shipment: Shipment) -> None:
        """Record that ``shipment`` shipped against PO ``order`` (once, however many of its
        order levels name the PO)."""
        found = self.shipments.setdefault(order, [])
        if shipment not in found:
            found.append(shipment)

    def shipments_of(self, order: str) -> list[Shipment]:
        """The ship notices that shipped against PO ``order`` so far."""
        return list(self.shipments.get(order, []))

    def acknowledge(self, line: LineKey, units: Decimal) -> None:
        self.acknowledged[line] = units

    def replace_shipment(self, shipment: str) -> None:
        """A ship notice with BSN01 05/07 takes the place of the one with its BSN02: that
        one's cartons and units no longer count."""
        for by_shipment in self.shipped.values():
            for key in [k for k in by_shipment if k[0] == shipment]:
                del by_shipment[key]
        for order, shipments in self.shipments.items():
            self.shipments[order] = [s for s in shipments if s.shipment != shipment]
        for uses in self.uses.values():
            for value in [v for v, use in uses.items() if use.shipment == shipment]:
                del uses[value]
