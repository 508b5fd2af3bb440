"""Base of the transaction and loop models: a pydantic model over a part of the loop tree.

Models are built from the tree the grammar stage made (tolerantly: a missing part is
``None`` or empty, and the structure checks have said so). Children (lines, HL levels,
parties) are model fields; values are computed fields read from the segments through the
generated views, so the models never disagree with the bytes and serialize back exactly.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, PrivateAttr, computed_field

from edikit.grammar.loops import Loop
from edikit.io.segment import Segment
from edikit.models.view import SegmentView

_set = object.__setattr__
_VIEW_MODULES = {"004010": "edikit.models.segments.v4010", "005010": "edikit.models.segments.v5010"}


@cache
def views_for(version: str) -> ModuleType:
    """The generated view module for documents of ``version``, imported on first use (each
    takes ~0.1 s to import: a few hundred classes).

    Views exist for 004010 and 005010; documents of the versions before 005010 (003010 to
    004030) are viewed through 004010's. A view reads elements by place and converts them by
    type, which these versions share for the segments the models read (a YYMMDD date of
    version 003 reads as a date too); the element checks use each version's own tables.
    """
    return importlib.import_module(_VIEW_MODULES["005010" if version >= "005010" else "004010"])


class Node(BaseModel):
    """A loop instance (or a whole transaction set) as a typed model."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    _loop: Loop = PrivateAttr()
    _version: str = PrivateAttr()
    _views: ModuleType = PrivateAttr()

    @classmethod
    def make(cls, loop: Loop, version: str, **fields: Any) -> Self:
        """Build without validation: the values come from the parser, and models are made
        for every loop of large files (model_construct costs several microseconds)."""
        instance = cls.__new__(cls)
        _set(instance, "__dict__", fields)
        _set(instance, "__pydantic_fields_set__", set(fields))
        _set(instance, "__pydantic_extra__", None)
        private = {"_loop": loop, "_version": version, "_views": views_for(version)}
        _set(instance, "__pydantic_private__", private)
        return instance

    @property
    def loop(self) -> Loop:
        return self._loop

    @property
    def version(self) -> str:
        """The version of the segment tables it was read with (003010 ... 005010)."""
        return self._version

    @property
    def segment(self) -> Segment | None:
        """The segment that opens this loop (ST for a transaction set)."""
        return self._loop.first

    @computed_field  # type: ignore[prop-decorator]
    @property
    def line(self) -> int | None:
        """Line of the opening segment in the input (1-based)."""
        first = self._loop.first
        return first.line if first is not None and first.line else None

    def view(self, tag: str) -> SegmentView | None:
        """The first ``tag`` segment directly in this loop, as a typed view."""
        segment = self._loop.segment(tag)
        return None if segment is None else self._views.SEGMENTS[tag].view(segment, self._version)

    def views(self, tag: str) -> list[SegmentView]:
        """Every ``tag`` segment directly in this loop, as typed views."""
        kind = self._views.SEGMENTS[tag]
        return [kind.view(segment, self._version) for segment in self._loop.segments(tag)]

    def value(self, tag: str, number: int) -> str | None:
        """Element ``number`` of the first ``tag`` segment here, as written (None if empty)."""
        segment = self._loop.segment(tag)
        return (segment[number] or None) if segment is not None else None

    def segments(self) -> Iterator[Segment]:
        """Every segment of this loop and the loops below it, in input order."""
        return self._loop.walk()


def qualified(segments: Iterator[Segment], first: int, last: int) -> dict[str, str]:
    """Qualifier/value pairs of a segment's element range (PO106/PO107, PO108/PO109, ...),
    the first value of a qualifier kept."""
    found: dict[str, str] = {}
    for segment in segments:
        elements = segment.elements
        for number in range(first, min(last, len(elements) - 1), 2):
            qualifier, value = elements[number], elements[number + 1]
            if qualifier and value and qualifier not in found:
                found[qualifier] = value
    return found
