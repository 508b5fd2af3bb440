"""The facts of one document (:mod:`edikit.rules.facts`), read once from the grammar stage's
loop and HL trees while the document is at hand; everything after one file works from them.

They are read from the segments directly, not through the typed models: a ship notice of
thousands of cartons would otherwise build a model for every level only to read three values
of each. The values read are the ones the models give (the same elements, conversions and
conventions: ``edikit.models.documents``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from sys import intern
from typing import Any, Final

from edikit.grammar.hierarchy import Node
from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.datatypes import as_date, as_decimal, as_int
from edikit.io.envelope import Context
from edikit.io.segment import Segment
from edikit.models.base import qualified
from edikit.rules.crossdoc.timing import at
from edikit.rules.facts import (
    AcknowledgedLine,
    AcknowledgmentFacts,
    Carton,
    InvoicedLine,
    InvoiceFacts,
    LineStatus,
    OrderFacts,
    OrderLine,
    Party,
    Place,
    ProductId,
    ShipDate,
    ShipNoticeFacts,
    ShippedItem,
    ShippedOrder,
    pack_segment,
    segment_place,
)

# DTM01 (374) 011: shipped.
SHIPPED_QUALIFIER: Final = "011"
# MAN01 (88) of a carton's SSCC-18 (GM) or U.P.C. shipping container code (UC).
CARTON_QUALIFIERS: Final = frozenset({"GM", "UC"})
AnyFacts = OrderFacts | AcknowledgmentFacts | ShipNoticeFacts | InvoiceFacts


def facts_of(parsed: ParsedTransaction, sent_at: dt.datetime | None) -> AnyFacts | None:
    """The facts of an 850, 855, 856 or 810 the grammar stage parsed, or None for any other
    transaction set (or one without a loop tree)."""
    loop = parsed.loop
    if loop is None:
        return None
    context = parsed.context
    common: dict[str, Any] = {
        "set_id": parsed.set_id,
        "control_number": parsed.control_number,
        "file": context.file,
        "interchange": context.interchange,
        "interchange_control": context.interchange_control,
        "group": context.group,
        "group_control": context.group_control,
        "transaction": context.transaction,
        "version": context.version or "",
        "sent_at": sent_at,
    }
    if parsed.set_id == "850":
        return _order(loop, common)
    if parsed.set_id == "855":
        return _acknowledgment(loop, context, common)
    if parsed.set_id == "856":
        return _ship_notice(loop, parsed.hierarchy or (), context, common)
    if parsed.set_id == "810":
        return _invoice(loop, context, common)
    return None


# -- shared -----------------------------------------------------------------------------------
def _party(n1_loop: Loop, context: Context | None) -> Party | None:
    n1 = n1_loop.first
    if n1 is None or n1.tag != "N1" or not n1[1]:
        return None
    return Party(
        entity=n1[1],
        qualifier=n1[3] or None,
        id=n1[4] or None,
        location=place(n1, 4) if context is not None else None,
    )


def _parties(loop: Loop, context: Context | None) -> list[Party]:
    return [p for p in (_party(n1, context) for n1 in loop.loops("N1")) if p is not None]


def _pack(loop: Loop) -> int | None:
    """PO401 of the loop's PO4: inner packs or eaches per outer pack."""
    return _pack_size(loop.segment("PO4"))


def _pack_size(po4: Segment | None) -> int | None:
    """PO401: inner packs or eaches per outer pack (None unless a positive number)."""
    value = as_int(po4[1]) if po4 is not None else None
    return value if value is not None and value > 0 else None


def _dates(loop: Loop) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    for dtm in loop.segments("DTM"):
        day = as_date(dtm[2])
        if dtm[1] and day is not None:
            found.setdefault(dtm[1], day)
    return found


def _code(segment: Segment | None, number: int) -> str | None:
    """A code (a unit, a qualifier): one string shared by every fact that names it."""
    value = segment[number] if segment is not None else ""
    return intern(value) if value else None


# Quantities and prices repeat: each is read once and one Decimal (immutable) shared.
_decimal: Final = lru_cache(maxsize=4096)(as_decimal)


def _text(segment: Segment | None, number: int) -> str | None:
    return (segment[number] or None) if segment is not None else None


