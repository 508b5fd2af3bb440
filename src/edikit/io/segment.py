"""The segment token: one X12 segment, where it was, and how to give its bytes back."""

from __future__ import annotations

from collections.abc import Sequence

from edikit.io.delimiters import Delimiters

ElementValue = str | Sequence[str] | Sequence[Sequence[str]]


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
        elements are dropped, as X12 requires."""
        values = [_join_value(value, delimiters) for value in elements]
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


def _join_value(value: ElementValue, delimiters: Delimiters) -> str:
    if isinstance(value, str):
        return value
    texts: list[str] = []
    repeated = False
    for part in value:
        if isinstance(part, str):
            texts.append(part)
        else:
            repeated = True
            texts.append(delimiters.component.join(part))
    if not repeated:
        return delimiters.component.join(texts)
    if delimiters.repetition is None:
        raise ValueError("repeated elements need a repetition separator (version 00402+)")
    return delimiters.repetition.join(texts)
