"""The 855 purchase order acknowledgment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.loops import Loop
from edikit.models.base import Node
from edikit.models.documents.document import Document, decimal_of
from edikit.models.documents.purchase_order import PurchaseOrderLine
from edikit.models.parts import Party, parties


class LineAcknowledgment(Node):
    """An ACK segment: what the seller says about one PO line."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str | None:
        """ACK01: IA accepted, IB backordered, IR rejected, IC changed, DR date rescheduled..."""
        return self.value("ACK", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> Decimal | None:
        return decimal_of(self.view("ACK"), "quantity")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        return self.value("ACK", 3)


class AcknowledgedLine(PurchaseOrderLine):
    """A PO1 loop of an 855 with its ACK segments."""

    acknowledgments: list[LineAcknowledgment]


class POAcknowledgment(Document):
    """855: the seller's answer to a purchase order."""

    set_id: ClassVar[str] = "855"
    parties: list[Party]
    lines: list[AcknowledgedLine]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purpose(self) -> str | None:
        """BAK01: 00 original, 06 confirmation..."""
        return self.value("BAK", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def acknowledgment_type(self) -> str | None:
        """BAK02: AC with detail and change, AD with detail no change, AK no detail, RJ..."""
        return self.value("BAK", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purchase_order_number(self) -> str | None:
        """BAK03."""
        return self.value("BAK", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purchase_order_date(self) -> dt.date | None:
        """BAK04."""
        view = self.view("BAK")
        return view.date if view is not None else None  # type: ignore[attr-defined]


def build_acknowledgment(loop: Loop, version: str) -> Document:
    lines = [
        AcknowledgedLine.make(
            po1,
            version,
            acknowledgments=[
                LineAcknowledgment.make(Loop("ACK", "PO1/ACK", [ack]), version)
                for ack in po1.walk()
                if ack.tag == "ACK"
            ],
        )
        for po1 in loop.loops("PO1")
    ]
    return POAcknowledgment.make(loop, version, parties=parties(loop, version), lines=lines)
