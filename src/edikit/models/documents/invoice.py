"""The 810 invoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.loops import Loop
from edikit.models.documents.document import Document, decimal_of
from edikit.models.parts import Party, ProductLine, parties


class InvoiceLine(ProductLine):
    """An IT1 loop: one invoiced item."""

    ids_from: ClassVar[tuple[str, int, int]] = ("IT1", 6, 25)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def line_number(self) -> str | None:
        """IT101."""
        return self.value("IT1", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> Decimal | None:
        """IT102 quantity invoiced."""
        return decimal_of(self.view("IT1"), "quantity_invoiced")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        return self.value("IT1", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit_price(self) -> Decimal | None:
        """IT104."""
        return decimal_of(self.view("IT1"), "unit_price")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def amount(self) -> Decimal | None:
        """Quantity times unit price."""
        quantity, price = self.quantity, self.unit_price
        return quantity * price if quantity is not None and price is not None else None


class Invoice(Document):
    """810: the seller's bill."""

    set_id: ClassVar[str] = "810"
    parties: list[Party]
    lines: list[InvoiceLine]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def number(self) -> str | None:
        """BIG02 invoice number."""
        return self.value("BIG", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def date(self) -> dt.date | None:
        """BIG01 invoice date."""
        view = self.view("BIG")
        return view.date if view is not None else None  # type: ignore[attr-defined]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purchase_order_number(self) -> str | None:
        """BIG04."""
        return self.value("BIG", 4)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> Decimal | None:
        """TDS01, the total invoice amount (two implied decimals resolved: 12345 -> 123.45)."""
        return decimal_of(self.view("TDS"), "amount")


def build_invoice(loop: Loop, version: str) -> Document:
    lines = [InvoiceLine.make(it1, version) for it1 in loop.loops("IT1")]
    return Invoice.make(loop, version, parties=parties(loop, version), lines=lines)