# -- 850 --------------------------------------------------------------------------------------
def _order(loop: Loop, common: dict[str, Any]) -> OrderFacts:
    beg = loop.segment("BEG")
    lines = [_order_line(index, po1) for index, po1 in enumerate(loop.loops("PO1"))]
    # Built without validation: every value is of its type by construction, and an order of
    # thousands of lines would spend as long again validating them.
    return OrderFacts.model_construct(
        number=_text(beg, 3),
        purpose=_text(beg, 1),
        order_type=_text(beg, 2),
        date=as_date(beg[5]) if beg is not None else None,
        dates=_dates(loop),
        parties=_parties(loop, None),
        lines=lines,
        **common,
    )


def _order_line(index: int, loop: Loop) -> OrderLine:
    # Made for every line of an order: one pass over the loop's own segments, and the tuple
    # made without the NamedTuple's Python-level constructor. (This pass and those of an
    # invoice line and a ship notice item are written out for the IDs each reads: one helper
    # grouping a loop's segments by ID, with the elements read through shared helpers, made
    # the facts of a 500k-segment 850 a quarter slower.)
    po1s: list[Segment] = []
    sdqs: list[Segment] = []
    po4 = None
    for item in loop.items:
        if type(item) is Segment:
            tag = item.tag
            if tag == "PO1":
                po1s.append(item)
            elif tag == "SDQ":
                sdqs.append(item)
            elif tag == "PO4" and po4 is None:
                po4 = item
    distribution: dict[str, Decimal] = {}
    for sdq in sdqs:
        for number in range(3, 23, 2):
            location, amount = sdq[number], _decimal(sdq[number + 1])
            if location and amount is not None:
                distribution[location] = distribution.get(location, Decimal(0)) + amount
    values = po1s[0].elements if po1s else _NO_VALUES
    count = len(values)
    return _new_tuple(
        OrderLine,
        (
            index,
            (values[1] or None) if count > 1 else None,
            product_ids(po1s, 6, 25),
            _decimal(values[2]) if count > 2 else None,
            intern(values[3]) if count > 3 and values[3] else None,
            _decimal(values[4]) if count > 4 else None,
            _pack_size(po4),
            distribution,
            _code(sdqs[0], 1) if sdqs else None,
        ),
    )


_NO_VALUES: Final[list[str]] = []


def product_ids(segments: list[Segment], first: int, last: int) -> dict[str, str]:
    """Qualifier/value pairs of a segment's element range (PO106/PO107, PO108/PO109, ...),
    the first value of a qualifier kept (``edikit.models.base.qualified``).

    Documents name the same products again and again (a ship notice of thousands of items
    holds a few hundred UPCs): the pairs of one segment are read once and the same map shared
    by every fact that names them (facts are read only)."""
    if len(segments) == 1:
        elements = segments[0].elements
        key = tuple(elements[first : last + 1])  # the last pair's value is element ``last``
        found = _PRODUCT_IDS.get(key)
        if found is None:
            if len(_PRODUCT_IDS) >= MAX_PRODUCT_IDS:
                _PRODUCT_IDS.clear()
            found = _PRODUCT_IDS[key] = _pairs(segments, first, last)
        return found
    return _pairs(segments, first, last)


def _pairs(segments: list[Segment], first: int, last: int) -> dict[str, str]:
    found: dict[str, str] = {}
    for segment in segments:
        elements = segment.elements
        for number in range(first, min(last, len(elements) - 1), 2):
            qualifier, value = elements[number], elements[number + 1]
            if qualifier and value and qualifier not in found:
                found[intern(qualifier)] = value
    return found


# Product ID maps shared, by the values of the elements they are read from (see product_ids).
MAX_PRODUCT_IDS: Final = 8_192
_PRODUCT_IDS: dict[tuple[str, ...], dict[str, str]] = {}


# -- 855 --------------------------------------------------------------------------------------
def _acknowledgment(loop: Loop, context: Context, common: dict[str, Any]) -> AcknowledgmentFacts:
    bak = loop.segment("BAK")
    return AcknowledgmentFacts(
        purchase_order=_text(bak, 3),
        purchase_order_at=place(bak, 3) if bak is not None else None,
        acknowledgment_type=_text(bak, 2),
        acknowledgment_type_at=place(bak, 2) if bak is not None else None,
        lines=[line for po1 in loop.loops("PO1") if (line := _acknowledged(po1, context))],
        **common,
    )


