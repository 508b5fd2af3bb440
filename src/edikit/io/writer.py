"""Build an interchange in code: edikit fills in the envelope, the counts and the control
numbers, so what it writes is valid X12 whatever the caller puts in the transaction sets.

What it is given is checked before a byte is written, so that edikit never writes what it
would itself reject: control numbers are ``int`` from 1 to 999,999,999 (ISA13, GS06); segment
IDs are 2-3 upper-case letters or digits and not an envelope segment (edikit writes ISA, GS,
ST, SE, GE, IEA); a value is a ``str``, or an ``int`` or ``Decimal`` written in plain digits,
and holds no delimiter (X12 has no escape character); the ISA and GS fields have their
standard widths. A :class:`ValueError` or :class:`TypeError` names what is wrong.

>>> writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"), control_number=7)
>>> group = writer.group("PO", sender_code="BRAND", receiver_code="RETAILER")
>>> group.transaction("850", [["BEG", "00", "SA", "PO123", "", "20240105"]])
>>> data = writer.to_bytes()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol

from edikit.io.datatypes import is_digits
from edikit.io.delimiters import REPETITION_FROM_VERSION, Delimiters
from edikit.io.envelope_rules import tables
from edikit.io.segment import ElementValue, Segment, check_segment_id, value_text

#: ISA13 and GS06: N0 1/9, and edikit writes no control number 0.
MAX_CONTROL_NUMBER: Final = 999_999_999
ENVELOPE_IDS: Final = frozenset({"ISA", "IEA", "GS", "GE", "ST", "SE"})
_USAGE: Final = frozenset("PTI")
_FORMATTING: Final = frozenset(" \t\r\n")


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
        if not (isinstance(set_id, str) and len(set_id) == 3 and is_digits(set_id)):
            raise ValueError(f"ST01 {set_id!r} is not a transaction set ID (3 digits: 850)")
        number = control_number or f"{len(self.transactions) + 1:04d}"
        _text_field("ST02", number, 4, 9, self.delimiters)
        if implementation:
            _text_field("ST03", implementation, 1, 35, self.delimiters)
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
        """A new functional group: GS01 ``functional_id`` (PO, SH, IN...), GS02/GS03 the
        application sender's and receiver's codes (2-15 characters), GS08 ``version``, GS06
        ``control_number`` (1 to 999,999,999; by default the group's number in the
        interchange)."""
        delimiters = self._delimiters()
        _text_field("GS01", functional_id, 2, 2, delimiters)
        _text_field("GS02", sender_code, 2, 15, delimiters)
        _text_field("GS03", receiver_code, 2, 15, delimiters)
        _text_field("GS08", version, 1, 12, delimiters)
        if control_number is not None:
            check_control_number(control_number, "GS06")
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
        """The interchange as text, one character per byte. :class:`ValueError` or
        :class:`TypeError` when a field cannot be written as valid X12."""
        delimiters = self._delimiters()
        self._check(delimiters)
        when = self.timestamp or datetime.now()
        lines = [self._isa(delimiters, when)]
        for group in self.groups:
            lines.append(self._gs(group, when))
            for tx in group.transactions:
                st = ["ST", tx.set_id, tx.control_number]
                if tx.implementation:
                    st.append(tx.implementation)
                lines.append(Segment.build("ST", st[1:], delimiters).raw)
                lines.extend(segment.raw for segment in tx.segments)
                count = len(tx.segments) + 2
                lines.append(Segment.build("SE", [count, tx.control_number], delimiters).raw)
            ge = [len(group.transactions), group.control_number]
            lines.append(Segment.build("GE", ge, delimiters).raw)
        iea: list[ElementValue] = [len(self.groups), f"{self.control_number:09d}"]
        lines.append(Segment.build("IEA", iea, delimiters).raw)
        end = delimiters.segment + self.suffix
        return end.join(lines) + end

    def to_bytes(self) -> bytes:
        return self.to_text().encode("latin-1")

    def _check(self, delimiters: Delimiters) -> None:
        check_control_number(self.control_number, "ISA13")
        for group in self.groups:
            check_control_number(group.control_number, "GS06")
        for name, party in (("sender", self.sender), ("receiver", self.receiver)):
            if not (isinstance(party, tuple) and len(party) == 2):
                raise TypeError(f"the {name} is a (qualifier, ID) pair, not {party!r}")
            qualifier, identifier = party
            _text_field(f"the {name} qualifier", qualifier, 2, 2, delimiters)
            qualifiers = tables().isa_codes[5].codes
            if qualifier not in qualifiers:
                # An ack's receiver is copied from what it answers: refuse rather than write
                # an interchange its receiver rejects (EDI103).
                raise ValueError(
                    f"the {name} qualifier {qualifier!r} is not an interchange ID qualifier "
                    f"(I05: {', '.join(sorted(qualifiers))})"
                )
            _text_field(f"the interchange {name} ID", identifier, 1, 15, delimiters)
            if not identifier.strip():
                raise ValueError(f"the interchange {name} ID is blank")
        if not (isinstance(self.version, str) and len(self.version) == 5):
            raise ValueError(f"ISA12 {self.version!r} is not a version (5 digits: 00401)")
        if not is_digits(self.version):
            raise ValueError(f"ISA12 {self.version!r} is not a version (5 digits: 00401)")
        if self.usage not in _USAGE:
            raise ValueError(f"ISA15 {self.usage!r} is not a usage indicator (P, T or I)")
        if not isinstance(self.suffix, str) or not _FORMATTING.issuperset(self.suffix):
            raise ValueError(
                f"the suffix {self.suffix!r} after each segment may hold only spaces, tabs and "
                "line breaks"
            )
        clash = delimiters.reserved().intersection(self.suffix) - set(delimiters.segment)
        if clash:
            raise ValueError(f"the suffix {self.suffix!r} holds the delimiter {min(clash)!r}")

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
        if " " in (delimiters.element, delimiters.component, delimiters.repetition):
            problems.append("a space cannot be a separator (ISA pads its fields with spaces)")
        if problems:
            raise ValueError("; ".join(problems))
        return delimiters

    def _isa(self, delimiters: Delimiters, when: datetime) -> str:
        (sender_qualifier, sender), (receiver_qualifier, receiver) = self.sender, self.receiver
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
        fields: list[ElementValue] = [
            group.functional_id,
            group.sender_code,
            group.receiver_code,
            when.strftime("%Y%m%d"),
            when.strftime("%H%M"),
            str(group.control_number),
            "X",
            group.version,
        ]
        return Segment.build("GS", fields, self._delimiters()).raw


def check_control_number(value: object, name: str = "the control number") -> int:
    """``value`` when it is an ``int`` from 1 to 999,999,999 (ISA13, GS06: N0 1/9);
    :class:`TypeError` or :class:`ValueError` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__} {value!r}")
    if not 1 <= value <= MAX_CONTROL_NUMBER:
        raise ValueError(f"{name} must be from 1 to {MAX_CONTROL_NUMBER:,}, not {value:,}")
    return value


