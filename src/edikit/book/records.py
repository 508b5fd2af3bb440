"""What the order book records of each document for the scorecard (``documents``): its
trading partner, the PO it names, its event time, its findings counted, and the few facts the
KPIs read (``details``: a ship notice's shipment, purpose and ship date and time; an
acknowledgment's type; an invoice's number). Read from the facts the checks extracted, never
from the document again."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from edikit.api import validate_file
from edikit.rules.facts import (
    AcknowledgmentFacts,
    DocumentFacts,
    InvoiceFacts,
    OrderFacts,
    ShipNoticeFacts,
)
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity

# Sets a retailer sends (its ID is the interchange's sender); the brand sends the others.
RETAILER_SENDS = frozenset({"850", "860"})


def document_rows(content: bytes, name: str, file_id: int) -> list[dict[str, Any]]:
    """The rows of a file stored by an earlier book (read once, when the book is migrated)."""
    return rows_of(validate_file(content, name=name), file_id, None)


def rows_of(
    result: FileResult, file_id: int, received_at: dt.datetime | None
) -> list[dict[str, Any]]:
    """One row per document of ``result`` that has facts (850, 855, 856, 810). Its event time
    is ``received_at`` when the file's receipt was given, else its group's GS04/GS05, as the
    timing rules read it."""
    partners = {i.index: (i.sender[1].strip(), i.receiver[1].strip()) for i in result.interchanges}
    rows = []
    for index, document in enumerate(result.documents):
        facts = document.facts
        if facts is None:
            continue
        sender, receiver = partners.get(document.interchange, ("", ""))
        rows.append(
            {
                "file_id": file_id,
                "set_index": index,  # the document's place among the file's sets
                "set_id": document.set_id,
                "partner": (sender if document.set_id in RETAILER_SENDS else receiver) or None,
                "order_number": order_named(document),
                "event_at": received_at if received_at is not None else facts.sent_at,
                "details": json.dumps(details(facts)),
                "errors": _count(document, Severity.ERROR),
                "warnings": _count(document, Severity.WARNING),
            }
        )
    return rows


def details(facts: DocumentFacts) -> dict[str, Any]:
    """The facts of a document the scorecard reads."""
    if isinstance(facts, ShipNoticeFacts):
        shipped = facts.shipped
        return {
            "purpose": facts.purpose,
            "shipment": facts.shipment_id,
            "shipped_on": shipped.date.isoformat() if shipped and shipped.date else None,
            "shipped_at": shipped.moment.isoformat() if shipped and shipped.moment else None,
            "orders": sorted({o.purchase_order for o in facts.orders}),
        }
    if isinstance(facts, AcknowledgmentFacts):
        return {"type": facts.acknowledgment_type}
    if isinstance(facts, InvoiceFacts):
        return {"number": facts.number, "purpose": facts.purpose}
    if isinstance(facts, OrderFacts):
        return {"purpose": facts.purpose}
    return {}


def order_named(document: DocumentResult) -> str | None:
    """The PO number a document is about: BEG03, BAK03, BIG04, or an 856's first PRF01."""
    facts = document.facts
    if isinstance(facts, OrderFacts):
        return facts.number
    if isinstance(facts, AcknowledgmentFacts | InvoiceFacts):
        return facts.purchase_order
    if isinstance(facts, ShipNoticeFacts):
        return next((o.purchase_order for o in facts.orders), None)
    return None


def _count(document: DocumentResult, severity: Severity) -> int:
    return sum(1 for v in document.violations if v.severity is severity)
