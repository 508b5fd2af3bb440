"""The facts of one document (:mod:`edikit.rules.facts`), read once from its typed model while
the document is at hand; everything after one file works from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from edikit.grammar.transaction import ParsedTransaction
from edikit.io.envelope import Context
from edikit.io.segment import Segment
from edikit.location import Location
from edikit.models.base import qualified
from edikit.models.documents import (
    AcknowledgedLine as AcknowledgedLineModel,
)
from edikit.models.documents import (
    Document,
    Invoice,
    Level,
    POAcknowledgment,
    PurchaseOrder,
    ShipNotice,
)
from edikit.models.parts import Party as PartyModel
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
    ProductId,
    ShipDate,
    ShipNoticeFacts,
    ShippedItem,
    ShippedOrder,
)

# DTM01 (374) 011: shipped.
SHIPPED_QUALIFIER = "011"


def facts_of(
    parsed: ParsedTransaction, document: Document | None, sent_at: dt.datetime | None
) -> OrderFacts | AcknowledgmentFacts | ShipNoticeFacts | InvoiceFacts | None:
    """The facts of ``document`` (an 850, 855, 856 or 810), or None for any other."""
    context = parsed.context
    common: dict[str, Any] = {
        "set_id": parsed.set_id,
        "control_number": parsed.control_number,
        "file": context.file,
        "interchange": context.interchange,
        "group": context.group,
        "transaction": context.transaction,
        "version": context.version or "",
        "sent_at": sent_at,
    }
    if isinstance(document, PurchaseOrder):
        return _order(document, common)
    if isinstance(document, POAcknowledgment):
        return _acknowledgment(document, context, common)
    if isinstance(document, ShipNotice):
        return _ship_notice(document, context, common)
    if isinstance(document, Invoice):
        return _invoice(document, context, common)
    return None


# -- 850 --------------------------------------------------------------------------------------
def _order(order: PurchaseOrder, common: dict[str, Any]) -> OrderFacts:
    lines = [
        OrderLine(
            index=index,
            line_number=line.line_number,
            product_ids=line.product_ids,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            pack=line.pack,
            distribution=line.distribution,
            distribution_unit=line.distribution_unit,
        )
        for index, line in enumerate(order.lines)
    ]
    dates = {qualifier: day for qualifier, day in order.dates.items() if day is not None}
    return OrderFacts(
        number=order.number,
        purpose=order.purpose,
        order_type=order.order_type,
        date=order.date,
        dates=dates,
        parties=[_party(p, None) for p in order.parties if p.entity],
        lines=lines,
        **common,
    )


def _party(party: PartyModel, context: Context | None) -> Party:
    n1 = party.loop.segment("N1")
    location = context.locate(n1, 4) if context is not None and n1 is not None else None
    return Party(
        entity=party.entity or "",
        qualifier=party.id_qualifier,
        id=party.id,
        location=location,
    )


# -- 855 --------------------------------------------------------------------------------------
def _acknowledgment(
    ack: POAcknowledgment, context: Context, common: dict[str, Any]
) -> AcknowledgmentFacts:
    bak = ack.loop.segment("BAK")
    return AcknowledgmentFacts(
        purchase_order=ack.purchase_order_number,
        purchase_order_at=context.locate(bak, 3) if bak is not None else None,
        acknowledgment_type=ack.acknowledgment_type,
        acknowledgment_type_at=context.locate(bak, 2) if bak is not None else None,
        lines=[found for line in ack.lines if (found := _acknowledged(line, context))],
        **common,
    )


def _acknowledged(line: AcknowledgedLineModel, context: Context) -> AcknowledgedLine | None:
    po1 = line.loop.segment("PO1")
    if po1 is None:
        return None
    ids = dict(line.product_ids)
    for ack in line.loop.segments("ACK"):
        ids.update({q: v for q, v in qualified(iter([ack]), 7, 26).items() if q not in ids})
    statuses = [
        LineStatus(
            status=status.status,
            quantity=status.quantity,
            unit=status.unit,
            location=context.locate(status.segment, 2) if status.segment is not None else None,
        )
        for status in line.acknowledgments
    ]
    return AcknowledgedLine(
        line_number=line.line_number,
        product_ids=ids,
        sent_ids=list(_sent_ids(po1, context)),
        quantity=line.quantity,
        unit=line.unit,
        unit_price=line.unit_price,
        pack=line.pack,
        statuses=statuses,
        number_at=context.locate(po1, 1),
        quantity_at=context.locate(po1, 2),
        price_at=context.locate(po1, 4),
    )


def _sent_ids(po1: Segment, context: Context) -> Iterator[ProductId]:
    """PO106/PO107, PO108/PO109...: each pair as sent, with the place of its ID."""
    for number in range(6, len(po1.elements) - 1, 2):
        qualifier, value = po1[number], po1[number + 1]
        if qualifier and value:
            yield ProductId(
                qualifier=qualifier, value=value, location=context.locate(po1, number + 1)
            )


# -- 856 --------------------------------------------------------------------------------------
def _ship_notice(notice: ShipNotice, context: Context, common: dict[str, Any]) -> ShipNoticeFacts:
    bsn = notice.loop.segment("BSN")
    shipment = notice.shipment
    orders = [
        order
        for level in notice.walk()
        if level.level_code == "O" and (order := _shipped_order(level, context)) is not None
    ]
    cartons = [carton for level in notice.walk() if (carton := _carton(level, context))]
    return ShipNoticeFacts(
        shipment_id=notice.shipment_id,
        shipment_id_at=context.locate(bsn, 2) if bsn is not None else None,
        purpose=notice.purpose,
        shipped=_ship_date(shipment, context) if shipment is not None else None,
        shipment_parties=[_party(p, context) for p in shipment.parties if p.entity]
        if shipment is not None
        else [],
        orders=orders,
        cartons=cartons,
        **common,
    )


def _shipped_order(level: Level, context: Context) -> ShippedOrder | None:
    prf = level.loop.segment("PRF")
    number = level.purchase_order_number
    if prf is None or not number:
        return None
    items = [
        ShippedItem(
            product_ids=item.product_ids,
            quantity=item.quantity,
            unit=item.unit,
            pack=item.pack,
            item_at=_at(item.loop.segment("LIN"), 3, context),
            quantity_at=_at(item.loop.segment("SN1"), 2, context),
        )
        for item in level.below("I")
    ]
    return ShippedOrder(
        purchase_order=number,
        purchase_order_at=context.locate(prf, 1),
        parties=[_party(p, context) for p in level.parties if p.entity],
        items=items,
    )


def _carton(level: Level, context: Context) -> Carton | None:
    sscc, man = level.sscc, level.loop.segment("MAN")
    if not sscc or man is None:
        return None
    return Carton(sscc=sscc, level=level.id, location=context.locate(man, 2))


def _ship_date(shipment: Level, context: Context) -> ShipDate | None:
    """The shipment level's DTM*011 (shipped)."""
    view = next((v for v in shipment.views("DTM") if v.raw(1) == SHIPPED_QUALIFIER), None)
    if view is None:
        return None
    day: dt.date | None = view.date  # type: ignore[attr-defined]
    moment = at(view.raw(2), view.raw(3) or None, view.raw(4) or None)
    return ShipDate(date=day, moment=moment, location=context.locate(view.segment, 2))


# -- 810 --------------------------------------------------------------------------------------
def _invoice(invoice: Invoice, context: Context, common: dict[str, Any]) -> InvoiceFacts:
    big = invoice.loop.segment("BIG")
    lines = []
    for line in invoice.lines:
        it1 = line.loop.segment("IT1")
        if it1 is None:
            continue
        lines.append(
            InvoicedLine(
                product_ids=line.product_ids,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                pack=line.pack,
                quantity_at=context.locate(it1, 2),
                price_at=context.locate(it1, 4),
                item_at=context.locate(it1, 7 if line.product_ids else 1),
            )
        )
    return InvoiceFacts(
        number=invoice.number,
        number_at=context.locate(big, 2) if big is not None else None,
        purchase_order=invoice.purchase_order_number,
        purchase_order_at=context.locate(big, 4) if big is not None else None,
        purpose=big[8] or None if big is not None else None,
        lines=lines,
        **common,
    )


def _at(segment: Segment | None, element: int, context: Context) -> Location | None:
    return context.locate(segment, element) if segment is not None else None
