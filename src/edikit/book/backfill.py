"""Facts for purchase orders that books before version 5 stored only as bytes: read once, when
the book is migrated."""

from __future__ import annotations

from edikit.api import validate_file
from edikit.rules.facts import OrderFacts


def order_facts(content: bytes, name: str, position: int) -> OrderFacts | None:
    """The facts of the 850 at transaction index ``position`` of a stored file."""
    documents = validate_file(content, name=name).documents
    if not 0 <= position < len(documents):
        return None
    facts = documents[position].facts
    return facts if isinstance(facts, OrderFacts) else None
