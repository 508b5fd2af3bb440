"""Where something is in an X12 input: the one vocabulary every pipeline stage shares.

Conventions, chosen so that SARIF, editors and 997/999 acknowledgments can use them as they are:

* ``line`` and ``column`` are 1-based; ``column`` counts characters, which equal bytes because
  edikit decodes X12 one byte per character (latin-1, or cp037 for EBCDIC).
* ``offset`` is the 0-based byte offset of the segment (or of the element, when one is named).
* ``segment_index`` is 0-based over the whole input; ``segment_position`` is 1-based and counts
  from ST (ST is 1), which is what AK302/IK302 report.
* ``interchange``, ``group`` and ``transaction`` are 0-based indexes in the input; the matching
  ``*_control`` fields carry ISA13, GS06 and ST02 as written.
* ``element``, ``component`` and ``repetition`` are 1-based, as in ``BEG03`` or ``PO1-07-2``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Location(BaseModel):
    """The place a violation points at. Every field is optional: a location is as precise as
    the stage that found the problem can make it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str | None = None
    interchange: int | None = None
    interchange_control: str | None = None
    group: int | None = None
    group_control: str | None = None
    transaction: int | None = None
    transaction_control: str | None = None
    transaction_set: str | None = None
    segment_id: str | None = None
    segment_index: int | None = None
    segment_position: int | None = None
    loop_path: str | None = None
    element: int | None = None
    component: int | None = None
    repetition: int | None = None
    line: int | None = None
    column: int | None = None
    offset: int | None = None

    def reference(self) -> str:
        """``BEG03``, ``PO1-07-2`` or ``ISA`` style name of the segment/element, or ``""``."""
        if self.segment_id is None:
            return ""
        if self.element is None:
            return self.segment_id
        ref = f"{self.segment_id}{self.element:02d}"
        if self.component is not None:
            ref += f"-{self.component}"
        return ref

    def describe(self) -> str:
        """One line for people: ``file.edi:12:5 ISA13 (interchange 1, segment 12)``."""
        head = ":".join(
            str(part)
            for part in (self.file or "<input>", self.line, self.column)
            if part is not None
        )
        ref = self.reference()
        where = []
        if self.interchange is not None:
            where.append(f"interchange {self.interchange + 1}")
        if self.transaction_control is not None:
            where.append(f"ST02 {self.transaction_control}")
        if self.segment_position is not None:
            where.append(f"segment {self.segment_position} of the transaction set")
        text = f"{head} {ref}".rstrip()
        return f"{text} ({', '.join(where)})" if where else text
