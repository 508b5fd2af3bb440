"""Pipeline stage 3, its value: the envelope tree. An :class:`X12File` holds interchanges
(ISA..IEA) and any text outside them, in input order; an interchange its functional groups
(GS..GE) and service segments; a group its transaction sets (ST..SE). Every segment token
keeps its place, so :func:`~edikit.io.serializer.serialize` gives back the input exactly.

The reader that builds the tree is :mod:`edikit.io.reader`; the findings it made while reading
are on the tree (``X12File.violations`` for input, interchange and group problems,
``Transaction.violations`` for those inside a transaction set). Later stages hand their own
values forward and never write onto these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap
from edikit.location import Location
from edikit.vocabulary import Severity, Violation


@dataclass(frozen=True, slots=True)
class Context:
    """Where a transaction set sits: what a violation inside it must name."""

    file: str | None
    interchange: int
    interchange_control: str
    group: int | None = None
    group_control: str | None = None
    transaction: int | None = None
    transaction_control: str | None = None
    transaction_set: str | None = None
    version: str | None = None  # GS08 of the group, e.g. 004010VICS

    def locate(self, segment: Segment | None = None, element: int | None = None) -> Location:
        fields: dict[str, object | None] = {
            "file": self.file,
            "interchange": self.interchange,
            "interchange_control": self.interchange_control,
            "group": self.group,
            "group_control": self.group_control,
            "transaction": self.transaction,
            "transaction_control": self.transaction_control,
            "transaction_set": self.transaction_set,
        }
        if segment is not None:
            offset, column = segment.offset, segment.column
            if element is not None and segment.offset >= 0:
                shift = element_shift(segment, element)
                offset, column = offset + shift, column + shift
            fields.update(
                segment_id=segment.tag,
                segment_index=segment.index if segment.index >= 0 else None,
                segment_position=segment.position,
                element=element,
                line=segment.line or None,
                column=column or None,
                offset=offset if offset >= 0 else None,
            )
        # Built without validation: every field is of its type by construction, and a
        # location is made for every finding and every fact that may carry one.
        return Location.model_construct(**fields)  # type: ignore[arg-type]


def element_shift(segment: Segment, element: int) -> int:
    """Characters from the segment ID to element ``element`` (or to where it would be)."""
    elements = segment.elements
    upto = min(element, len(elements))
    # The first ``upto`` values and a separator after each (a join counts them at C speed).
    return len(segment.delimiters.element.join(elements[:upto])) + 1 if upto else 0


@dataclass(slots=True, eq=False)
class Transaction:
    """One transaction set: ``ST``, the segments between, and ``SE`` (``None`` if missing)."""

    header: Segment
    context: Context
    segments: list[Segment] = field(default_factory=list)
    trailer: Segment | None = None
    violations: list[Violation] = field(default_factory=list)  # the envelope's findings

    @property
    def set_id(self) -> str:
        """ST01: ``850``, ``856``..."""
        return self.header[1]

    @property
    def control_number(self) -> str:
        """ST02."""
        return self.header[2]

    @property
    def delimiters(self) -> Delimiters:
        return self.header.delimiters

    def all_segments(self) -> list[Segment]:
        """ST, body and SE, in order."""
        tail = [self.trailer] if self.trailer is not None else []
        return [self.header, *self.segments, *tail]


@dataclass(slots=True, eq=False)
class Group:
    """A functional group: GS, its transaction sets (and any stray segments, in order), GE."""

    header: Segment
    index: int
    parts: list[Transaction | Segment] = field(default_factory=list)
    trailer: Segment | None = None
    transaction_count: int = 0

    @property
    def transactions(self) -> list[Transaction]:
        return [part for part in self.parts if isinstance(part, Transaction)]

    @property
    def functional_id(self) -> str:
        """GS01: ``PO``, ``SH``..."""
        return self.header[1]

    @property
    def control_number(self) -> str:
        """GS06."""
        return self.header[6]

    @property
    def version(self) -> str:
        """GS08: ``004010``, ``005010VICS``..."""
        return self.header[8]


@dataclass(slots=True, eq=False)
class Interchange:
    """ISA .. IEA: functional groups and service segments (TA1, ISB, ISE) in input order."""

    header: Segment
    index: int
    parts: list[Group | Segment] = field(default_factory=list)
    trailer: Segment | None = None
    group_count: int = 0  # groups read, whether or not the reader keeps them

    @property
    def groups(self) -> list[Group]:
        return [part for part in self.parts if isinstance(part, Group)]

    @property
    def delimiters(self) -> Delimiters:
        return self.header.delimiters

    @property
    def control_number(self) -> str:
        """ISA13."""
        return self.header[13]

    @property
    def sender(self) -> tuple[str, str]:
        """(ISA05 qualifier, ISA06 ID without padding)."""
        return self.header[5], self.header[6].strip()

    @property
    def receiver(self) -> tuple[str, str]:
        """(ISA07 qualifier, ISA08 ID without padding)."""
        return self.header[7], self.header[8].strip()

    @property
    def version(self) -> str:
        """ISA12: ``00401``, ``00501``..."""
        return self.header[12]

    @property
    def usage(self) -> str:
        """ISA15: ``P`` production, ``T`` test, ``I`` information."""
        return self.header[15]


@dataclass(slots=True, eq=False)
class X12File:
    """Everything read from one input: interchanges and any text outside them, in order, and
    the violations found. ``serialize()`` gives back the input bytes exactly."""

    name: str | None = None
    codec: str = "latin-1"
    parts: list[Interchange | Gap] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def interchanges(self) -> list[Interchange]:
        return [part for part in self.parts if isinstance(part, Interchange)]

    @property
    def groups(self) -> list[Group]:
        return [group for interchange in self.interchanges for group in interchange.groups]

    @property
    def transactions(self) -> list[Transaction]:
        return [tx for group in self.groups for tx in group.transactions]

    def all_violations(self) -> list[Violation]:
        """Envelope violations and those attached to transaction sets, in input order."""
        found = list(self.violations)
        for tx in self.transactions:
            found.extend(tx.violations)
        return sorted(found, key=_input_order)

    @property
    def ok(self) -> bool:
        """No violation of severity error."""
        return not any(v.severity is Severity.ERROR for v in self.all_violations())


def _input_order(violation: Violation) -> tuple[int, int]:
    location = violation.location
    return (location.offset if location.offset is not None else -1, location.element or 0)
