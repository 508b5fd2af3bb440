"""Quantities in the PO line's unit of measure: a ship notice or invoice may count eaches
where the PO ordered cases (or the other way round), and retailers compare them after the
pack size (PO401, "inner packs or eaches per outer", element 356 of the 850) converts one
into the other (retailers' guides: "transmitting in eaches, 'EA', when
we ordered in cases, 'CA'").

Only conversions the documents state are made: a case unit and a unit of the pack's contents
through a PO401 on either line, and dozens. Two different unit units (EA and PR) are not
converted: a pair is an each for shoes and two for socks, so such lines are left uncompared.
PO414 (inner pack) is not used: guides disagree on whether PO401 already counts eaches.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

# Unit of measure codes (355) for an outer pack whose contents PO401 counts.
OUTER_UNITS: Final = frozenset({"CA", "CT", "BX", "PK", "BD"})
DOZEN: Final = "DZ"


def in_line_unit(
    quantity: Decimal,
    unit: str | None,
    line_unit: str | None,
    packs: tuple[int | None, ...],
) -> Decimal | None:
    """``quantity`` (in ``unit``) in ``line_unit``, the PO line's; None when the documents do
    not say how to convert. ``packs``: the PO401 values at hand, the PO line's first."""
    if not unit or not line_unit or unit == line_unit:
        return quantity
    if DOZEN in (unit, line_unit) and OUTER_UNITS.isdisjoint((unit, line_unit)):
        return quantity * 12 if unit == DOZEN else quantity / 12
    pack = next((p for p in packs if p), None)
    outer_ordered, outer_sent = line_unit in OUTER_UNITS, unit in OUTER_UNITS
    if pack is None or outer_ordered == outer_sent:
        return None
    return quantity / pack if outer_ordered else quantity * pack
