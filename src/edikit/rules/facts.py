"""The facts of a document that rules beyond one file need: the cross-document checks, the
order book and the scorecard read these, never the document again.

A :class:`DocumentFacts` is plain data (pydantic, frozen): it pickles to another process or
machine, and the order book stores it as JSON. Each fact that a later finding may point at
carries its :class:`Place` (the PO number of an 855 at BAK03, the units of a ship notice item at
SN102), so a cross-document finding lands where it would have landed had the documents been
checked together. A place is a small tuple; the :class:`~edikit.location.Location` of a finding
is made from it and the document's facts only when a finding is made.

The facts a document holds by the thousand (a ship notice's items and cartons, an invoice's
lines) keep, instead of places, the segment they were read from, packed: where it stands and
its text (:data:`SEGMENT_HEADER`, one ``bytes`` value). Their places are worked out from that
when asked. Seven Python ints and a tuple per place were most of what validation held of a
large file (a 500,000-segment 810: 120 of 175 MB), and working each place out at once was a
third of the time the facts took.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Annotated, Final, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from edikit.location import Location


class Place(NamedTuple):
    """Where in its document a fact was read: the segment (ID, index in the input, position in
    its transaction set, line, column and offset of the element) and the element."""

    segment: str
    segment_index: int | None
    position: int | None
    line: int | None
    column: int | None
    offset: int | None
    element: int | None


# A segment packed: its index in the input, its position in its transaction set (-1: none),
# the line, column and offset where it starts (0, 0 and -1 for a segment built in code), and
# how many bytes its element separator takes; then the separator and the segment's text
# (UTF-8, a lone surrogate of a segment built in code passed through).
SEGMENT_HEADER: Final = struct.Struct("<5qB")
_SURROGATES: Final = "surrogatepass"


def pack_segment(
    index: int, position: int | None, line: int, column: int, offset: int, separator: str, raw: str
) -> bytes:
    """A segment as the facts of lines and items keep it (:data:`SEGMENT_HEADER`)."""
    text = (separator + raw).encode("utf-8", _SURROGATES)
    size = len(separator.encode("utf-8", _SURROGATES))
    where = (index, -1 if position is None else position, line, column, offset, size)
    return SEGMENT_HEADER.pack(*where) + text


def segment_place(packed: bytes, element: int) -> Place:
    """Where element ``element`` of a packed segment is (as :meth:`Context.locate
    <edikit.io.envelope.Context.locate>` counts it: at the end of the segment for an element
    not written)."""
    index, position, line, column, offset, size = SEGMENT_HEADER.unpack_from(packed)
    start = SEGMENT_HEADER.size
    separator = packed[start : start + size].decode("utf-8", _SURROGATES)
    values = packed[start + size :].decode("utf-8", _SURROGATES).split(separator)
    tag, index_or_none = values[0], index if index >= 0 else None
    where = position if position >= 0 else None
    if offset < 0:  # a segment built in code: no place in any input
        return Place(tag, index_or_none, where, None, None, None, element)
    upto = min(element, len(values))
    shift = len(separator.join(values[:upto])) + 1 if upto else 0
    return Place(tag, index_or_none, where, line or None, column + shift, offset + shift, element)


def _segment_from(value: object) -> object:
    """A segment as JSON gives it back (:func:`_segment_to`), packed."""
    if isinstance(value, dict):
        return pack_segment(
            value["segment_index"],
            value["position"],
            value["line"],
            value["column"],
            value["offset"],
            value["separator"],
            value["text"],
        )
    return value


def _segment_to(packed: bytes) -> dict[str, object]:
    index, position, line, column, offset, size = SEGMENT_HEADER.unpack_from(packed)
    start = SEGMENT_HEADER.size
    return {
        "segment_index": index,
        "position": position if position >= 0 else None,
        "line": line,
        "column": column,
        "offset": offset,
        "separator": packed[start : start + size].decode("utf-8", _SURROGATES),
        "text": packed[start + size :].decode("utf-8", _SURROGATES),
    }


#: A segment a fact was read from, packed (:func:`pack_segment`): where it stands and its
#: text; in JSON an object with those.
PackedSegment = Annotated[
    bytes, BeforeValidator(_segment_from), PlainSerializer(_segment_to, when_used="json")
]


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Party(Fact):
    """An N1 loop: N101 entity (ST ship-to, BY buying party or store, Z7 mark-for...), N103
    qualifier and N104 ID, with the place of N104."""

    entity: str
    qualifier: str | None = None
    id: str | None = None
    location: Place | None = None


class DocumentFacts(Fact):
    """What every document says of itself: which it is, where, and when its sender put it in
    its functional group (GS04/GS05, the envelope's event time)."""

    set_id: str
    control_number: str
    file: str | None = None
    interchange: int = 0
    interchange_control: str = ""
    group: int | None = None
    group_control: str | None = None
    transaction: int | None = None
    version: str = ""
    sent_at: dt.datetime | None = None

    def locate(self, place: Place) -> Location:
        """The location of a finding at ``place`` in this document."""
        return Location(
            file=self.file,
            interchange=self.interchange,
            interchange_control=self.interchange_control,
            group=self.group,
            group_control=self.group_control,
            transaction=self.transaction,
            transaction_control=self.control_number,
            transaction_set=self.set_id,
            segment_id=place.segment,
            segment_index=place.segment_index,
            segment_position=place.position,
            element=place.element,
            line=place.line,
            column=place.column,
            offset=place.offset,
        )

    def describe(self) -> str:
        """``856 0001 in asn.edi``: how a finding names another document."""
        return f"{self.set_id} {self.control_number} in {self.file or 'the input'}"

    @property
    def key(self) -> tuple[str | None, int, int | None, int | None]:
        """Where the document is: file, interchange, group, transaction set."""
        return (self.file, self.interchange, self.group, self.transaction)


# -- 850 --------------------------------------------------------------------------------------
class OrderLine(NamedTuple):
    """A PO1 loop: the line's index among the PO1 loops (0-based), PO101, product IDs by
    qualifier, quantity, unit and price, PO401 pack size, and the SDQ store distribution. (A
    tuple, not a model: an order holds thousands.)"""

    index: int  # type: ignore[assignment]  # the field shadows tuple.index, as named before
    line_number: str | None = None
    product_ids: dict[str, str] = {}  # noqa: RUF012 (never changed: facts are read only)
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    pack: int | None = None
    distribution: dict[str, Decimal] = {}  # noqa: RUF012
    distribution_unit: str | None = None

    @property
    def label(self) -> str:
        """``line 3``: PO101, or the line's place among the PO1 loops."""
        return f"line {self.line_number or self.index + 1}"


class OrderFacts(DocumentFacts):
    """An 850."""

    kind: Literal["order"] = "order"
    number: str | None = None  # BEG03
    purpose: str | None = None  # BEG01: 00 original, 01 cancellation...
    order_type: str | None = None  # BEG02
    date: dt.date | None = None  # BEG05
    dates: dict[str, dt.date] = {}  # heading DTM by qualifier (037, 038, 010, 001, 002...)
    parties: list[Party] = []
    lines: list[OrderLine] = []

    def party(self, entity: str) -> Party | None:
        return next((p for p in self.parties if p.entity == entity), None)

    @property
    def stores(self) -> set[str]:
        """The stores the lines distribute to (SDQ)."""
        return {store for line in self.lines for store in line.distribution}


# -- 855 --------------------------------------------------------------------------------------
class LineStatus(Fact):
    """An ACK segment: ACK01 status, ACK02 quantity (with the place of ACK02), ACK03 unit."""

    status: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    location: Place | None = None


class ProductId(Fact):
    """One qualifier/ID pair of a line, with the place of the ID."""

    qualifier: str
    value: str
    location: Place


class AcknowledgedLine(Fact):
    """A PO1 loop of an 855. ``product_ids`` are those of the PO1 and its ACK segments;
    ``sent_ids`` the PO1's own pairs, each with its place; the locations are PO101, PO102 and
    PO104."""

    line_number: str | None = None
    product_ids: dict[str, str] = {}
    sent_ids: list[ProductId] = []
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    pack: int | None = None
    statuses: list[LineStatus] = []
    number_at: Place
    quantity_at: Place
    price_at: Place


class AcknowledgmentFacts(DocumentFacts):
    """An 855."""

    kind: Literal["acknowledgment"] = "acknowledgment"
    purchase_order: str | None = None  # BAK03
    purchase_order_at: Place | None = None
    acknowledgment_type: str | None = None  # BAK02: AC, AD, AK, RD...
    acknowledgment_type_at: Place | None = None
    lines: list[AcknowledgedLine] = []


# -- 856 --------------------------------------------------------------------------------------
class ShippedItem(NamedTuple):
    """An item level: product IDs (LIN), units shipped (SN102) and unit, pack size, and the
    LIN and SN1 they were read from (packed; ``item_at`` and ``quantity_at`` are the places of
    LIN03 and SN102). (A tuple, not a model: a ship notice holds thousands.)"""

    product_ids: dict[str, str]
    quantity: Decimal | None
    unit: str | None
    pack: int | None
    lin: PackedSegment | None  # the first LIN
    sn1: PackedSegment | None  # the first SN1

    @property
    def item_at(self) -> Place | None:
        """LIN03 (None without a LIN)."""
        return segment_place(self.lin, 3) if self.lin is not None else None

    @property
    def quantity_at(self) -> Place | None:
        """SN102 (None without an SN1)."""
        return segment_place(self.sn1, 2) if self.sn1 is not None else None


class ShippedOrder(Fact):
    """An order level: the PO it ships (PRF01), the parties of the order level, and the items
    below it."""

    purchase_order: str
    purchase_order_at: Place
    parties: list[Party] = []
    items: list[ShippedItem] = []

    def store(self, entities: frozenset[str]) -> Party | None:
        """The first party of the order level with one of ``entities`` and an ID."""
        return next((p for p in self.parties if p.entity in entities and p.id), None)


class Carton(NamedTuple):
    """A pack or tare with an SSCC (MAN01 GM, or UC), its HL01, and the MAN it was read from
    (packed; ``location`` is the place of MAN02). (A tuple, not a model: a ship notice holds
    thousands.)"""

    sscc: str
    level: str | None
    man: PackedSegment  # the MAN that names it

    @property
    def location(self) -> Place:
        """MAN02."""
        return segment_place(self.man, 2)


class ShipDate(Fact):
    """A ship date (the shipment's or the heading's DTM*011, or BSN03/BSN04): the date, the
    moment it names (None when it is not a real one) and its place."""

    date: dt.date | None = None
    moment: dt.datetime | None = None
    location: Place


# Where a ship notice's ship date is read, in order, unless a profile says otherwise
# (po.ship_window ship_date): the shipment level's DTM*011, else the heading's.
SHIP_DATE_SOURCES: Final = ("shipment", "heading")


class ShipNoticeFacts(DocumentFacts):
    """An 856."""

    kind: Literal["ship-notice"] = "ship-notice"
    shipment_id: str | None = None  # BSN02
    shipment_id_at: Place | None = None
    purpose: str | None = None  # BSN01
    shipped: ShipDate | None = None  # the shipment level's DTM*011
    heading_shipped: ShipDate | None = None  # a DTM*011 in the heading (before the first HL)
    created: ShipDate | None = None  # BSN03/BSN04: when the ship notice was made
    shipment_parties: list[Party] = []
    orders: list[ShippedOrder] = []
    cartons: list[Carton] = []

    def ship_date(self, sources: Sequence[str] = SHIP_DATE_SOURCES) -> ShipDate | None:
        """The first ship date found among ``sources``: ``shipment`` (the shipment level's
        DTM*011), ``heading`` (a DTM*011 before the first HL), ``bsn`` (BSN03/BSN04)."""
        found = {"shipment": self.shipped, "heading": self.heading_shipped, "bsn": self.created}
        return next((found[s] for s in sources if found.get(s) is not None), None)

    @property
    def shipment(self) -> str:
        """BSN02, or the document itself when it has none."""
        return self.shipment_id or f"({self.describe()})"


# -- 810 --------------------------------------------------------------------------------------
class InvoicedLine(NamedTuple):
    """An IT1 loop: product IDs, IT102 quantity, unit, IT104 price, pack size, and the IT1
    they were read from (packed; ``quantity_at``, ``price_at`` and ``item_at`` are the places of
    IT102, IT104 and the product ID: IT107, or IT101 without one). (A tuple, not a model: an
    invoice holds thousands.)"""

    product_ids: dict[str, str]
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    pack: int | None
    it1: PackedSegment  # the first IT1

    @property
    def quantity_at(self) -> Place:
        """IT102."""
        return segment_place(self.it1, 2)

    @property
    def price_at(self) -> Place:
        """IT104."""
        return segment_place(self.it1, 4)

    @property
    def item_at(self) -> Place:
        """IT107, or IT101 when the line names no product ID."""
        return segment_place(self.it1, 7 if self.product_ids else 1)


class InvoiceFacts(DocumentFacts):
    """An 810."""

    kind: Literal["invoice"] = "invoice"
    number: str | None = None  # BIG02
    number_at: Place | None = None
    purchase_order: str | None = None  # BIG04
    purchase_order_at: Place | None = None
    purpose: str | None = None  # BIG08
    lines: list[InvoicedLine] = []


AnyFacts = Annotated[
    OrderFacts | AcknowledgmentFacts | ShipNoticeFacts | InvoiceFacts,
    Field(discriminator="kind"),
]


def product_line_facts(facts: DocumentFacts) -> Iterator[dict[str, str]]:
    """Every set of product IDs a document names (its lines or items)."""
    if isinstance(facts, OrderFacts | AcknowledgmentFacts | InvoiceFacts):
        for line in facts.lines:
            yield line.product_ids
    elif isinstance(facts, ShipNoticeFacts):
        for order in facts.orders:
            for item in order.items:
                yield item.product_ids