def _text_field(name: str, value: object, low: int, high: int, delimiters: Delimiters) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__} {value!r}")
    if len(value) > high:
        raise ValueError(f"{name} {value[:40]!r} is over {high} characters")
    if len(value) < low:
        raise ValueError(f"{name} {value!r} is under {low} characters")
    return value_text(value, delimiters, name)


def _segment(spec: SegmentSpec, delimiters: Delimiters) -> Segment:
    if isinstance(spec, str) or not isinstance(spec, Segment | Sequence):
        inner = getattr(spec, "segment", None)
        if not isinstance(inner, Segment):
            raise TypeError(
                "a segment is a Segment, a typed view or a list [ID, element1, ...], not a "
                f"{type(spec).__name__}"
            )
        spec = inner
    if isinstance(spec, Segment):
        return _rebuilt(spec, delimiters)
    if not spec:
        raise ValueError("a segment needs at least its ID")
    tag, *elements = spec
    check_segment_id(tag)
    if tag in ENVELOPE_IDS:
        raise ValueError(f"{tag} is written by edikit (the envelope); leave it out")
    return Segment.build(str(tag), elements, delimiters)


def _rebuilt(segment: Segment, delimiters: Delimiters) -> Segment:
    """A segment read or built with any delimiters, written with the writer's: each element
    split into its repetitions and components and joined again."""
    check_segment_id(segment.tag)
    if segment.tag in ENVELOPE_IDS:
        raise ValueError(f"{segment.tag} is written by edikit (the envelope); leave it out")
    own = segment.delimiters
    elements: list[ElementValue] = []
    for number in range(1, len(segment.elements)):
        repetitions = segment.repetitions(number)
        parts = [repetition.split(own.component) for repetition in repetitions]
        if len(parts) > 1:
            elements.append(parts)
        elif len(parts[0]) > 1:
            elements.append(parts[0])
        else:
            elements.append(parts[0][0])
    return Segment.build(segment.tag, elements, delimiters)
