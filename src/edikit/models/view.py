"""The base of the generated segment models: a typed, read-only view over a segment token.

A view holds the :class:`~edikit.io.segment.Segment` it was made from and converts elements
when they are read: ``BEG.view(segment).purchase_order_number`` is ``segment[3]`` as ``str``,
``date`` a :class:`datetime.date`, amounts :class:`~decimal.Decimal` with implied decimals
resolved. Nothing is copied, so a view is cheap to make, always agrees with the bytes it came
from (serializing a document gives back its input exactly) and knows its position. Its fields
are pydantic computed fields, so ``model_dump``/``model_dump_json`` give the converted values.
A value that does not convert (a date that is not a date) reads as ``None``; the raw text is
still there (``raw(n)``), and the validator reports it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, PrivateAttr

from edikit.io.datatypes import as_date, as_decimal, as_int
from edikit.io.delimiters import Delimiters
from edikit.io.segment import ElementValue, Segment

if TYPE_CHECKING:
    from edikit.x12.describe import SegmentDescription

_set = object.__setattr__


class SegmentView(BaseModel):
    """A typed view of one segment; subclasses are generated per segment ID and version."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    tag: ClassVar[str] = ""
    version: ClassVar[str] = ""  # the tables the class was generated from (004010, 005010)
    _segment: Segment = PrivateAttr()
    _read_as: str | None = PrivateAttr(default=None)

    @classmethod
    def view(cls, segment: Segment, version: str | None = None) -> Self:
        """A view of ``segment``; ``version`` is the version its transaction set was read with
        (``describe`` uses its tables), by default the class's own."""
        # What model_construct() does for a model without fields, minus its generic work
        # (5 us a view measured, against under 1 us): views are made for every segment.
        instance = cls.__new__(cls)
        _set(instance, "__dict__", {})
        _set(instance, "__pydantic_fields_set__", set())
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", {"_segment": segment, "_read_as": version})
        return instance

    @classmethod
    def build(cls, delimiters: Delimiters, *elements: ElementValue) -> Self:
        """A new segment of this type from element values as they are written in X12."""
        return cls.view(Segment.build(cls.tag, list(elements), delimiters))

    @property
    def segment(self) -> Segment:
        """The token: raw text, line, column, offset, position in the transaction set."""
        return self._segment

    def raw(self, number: int) -> str:
        """Element ``number`` (1-based) as written."""
        return self._segment[number]

    def describe(self) -> SegmentDescription | None:
        """The segment's name and each element it writes, named, with the meaning of the code
        it holds, in the tables of the version it was read with:

            >>> print(node.view("BEG").describe())  # doctest: +SKIP
            BEG Beginning Segment for Purchase Order (004010)
              BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory): 00 Original
              ...
        """
        from edikit.x12.describe import describe_segment  # not needed to read: on first use

        return describe_segment(self._segment, self._read_as or self.version)

    # -- conversions used by the generated properties -------------------------------------
    def _text(self, number: int) -> str | None:
        value = self._segment[number]
        return value or None

    def _integer(self, number: int) -> int | None:
        return as_int(self._segment[number], signed=True)

    def _decimal(self, number: int, implied: int = 0) -> Decimal | None:
        return as_decimal(self._segment[number], implied)

    def _date(self, number: int) -> date | None:
        return as_date(self._segment[number])

    def _components(self, number: int) -> tuple[str, ...] | None:
        value = self._segment[number]
        return tuple(self._segment.components(number)) if value else None

    def _repeats(self, number: int) -> tuple[str, ...] | None:
        value = self._segment[number]
        return tuple(self._segment.repetitions(number)) if value else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._segment.raw!r})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, SegmentView) and self._segment.raw == other._segment.raw

    def __hash__(self) -> int:
        return hash(self._segment.raw)
