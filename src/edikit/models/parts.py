"""Models shared by several transaction sets: parties (N1 loop) and product identifiers."""

from __future__ import annotations

from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.loops import Loop
from edikit.io.datatypes import as_int
from edikit.models.base import Node, qualified

# Product/service ID qualifiers (235) that carry GS1 numbers, most specific first.
GTIN_QUALIFIERS = ("UK", "EN", "UP", "UA", "UI")
VENDOR_QUALIFIERS = ("VN", "VA", "VP")
BUYER_QUALIFIERS = ("IN", "BP", "PI")


class Party(Node):
    """An N1 loop: who (N101 entity code: ST ship-to, BY buyer, SF ship-from...), name,
    identification and address."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def entity(self) -> str | None:
        """N101: ST ship to, BY buying party, SF ship from, RI remit to, VN vendor..."""
        return self.value("N1", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str | None:
        return self.value("N1", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id_qualifier(self) -> str | None:
        """N103: 92 assigned by buyer, 91 by seller, 9 DUNS+4, 1 DUNS, UL GLN..."""
        return self.value("N1", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str | None:
        """N104: the store, DC or party number."""
        return self.value("N1", 4)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def address(self) -> list[str]:
        return [line for s in self.loop.segments("N3") for line in (s[1], s[2]) if line]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def city(self) -> str | None:
        return self.value("N4", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def state(self) -> str | None:
        return self.value("N4", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def postal_code(self) -> str | None:
        return self.value("N4", 3)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def country(self) -> str | None:
        return self.value("N4", 4)


def parties(loop: Loop, version: str) -> list[Party]:
    return [Party.make(n1, version) for n1 in loop.loops("N1")]


class ProductLine(Node):
    """A line that names a product by qualifier/ID pairs (PO1, IT1, LIN)."""

    ids_from: ClassVar[tuple[str, int, int]] = ("PO1", 6, 25)  # segment, first, end

    @computed_field  # type: ignore[prop-decorator]
    @property
    def product_ids(self) -> dict[str, str]:
        """Product IDs by qualifier (235): ``{"UP": "012345678905", "VN": "RUN-200"}``."""
        tag, first, last = self.ids_from
        return qualified(self.loop.segments(tag), first, last)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gtin(self) -> str | None:
        """The GS1 number (UPC-A, EAN-13 or GTIN-14) the line names, if any."""
        ids = self.product_ids
        return next((ids[q] for q in GTIN_QUALIFIERS if q in ids), None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def upc(self) -> str | None:
        """The UPC-A (qualifier UP)."""
        return self.product_ids.get("UP")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def vendor_item(self) -> str | None:
        """The vendor's (brand's) item or style number (VN, VA, VP)."""
        ids = self.product_ids
        return next((ids[q] for q in VENDOR_QUALIFIERS if q in ids), None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def buyer_item(self) -> str | None:
        """The buyer's (retailer's) item number (IN, BP, PI)."""
        ids = self.product_ids
        return next((ids[q] for q in BUYER_QUALIFIERS if q in ids), None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def pack(self) -> int | None:
        """PO401 of the line's PO4: inner packs or eaches per outer pack (a case of 12)."""
        po4 = self.loop.segment("PO4")
        value = as_int(po4[1]) if po4 is not None else None
        return value if value else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def description(self) -> str | None:
        """PID05 of the first free-form description."""
        for pid in self.loop.walk():
            if pid.tag == "PID" and pid[5]:
                return pid[5]
        return None
