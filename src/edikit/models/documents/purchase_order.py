"""The 850 purchase order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.loops import Loop
from edikit.io.datatypes import as_decimal, as_int
from edikit.models.documents.document import Document, decimal_of
from edikit.models.parts import Party, ProductLine, parties


class PurchaseOrderLine(ProductLine):
    """A PO1 loop: one ordered item."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def line_number(self) -> str | None:
        """PO101 (assigned identification)."""
        return self.value("PO1", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> Decimal | None:
        """PO102 quantity ordered (element 330 up to 004030, 380 from 005010: read by place)."""
        return as_decimal(self.value("PO1", 2) or "")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        """PO103 unit of measure (EA, CA, PR...)."""
        return self.value("PO1", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit_price(self) -> Decimal | None:
        """PO104."""
        return decimal_of(self.view("PO1"), "unit_price")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def distribution(self) -> dict[str, Decimal]:
        """Units per store from the line's SDQ segments (location SDQ03, SDQ05... and
        quantity SDQ04, SDQ06...; in the SDQ01 unit), ``{"0042": Decimal(6)}``."""
        found: dict[str, Decimal] = {}
        for sdq in self.loop.segments("SDQ"):
            for number in range(3, 23, 2):
                location, quantity = sdq[number], sdq[number + 1]
                amount = as_decimal(quantity)
                if location and amount is not None:
                    found[location] = found.get(location, Decimal(0)) + amount
        return found

    @property
    def distribution_unit(self) -> str | None:
        """SDQ01 of the first SDQ."""
        sdq = self.loop.segment("SDQ")
        return (sdq[1] or None) if sdq is not None else None


class PurchaseOrder(Document):
    """850: what the retailer orders."""

    set_id: ClassVar[str] = "850"
    parties: list[Party]
    lines: list[PurchaseOrderLine]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def number(self) -> str | None:
        """BEG03 purchase order number."""
        return self.value("BEG", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def date(self) -> dt.date | None:
        """BEG05 purchase order date."""
        view = self.view("BEG")
        return view.date if view is not None else None  # type: ignore[attr-defined]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purpose(self) -> str | None:
        """BEG01: 00 original, 01 cancellation, 05 replace, 07 duplicate..."""
        return self.value("BEG", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def order_type(self) -> str | None:
        """BEG02: SA stand-alone, DS drop ship, RL release, KN cross dock..."""
        return self.value("BEG", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def line_count(self) -> int | None:
        """CTT01 as sent (the number of PO1 lines, by convention)."""
        ctt = next((s for s in self.loop.walk() if s.tag == "CTT"), None)
        return as_int(ctt[1]) if ctt is not None else None

    def party(self, entity: str) -> Party | None:
        """The first N1 loop with N101 ``entity`` (ST, BY, SF...)."""
        return next((p for p in self.parties if p.entity == entity), None)


def build_purchase_order(loop: Loop, version: str) -> Document:
    lines = [PurchaseOrderLine.make(po1, version) for po1 in loop.loops("PO1")]
    return PurchaseOrder.make(loop, version, parties=parties(loop, version), lines=lines)
