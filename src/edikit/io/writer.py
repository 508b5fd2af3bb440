"""Build an interchange in code: edikit fills in the envelope, the counts and the control
numbers, so what it writes is valid X12 whatever the caller puts in the transaction sets.

>>> writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"), control_number=7)
>>> group = writer.group("PO", sender_code="BRAND", receiver_code="RETAILER")
>>> group.transaction("850", [["BEG", "00", "SA", "PO123", "", "20240105"]])
>>> data = writer.to_bytes()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from edikit.io.delimiters import REPETITION_FROM_VERSION, Delimiters
from edikit.io.segment import ElementValue, Segment


class SegmentLike(Protocol):
    """Anything that carries a segment token, such as a typed view (``BEG.build(...)``)."""

    @property
    def segment(self) -> Segment: ...


SegmentSpec = Segment | SegmentLike | Sequence[ElementValue]


@dataclass(slots=True)
class _Transaction:
    set_id: str
    control_number: str
    segments: list[Segment]
    implementation: str | None


@dataclass(slots=True)
class GroupWriter:
    """Collects transaction sets for one functional group (GS..GE)."""

    functional_id: str
    sender_code: str
    receiver_code: str
    version: str
    control_number: int
    delimiters: Delimiters
    transactions: list[_Transaction] = field(default_factory=list)

    def transaction(
        self,
        set_id: str,
        segments: Iterable[SegmentSpec],
        control_number: str | None = None,
        implementation: str | None = None,
    ) -> None:
        """Add a transaction set: its segments without ST and SE, each a :class:`Segment` or a
        list ``[tag, element1, element2, ...]``. ST02 defaults to ``0001``, ``0002``...;
        ``implementation`` is ST03 (004020 and later)."""
        number = control_number or f"{len(self.transactions) + 1:04d}"
        built = [_segment(spec, self.delimiters) for spec in segments]
        self.transactions.append(_Transaction(set_id, number, built, implementation))


@dataclass(slots=True)
class X12Writer:
    """One interchange (ISA..IEA) built from groups of transaction sets.

    ``suffix`` is written after every segment terminator (``"\\n"`` puts one segment per line).
    ``control_number`` is ISA13; groups get GS06 ``1``, ``2``... unless given.
    """

    sender: tuple[str, str]
    receiver: tuple[str, str]
    control_number: int = 1
    version: str = "00401"
    usage: str = "P"
    acknowledgment_requested: bool = False
    delimiters: Delimiters = field(default_factory=Delimiters)
    suffix: str = "\n"
    timestamp: datetime | None = None
    groups: list[GroupWriter] = field(default_factory=list)

    def group(
        self,
        functional_id: str,
        sender_code: str,
        receiver_code: str,
        version: str = "004010",
        control_number: int | None = None,
    ) -> GroupWriter:
        delimiters = self._delimiters()
        group = GroupWriter(
            functional_id,
            sender_code,
            receiver_code,
            version,
            control_number if control_number is not None else len(self.groups) + 1,
            delimiters,
        )
        self.groups.append(group)
        return group

    def to_text(self) -> str:
        delimiters = self._delimiters()
        when = self.timestamp or datetime.now()
        lines = [self._isa(delimiters, when)]
        for group in self.groups:
            lines.append(self._gs(group, when))
            for tx in group.transactions:
                st = ["ST", tx.set_id, tx.control_number]
                if tx.implementation:
                    st.append(tx.implementation)
                lines.append(_segment(st, delimiters).raw)
                lines.extend(segment.raw for segment in tx.segments)
                count = len(tx.segments) + 2
                lines.append(_segment(["SE", str(count), tx.control_number], delimiters).raw)
            ge = ["GE", str(len(group.transactions)), str(group.control_number)]
            lines.append(_segment(ge, delimiters).raw)
        iea = ["IEA", str(len(self.groups)), f"{self.control_number:09d}"]
        lines.append(_segment(iea, delimiters).raw)
        end = delimiters.segment + self.suffix
        return end.join(lines) + end

    def to_bytes(self) -> bytes:
        return self.to_text().encode("latin-1")

    def _delimiters(self) -> Delimiters:
        delimiters = self.delimiters
        modern = self.version >= REPETITION_FROM_VERSION
        if modern and delimiters.repetition is None:
            delimiters = Delimiters(
                delimiters.element, delimiters.component, delimiters.segment, "^"
            )
        if not modern and delimiters.repetition is not None:
            raise ValueError(f"version {self.version} has no repetition separator")
        problems = delimiters.conflicts()
        if problems:
            raise ValueError("; ".join(problems))
        return delimiters

    def _isa(self, delimiters: Delimiters, when: datetime) -> str:
        (sender_qualifier, sender), (receiver_qualifier, receiver) = self.sender, self.receiver
        for name, value in (("sender", sender), ("receiver", receiver)):
            if len(value) > 15:
                raise ValueError(f"the interchange {name} ID {value!r} is over 15 characters")
            _checked([value], delimiters)
        fields = [
            "ISA",
            "00",
            " " * 10,
            "00",
            " " * 10,
            sender_qualifier,
            sender.ljust(15),
            receiver_qualifier,
            receiver.ljust(15),
            when.strftime("%y%m%d"),
            when.strftime("%H%M"),
            delimiters.repetition or "U",
            self.version,
            f"{self.control_number:09d}",
            "1" if self.acknowledgment_requested else "0",
            self.usage,
            delimiters.component,
        ]
        return delimiters.element.join(fields)

    def _gs(self, group: GroupWriter, when: datetime) -> str:
        fields = [
            "GS",
            group.functional_id,
            group.sender_code,
            group.receiver_code,
            when.strftime("%Y%m%d"),
            when.strftime("%H%M"),
            str(group.control_number),
            "X",
            group.version,
        ]
        return _segment(fields, self._delimiters()).raw


def _segment(spec: SegmentSpec, delimiters: Delimiters) -> Segment:
    if not isinstance(spec, Segment | Sequence):
        spec = spec.segment
    if isinstance(spec, Segment):
        spec = spec.elements
    tag, *elements = spec
    if not isinstance(tag, str):
        raise TypeError(f"a segment starts with its ID, not {tag!r}")
    for value in elements:
        _checked(_flatten(value), delimiters)
    return Segment.build(tag, elements, delimiters)


def _flatten(value: ElementValue) -> list[str]:
    if isinstance(value, str):
        return [value]
    flat: list[str] = []
    for item in value:
        flat.extend([item] if isinstance(item, str) else list(item))
    return flat


def _checked(values: list[str], delimiters: Delimiters) -> None:
    """X12 has no escape character: a value holding a delimiter cannot be written."""
    reserved = {delimiters.element, delimiters.component, delimiters.segment}
    if delimiters.repetition:
        reserved.add(delimiters.repetition)
    for value in values:
        clash = reserved.intersection(value)
        if clash:
            raise ValueError(
                f"{value!r} contains the delimiter {sorted(clash)[0]!r}; X12 cannot escape it"
            )