def _acknowledged(loop: Loop, context: Context) -> AcknowledgedLine | None:
    po1 = loop.segment("PO1")
    if po1 is None:
        return None
    acks = [ack for ack in loop.walk() if ack.tag == "ACK"]
    ids = qualified(loop.segments("PO1"), 6, 25)
    for ack in acks:
        ids.update({q: v for q, v in qualified(iter([ack]), 7, 26).items() if q not in ids})
    statuses = [
        LineStatus(
            status=ack[1] or None,
            quantity=as_decimal(ack[2]),
            unit=ack[3] or None,
            location=place(ack, 2),
        )
        for ack in acks
    ]
    return AcknowledgedLine(
        line_number=po1[1] or None,
        product_ids=ids,
        sent_ids=list(_sent_ids(po1, context)),
        quantity=as_decimal(po1[2]),
        unit=po1[3] or None,
        unit_price=as_decimal(po1[4]),
        pack=_pack(loop),
        statuses=statuses,
        number_at=place(po1, 1),
        quantity_at=place(po1, 2),
        price_at=place(po1, 4),
    )


def _sent_ids(po1: Segment, context: Context) -> Iterator[ProductId]:
    """PO106/PO107, PO108/PO109...: each pair as sent, with the place of its ID."""
    for number in range(6, len(po1.elements) - 1, 2):
        qualifier, value = po1[number], po1[number + 1]
        if qualifier and value:
            location = place(po1, number + 1)
            yield ProductId(qualifier=qualifier, value=value, location=location)


# -- 856 --------------------------------------------------------------------------------------
def _ship_notice(
    loop: Loop, roots: tuple[Node, ...], context: Context, common: dict[str, Any]
) -> ShipNoticeFacts:
    bsn = loop.segment("BSN")
    levels = _LevelFacts(context)
    levels.read(roots)
    shipment = levels.shipment
    # Built without validation: every value is of its type by construction, and a ship
    # notice of thousands of cartons would spend as long again validating them.
    return ShipNoticeFacts.model_construct(
        shipment_id=_text(bsn, 2),
        shipment_id_at=place(bsn, 2) if bsn is not None else None,
        purpose=_text(bsn, 1),
        shipped=_ship_date(shipment.loop, context) if shipment is not None else None,
        heading_shipped=_ship_date(loop, context),
        created=_created(bsn),
        shipment_parties=_parties(shipment.loop, context) if shipment is not None else [],
        orders=levels.orders,
        cartons=levels.cartons,
        **common,
    )


