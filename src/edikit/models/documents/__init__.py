"""The typed transaction sets: 850, 855, 856, 810, 997 and 999, one module each.

``document(parsed)`` builds the model for a transaction set the grammar stage parsed.
"""

from __future__ import annotations

from collections.abc import Callable

from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.models.documents.acknowledgment import (
    AcknowledgedLine,
    LineAcknowledgment,
    POAcknowledgment,
    build_acknowledgment,
)
from edikit.models.documents.document import Document
from edikit.models.documents.functional_ack import (
    FunctionalAck,
    ImplementationAck,
    SetResponse,
    build_functional_ack,
    build_implementation_ack,
)
from edikit.models.documents.invoice import Invoice, InvoiceLine, build_invoice
from edikit.models.documents.purchase_order import (
    PurchaseOrder,
    PurchaseOrderLine,
    build_purchase_order,
)
from edikit.models.documents.ship_notice import Level, ShipNotice, build_ship_notice

__all__ = [
    "AcknowledgedLine",
    "Document",
    "DocumentType",
    "FunctionalAck",
    "ImplementationAck",
    "Invoice",
    "InvoiceLine",
    "Level",
    "LineAcknowledgment",
    "POAcknowledgment",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "SetResponse",
    "ShipNotice",
    "document",
]

DocumentType = PurchaseOrder | POAcknowledgment | ShipNotice | Invoice | FunctionalAck


def document(parsed: ParsedTransaction) -> Document | None:
    """The typed model of a transaction set the grammar stage parsed, or None for a set
    edikit has no model (or no segment table) for."""
    loop = parsed.loop
    if loop is None:
        return None
    if parsed.set_id == "856":
        return build_ship_notice(loop, parsed.version, parsed.hierarchy)
    builder = _BUILDERS.get(parsed.set_id)
    return builder(loop, parsed.version) if builder is not None else None


_BUILDERS: dict[str, Callable[[Loop, str], Document]] = {
    "850": build_purchase_order,
    "855": build_acknowledgment,
    "810": build_invoice,
    "997": build_functional_ack,
    "999": build_implementation_ack,
}
