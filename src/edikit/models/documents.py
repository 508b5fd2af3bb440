"""The typed transaction sets: 850, 855, 856, 810, 997 and 999.

``document(parsed)`` builds the model for a transaction set the grammar stage parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.hierarchy import Node as HierarchyNode
from edikit.grammar.hierarchy import Path, build_hierarchy, extended, shape_of_paths
from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.datatypes import as_decimal, as_int
from edikit.models.base import Node
from edikit.models.parts import Party, ProductLine, parties


class Document(Node):
    """A transaction set: its control number, where it was, and the bytes it came from."""

    set_id: ClassVar[str] = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def control_number(self) -> str | None:
        """ST02."""
        return self.value("ST", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def references(self) -> dict[str, str]:
        """REF values by qualifier (128) at the heading: ``{"DP": "038", "IA": "V123"}``."""
        return {s[1]: s[2] for s in self.loop.segments("REF") if s[1]}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def dates(self) -> dict[str, dt.date | None]:
        """DTM dates by qualifier (374) at the heading: 002 delivery requested, 010 requested
        ship, 011 shipped, 037 ship not before, 038 ship no later..."""
        return {view.raw(1): view.date for view in self.views("DTM")}  # type: ignore[attr-defined]

    def to_x12(self) -> bytes:
        """ST..SE as read (or built), byte for byte."""
        return b"".join(s.to_text().encode("latin-1") for s in self.loop.walk())


def _decimal(view: object, name: str) -> Decimal | None:
    value = getattr(view, name, None) if view is not None else None
    return value if isinstance(value, Decimal) else None


# -- 850 --------------------------------------------------------------------------------------
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
        """PO102 quantity ordered."""
        return _decimal(self.view("PO1"), "quantity_ordered")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        """PO103 unit of measure (EA, CA, PR...)."""
        return self.value("PO1", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit_price(self) -> Decimal | None:
        """PO104."""
        return _decimal(self.view("PO1"), "unit_price")

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


# -- 855 --------------------------------------------------------------------------------------
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
        return _decimal(self.view("ACK"), "quantity")

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


# -- 856 --------------------------------------------------------------------------------------
class Level(ProductLine):
    """One HL level of a ship notice, with the levels under it."""

    ids_from: ClassVar[tuple[str, int, int]] = ("LIN", 2, 31)
    children: list[Level]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str | None:
        """HL01."""
        return self.value("HL", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def parent_id(self) -> str | None:
        """HL02."""
        return self.value("HL", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def level_code(self) -> str | None:
        """HL03: S shipment, O order, T tare, P pack, I item."""
        return self.value("HL", 3)

    def walk(self) -> Iterator[Level]:
        """This level and every level below it, in input order."""
        stack = [self]
        while stack:
            level = stack.pop()
            yield level
            stack.extend(reversed(level.children))

    def below(self, level_code: str) -> list[Level]:
        """Every level with HL03 ``level_code`` under this one (at any depth)."""
        return [n for n in self.walk() if n is not self and n.level_code == level_code]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sscc(self) -> str | None:
        """The SSCC-18 of a pack or tare (MAN01 GM; a leading application identifier 00
        is removed)."""
        for man in self.loop.segments("MAN"):
            if man[1] in ("GM", "UC") and man[2]:
                value = man[2]
                return value[2:] if len(value) == 20 and value.startswith("00") else value
        return None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purchase_order_number(self) -> str | None:
        """PRF01 (order level)."""
        return self.value("PRF", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> Decimal | None:
        """SN102 units shipped (item level)."""
        return _decimal(self.view("SN1"), "number_of_units_shipped")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        """SN103 unit of measure (item level)."""
        return self.value("SN1", 3)

    @property
    def orders(self) -> list[Level]:
        return self.below("O")

    @property
    def tares(self) -> list[Level]:
        return self.below("T")

    @property
    def packs(self) -> list[Level]:
        return self.below("P")

    @property
    def items(self) -> list[Level]:
        return self.below("I")

    @property
    def parties(self) -> list[Party]:
        return [Party.make(n1, self.version) for n1 in self.loop.loops("N1")]


class ShipNotice(Document):
    """856: what was shipped, as a tree of HL levels (shipment > order > pack > item for
    pick and pack; shipment > order > item > pack for standard carton pack)."""

    set_id: ClassVar[str] = "856"
    levels: list[Level]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def shipment_id(self) -> str | None:
        """BSN02, the shipment identification (ASN number)."""
        return self.value("BSN", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def date(self) -> dt.date | None:
        """BSN03."""
        view = self.view("BSN")
        return view.date if view is not None else None  # type: ignore[attr-defined]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purpose(self) -> str | None:
        """BSN01: 00 original, 01 cancellation, 05 replace, 07 duplicate..."""
        return self.value("BSN", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def structure(self) -> str:
        """``pick-and-pack``, ``standard-carton-pack``, or the branches found (``S>I``)."""
        return shape_of_paths(_leaf_paths(self.levels))

    @property
    def shipment(self) -> Level | None:
        """The shipment level (the first level with HL03 S)."""
        return next((level for level in self.walk() if level.level_code == "S"), None)

    def walk(self) -> Iterator[Level]:
        for level in self.levels:
            yield from level.walk()

    @property
    def orders(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "O"]

    @property
    def packs(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "P"]

    @property
    def items(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "I"]


def _leaf_paths(roots: list[Level]) -> set[Path]:
    paths: set[Path] = set()
    stack: list[tuple[Level, Path]] = [
        (root, (root.level_code or "?",)) for root in reversed(roots)
    ]
    while stack:
        level, path = stack.pop()
        if not level.children:
            paths.add(path)
        for child in reversed(level.children):
            stack.append((child, extended(path, child.level_code or "?")))
    return paths


# -- 810 --------------------------------------------------------------------------------------
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
        return _decimal(self.view("IT1"), "quantity_invoiced")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        return self.value("IT1", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit_price(self) -> Decimal | None:
        """IT104."""
        return _decimal(self.view("IT1"), "unit_price")

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
        return _decimal(self.view("TDS"), "amount")


# -- 997 / 999 --------------------------------------------------------------------------------
class SetResponse(Node):
    """An AK2 loop: the answer for one received transaction set."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def set_id(self) -> str | None:
        """AK201."""
        return self.value("AK2", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def control_number(self) -> str | None:
        """AK202."""
        return self.value("AK2", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str | None:
        """AK501 / IK501: A accepted, E accepted with errors, R rejected..."""
        return self.value("AK5", 1) or self.value("IK5", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def segment_errors(self) -> list[str]:
        """AK3/IK3 segments as ``ID@position:code`` (``PO1@12:8``)."""
        return [f"{s[1]}@{s[2]}:{s[4]}" for s in self.loop.walk() if s.tag in ("AK3", "IK3")]


class FunctionalAck(Document):
    """997 (and 999): the receiver's answer for a functional group."""

    set_id: ClassVar[str] = "997"
    responses: list[SetResponse]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def functional_id(self) -> str | None:
        """AK101: the GS01 of the group acknowledged."""
        return self.value("AK1", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def group_control_number(self) -> str | None:
        """AK102: the GS06 acknowledged."""
        return self.value("AK1", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str | None:
        """AK901: A accepted, E with errors, P partially accepted, R rejected."""
        return self.value("AK9", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accepted_count(self) -> int | None:
        """AK904."""
        return as_int(self.value("AK9", 4) or "")


class ImplementationAck(FunctionalAck):
    """999: the 005010 implementation acknowledgment (IK3/IK4/IK5 instead of AK3/AK4/AK5)."""

    set_id: ClassVar[str] = "999"


DocumentType = PurchaseOrder | POAcknowledgment | ShipNotice | Invoice | FunctionalAck


def document(parsed: ParsedTransaction) -> Document | None:
    """The typed model of a transaction set the grammar stage parsed, or None for a set
    edikit has no model (or no segment table) for."""
    loop = parsed.loop
    if loop is None:
        return None
    if parsed.set_id == "856":
        return _ship_notice(loop, parsed.version, parsed.hierarchy)
    builder = _BUILDERS.get(parsed.set_id)
    return builder(loop, parsed.version) if builder is not None else None


def _purchase_order(loop: Loop, version: str) -> Document:
    lines = [PurchaseOrderLine.make(po1, version) for po1 in loop.loops("PO1")]
    return PurchaseOrder.make(loop, version, parties=parties(loop, version), lines=lines)


def _acknowledgment(loop: Loop, version: str) -> Document:
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


def _ship_notice(loop: Loop, version: str, roots: tuple[HierarchyNode, ...] | None) -> Document:
    if roots is None:
        roots = tuple(build_hierarchy(list(loop.loops("HL")), _ignore))
    return ShipNotice.make(loop, version, levels=_levels(roots, version))


def _levels(roots: tuple[HierarchyNode, ...], version: str) -> list[Level]:
    """The HL tree as Level models, built bottom-up without recursion (a ship notice may nest
    its levels thousands deep)."""
    order = [node for root in roots for node in root.walk()]
    built: dict[int, Level] = {}
    for node in reversed(order):
        children = [built.pop(id(child)) for child in node.children]
        built[id(node)] = Level.make(node.loop, version, children=children)
    return [built[id(root)] for root in roots]


def _ignore(*problem: object, **args: object) -> None:
    """Problems of an HL tree built again for a model: the grammar stage reported them."""


def _invoice(loop: Loop, version: str) -> Document:
    lines = [InvoiceLine.make(it1, version) for it1 in loop.loops("IT1")]
    return Invoice.make(loop, version, parties=parties(loop, version), lines=lines)


def _functional_ack(loop: Loop, version: str) -> Document:
    responses = [SetResponse.make(ak2, version) for ak2 in loop.loops("AK2")]
    return FunctionalAck.make(loop, version, responses=responses)


def _implementation_ack(loop: Loop, version: str) -> Document:
    responses = [SetResponse.make(ak2, version) for ak2 in loop.loops("AK2")]
    return ImplementationAck.make(loop, version, responses=responses)


_BUILDERS = {
    "850": _purchase_order,
    "855": _acknowledgment,
    "810": _invoice,
    "997": _functional_ack,
    "999": _implementation_ack,
}