class _LevelFacts:
    """The facts of a ship notice's HL levels, read in one pass over the tree (a ship notice
    may have tens of thousands of levels): the first shipment level, each order level with a
    PRF01 and the item levels below it, and every level's carton."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.shipment: Node | None = None
        self.orders: list[ShippedOrder] = []
        self.cartons: list[Carton] = []

    def read(self, roots: tuple[Node, ...]) -> None:
        # Depth first in input order (no recursion: levels may nest thousands deep), each
        # node with the item list of the order level it stands under (an item belongs to its
        # nearest order level that names a PO).
        stack: list[tuple[Node, list[ShippedItem] | None]] = [
            (root, None) for root in reversed(roots)
        ]
        while stack:
            node, items = stack.pop()
            items = self._level(node, items)
            if node.children:  # most levels (the items) have none
                stack.extend([(child, items) for child in reversed(node.children)])

    def _level(self, node: Node, items: list[ShippedItem] | None) -> list[ShippedItem] | None:
        level = node.level
        if level == "I":
            if items is not None:
                items.append(_shipped_item(node.loop))
        elif level == "O":
            order = _shipped_order(node, self.context)
            if order is not None:
                self.orders.append(order)
                items = order.items
        elif level == "S" and self.shipment is None:
            self.shipment = node
        carton = _carton(node)
        if carton is not None:
            self.cartons.append(carton)
        return items


def _shipped_order(node: Node, context: Context) -> ShippedOrder | None:
    prf = node.loop.segment("PRF")
    if prf is None or not prf[1]:
        return None
    return ShippedOrder.model_construct(
        purchase_order=prf[1],
        purchase_order_at=place(prf, 1),
        parties=_parties(node.loop, context),
        items=[],  # filled as the levels below are read
    )


def _shipped_item(loop: Loop) -> ShippedItem:
    # Made for every item of a ship notice: one pass over the level's own segments, and the
    # tuple made without the NamedTuple's Python-level constructor.
    lins: list[Segment] = []
    sn1 = po4 = None
    for item in loop.items:
        if type(item) is Segment:
            tag = item.tag
            if tag == "LIN":
                lins.append(item)
            elif tag == "SN1":
                if sn1 is None:
                    sn1 = item
            elif tag == "PO4" and po4 is None:
                po4 = item
    if sn1 is not None:
        sn1_values = sn1.elements
        quantity = _decimal(sn1_values[2]) if len(sn1_values) > 2 else None
        unit = intern(sn1_values[3]) if len(sn1_values) > 3 and sn1_values[3] else None
    else:
        quantity = unit = None
    return _new_tuple(
        ShippedItem,
        (
            product_ids(lins, 2, 31),
            quantity,
            unit,
            _pack_size(po4),
            packed_segment(lins[0]) if lins else None,
            packed_segment(sn1) if sn1 is not None else None,
        ),
    )


def _carton(node: Node) -> Carton | None:
    """A level's SSCC (MAN01 GM, a leading application identifier 00 removed) or case code
    (MAN01 UC), from its first MAN that carries one."""
    for man in node.loop.items:
        if type(man) is Segment and man.tag == "MAN":
            qualifier, value = man[1], man[2]
            if qualifier in CARTON_QUALIFIERS and value:
                sscc = value[2:] if len(value) == 20 and value.startswith("00") else value
                return _new_tuple(Carton, (sscc, node.hl[1] or None, packed_segment(man)))
    return None


def _ship_date(loop: Loop, context: Context) -> ShipDate | None:
    """The DTM*011 (shipped) of ``loop``: the shipment level, or the heading."""
    dtm = next((s for s in loop.segments("DTM") if s[1] == SHIPPED_QUALIFIER), None)
    if dtm is None:
        return None
    moment = at(dtm[2], dtm[3] or None, dtm[4] or None)
    return ShipDate(date=as_date(dtm[2]), moment=moment, location=place(dtm, 2))


def _created(bsn: Segment | None) -> ShipDate | None:
    """BSN03 and BSN04: the date and time the ship notice was made."""
    if bsn is None or not bsn[3]:
        return None
    moment = at(bsn[3], bsn[4] or None, None)
    return ShipDate(date=as_date(bsn[3]), moment=moment, location=place(bsn, 3))


# -- 810 --------------------------------------------------------------------------------------
def _invoice(loop: Loop, context: Context, common: dict[str, Any]) -> InvoiceFacts:
    big = loop.segment("BIG")
    # Built without validation, as an order is (``_order``).
    return InvoiceFacts.model_construct(
        number=_text(big, 2),
        number_at=place(big, 2) if big is not None else None,
        purchase_order=_text(big, 4),
        purchase_order_at=place(big, 4) if big is not None else None,
        purpose=_text(big, 8),
        lines=[line for it1 in loop.loops("IT1") if (line := _invoiced(it1, context))],
        **common,
    )


def _invoiced(loop: Loop, context: Context) -> InvoicedLine | None:
    # Made for every line of an invoice: one pass over the loop's own segments.
    it1s: list[Segment] = []
    po4 = None
    for item in loop.items:
        if type(item) is Segment:
            tag = item.tag
            if tag == "IT1":
                it1s.append(item)
            elif tag == "PO4" and po4 is None:
                po4 = item
    if not it1s:
        return None
    it1 = it1s[0]
    ids = product_ids(it1s, 6, 25)
    values = it1.elements
    count = len(values)
    return _new_tuple(
        InvoicedLine,
        (
            ids,
            _decimal(values[2]) if count > 2 else None,
            intern(values[3]) if count > 3 and values[3] else None,
            _decimal(values[4]) if count > 4 else None,
            _pack_size(po4),
            packed_segment(it1),
        ),
    )


def place(segment: Segment, element: int) -> Place:
    """Where element ``element`` of ``segment`` is (as :meth:`Context.locate` counts it)."""
    return segment_place(packed_segment(segment), element)


def packed_segment(segment: Segment) -> bytes:
    """``segment`` as the facts of lines and items keep it: where it stands and its text
    (:func:`~edikit.rules.facts.pack_segment`)."""
    return pack_segment(
        segment.index,
        segment.position,
        segment.line,
        segment.column,
        segment.offset,
        segment.delimiters.element,
        segment.raw,
    )


_new_tuple: Final = tuple.__new__
