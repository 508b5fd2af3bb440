"""What every typed transaction set shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from pydantic import computed_field

from edikit.models.base import Node


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


def decimal_of(view: object, name: str) -> Decimal | None:
    value = getattr(view, name, None) if view is not None else None
    return value if isinstance(value, Decimal) else None
