"""The segment token: one X12 segment, where it was, and how to give its bytes back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from edikit.io.delimiters import Delimiters

#: One value as written in code: text, or a number (an ``int`` or a finite ``Decimal``,
#: written in plain digits: ``12``, ``-3``, ``54.50``).
Scalar = str | int | Decimal
ElementValue = Scalar | Sequence[Scalar] | Sequence[Sequence[Scalar]]
#: A segment ID: two or three upper-case letters or digits (``N1``, ``BEG``, ``PO1``).
SEGMENT_ID: Final = re.compile(r"[A-Z0-9]{2,3}")


class Segment:
    """One segment, as read (or built), with its position in the input.

    ``raw`` is the text from the segment ID to the last element, without the terminator.
    ``terminator`` is the segment terminator as written (``""`` when the input ended without
    one) and ``trailer`` the formatting after it (line breaks, indentation, record padding),
    so that ``raw + terminator + trailer`` gives back the input exactly.

    Elements are split from ``raw`` only when first asked for. ``segment[1]`` is the first
    element after the ID (``BEG01``); a missing trailing element reads as ``""``.
    """

    __slots__ = (
        "_elements",
        "column",
        "delimiters",
        "index",
        "line",
        "offset",
        "position",
        "raw",
        "tag",
        "terminator",
        "trailer",
    )

    def __init__(
        self,
        tag: str,
        raw: str,
        terminator: str,
        trailer: str,
        offset: int,
        line: int,
        column: int,
        index: int,
        delimiters: Delimiters,
    ) -> None:
        self.tag = tag
        self.raw = raw
        self.terminator = terminator
        self.trailer = trailer
        self.offset = offset  # byte offset of the segment ID; -1 for a segment built in code
        self.line = line  # 1-based; 0 for a segment built in code
        self.column = column  # 1-based; 0 for a segment built in code
        self.index = index  # 0-based position among all segments of the input
        self.delimiters = delimiters
        self.position: int | None = None  # 1-based from ST within ST..SE, set by the envelope
        self._elements: list[str] | None = None

    @classmethod
    def build(
        cls,
        tag: str,
        elements: Sequence[ElementValue],
        delimiters: Delimiters,
        trailer: str = "",
    ) -> Segment:
        """A segment made in code. An element given as a list is a composite (components);
        a list of lists is a repeated element (repetitions of components). Trailing empty
        elements are dropped, as X12 requires.

        ``tag`` must be a segment ID (2-3 upper-case letters or digits); a value is a ``str``,
        or an ``int`` or ``Decimal`` written in plain digits. X12 has no escape character, so a
        value holding one of ``delimiters`` is refused. :class:`ValueError` or
        :class:`TypeError` say which value is wrong."""
        check_segment_id(tag)
        if isinstance(elements, str) or not isinstance(elements, Sequence):
            raise TypeError(
                f"the elements of {tag} must be a list of values, not {type(elements).__name__}"
            )
        values = [_join_value(value, delimiters, tag) for value in elements]
        while values and values[-1] == "":
            values.pop()
        raw = delimiters.element.join([tag, *values])
        return cls(tag, raw, delimiters.segment, trailer, -1, 0, 0, -1, delimiters)

    @property
    def elements(self) -> list[str]:
        """All elements, the segment ID first: ``elements[1]`` is the first data element."""
        if self._elements is None:
            self._elements = self.raw.split(self.delimiters.element)
        return self._elements

    def __getitem__(self, number: int) -> str:
        elements = self.elements
        return elements[number] if 0 <= number < len(elements) else ""

    def __len__(self) -> int:
        """The number of data elements written (the ID not counted)."""
        return len(self.elements) - 1

    def components(self, number: int) -> list[str]:
        """The components of element ``number`` (a one-item list for a simple element)."""
        return self[number].split(self.delimiters.component)

    def repetitions(self, number: int) -> list[str]:
        """The repetitions of element ``number`` (00402 and later)."""
        value = self[number]
        separator = self.delimiters.repetition
        return value.split(separator) if separator else [value]

    def to_text(self) -> str:
        """The segment as it stands in the input: ``raw + terminator + trailer``."""
        return self.raw + self.terminator + self.trailer

    def __repr__(self) -> str:
        where = f" line {self.line}" if self.line else ""
        return f"<Segment {self.raw!r}{where}>"

    def __str__(self) -> str:
        return self.raw


def check_segment_id(tag: object) -> None:
    """:class:`ValueError` (:class:`TypeError` for a non-``str``) unless ``tag`` is a segment
    ID edikit can write: 2-3 upper-case letters or digits."""
    if not isinstance(tag, str):
        raise TypeError(f"a segment ID is a str, not {type(tag).__name__} {tag!r}")
    if not SEGMENT_ID.fullmatch(tag):
        raise ValueError(
            f"{tag[:20]!r} is not a segment ID: 2 or 3 upper-case letters or digits (BEG, N1)"
        )


def value_text(value: object, delimiters: Delimiters, where: str = "") -> str:
    """One value as X12 text: a ``str`` as it is, an ``int`` or a finite ``Decimal`` in plain
    digits. :class:`TypeError` for anything else (a ``float``, whose digits are not exact,
    ``None``, ``bool``), :class:`ValueError` for a value holding a delimiter."""
    prefix = f"{where}: " if where else ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{prefix}{value} is not a number X12 can write")
        text = format(value, "f")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        raise TypeError(
            f'{prefix}an element value must be a str, int or Decimal ("" for an empty '
            f"element), not {type(value).__name__} {value!r}"
        )
    clash = delimiters.reserved().intersection(text)
    if clash:
        raise ValueError(
            f"{prefix}{text[:40]!r} contains the delimiter {sorted(clash)[0]!r}; "
            "X12 cannot escape it"
        )
    return text


def _join_value(value: object, delimiters: Delimiters, tag: str = "") -> str:
    if _scalar(value):
        return value_text(value, delimiters, tag)
    assert isinstance(value, Sequence)
    texts: list[str] = []
    repeated = False
    for part in value:
        if _scalar(part):
            texts.append(value_text(part, delimiters, tag))
        else:
            repeated = True
            texts.append(delimiters.component.join(value_text(c, delimiters, tag) for c in part))
    if not repeated:
        return delimiters.component.join(texts)
    if delimiters.repetition is None:
        raise ValueError("repeated elements need a repetition separator (version 00402+)")
    return delimiters.repetition.join(texts)


def _scalar(value: object) -> bool:
    """A value rather than a list of them (bytes are refused as a value, not read as a list
    of numbers)."""
    return isinstance(value, str | bytes | bytearray) or not isinstance(value, Sequence)
