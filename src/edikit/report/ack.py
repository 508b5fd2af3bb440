"""Functional acknowledgments for what was received: the 997, and the 005010 999.

>>> rules = edikit.ruleset(max_per_rule=None, max_per_file=None)  # every finding kept
>>> result = edikit.validate_file("po.edi", rules)  # every check run: the ack reports them
>>> data = build_ack(result, control_number=42)  # bytes of one ISA..IEA with one FA group

One acknowledgment interchange answers every functional group of the input: its ISA swaps the
sender and receiver of the acknowledged interchange, and its one ``GS*FA`` group holds one 997
(or 999) per acknowledged group, each with one AK2 loop per transaction set received.
Groups that are themselves acknowledgments (GS01 ``FA``) are not acknowledged.

What goes into it (docs/acknowledgments.md; element and code tables in ``src/edikit/x12/_data/``):

* Only violations of severity error from the standard's checks (``Violation.source ==
  "standard"``) are reported; warnings and information are not, and neither are business or
  guideline findings (a 997 acknowledges syntax; application problems belong in an 824/855).
  Interchange-level findings (ISA/IEA) are the TA1's business, not the 997's.
* A violation whose rule has an ``ak502`` code gives that AK502 (IK502) code. One with an
  ``ak304`` or ``ak403`` code gives an AK3 (IK3) for its segment position, with an AK4 (IK4)
  for an element error: AK401 is ``element>component`` (and ``>repetition`` in 005010), AK402
  the data element number, AK403 the rule's ``ak403``, AK404 a copy of the bad value without
  delimiter characters. AK304 is the rule's ``ak304`` (the first that is not ``8``), else ``8``
  (segment has data element errors).
* The set-level ``5`` (one or more segments in error) joins the AK502 codes when an AK3 is
  written; at most five codes, each once.
* Group-level violations give AK905 (the rule's ``ak905``).

The A/E/R rule (``policy="note"``, the default):

* **A** when the set has no error;
* **E** (accepted, errors noted) when every error is a data element error (an AK4: wrong
  length, type, code, date, missing element, syntax note). The set's structure is intact, so
  the receiver could read every segment where it belongs, and the AK3/AK4 detail tells the
  sender what to fix;
* **R** when any error is structural or in the envelope (a segment missing, unknown, out of
  place or repeated too often; SE missing, counts or control numbers wrong): the receiver
  cannot be sure it read the set as it was sent.

``policy="reject"`` rejects every set with an error (R); ``policy="accept"`` accepts everything
(A, no detail), as EdiEngine's ``AcceptAll`` does.

AK9: ``R`` when the group has a group-level error (GE missing, counts or control numbers
wrong), else ``A`` when every set is A, ``E`` when all are accepted and some with errors, ``P``
when some (not all) are rejected and ``R`` when all are. AK902 is GE01 as received (the count
of sets when GE is missing or GE01 is not a number), AK903 the transaction sets received,
AK904 those accepted (A or E).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Literal, get_args

from edikit.io.datatypes import as_int, is_digits
from edikit.io.delimiters import Delimiters
from edikit.io.segment import ElementValue
from edikit.io.writer import X12Writer, check_control_number
from edikit.location import Location
from edikit.rules.registry import REGISTRY
from edikit.rules.result import DocumentResult, FileResult, GroupInfo, InterchangeInfo
from edikit.vocabulary import Severity, Violation
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import resolve_version

__all__ = [
    "ACK_DELIMITERS",
    "IMPLEMENTATION_999",
    "AckPolicy",
    "AckVersion",
    "ElementNote",
    "GroupAck",
    "SegmentNote",
    "SetAck",
    "ack_for_group",
    "build_ack",
    "group_violations",
]

AckVersion = Literal["997", "999"]
AckPolicy = Literal["note", "reject", "accept"]

IMPLEMENTATION_999: Final = "005010X231A1"
# Written by build_ack: "*" between elements, ">" between components, "~" after segments and,
# from 00501 on, "^" between repetitions.
ACK_DELIMITERS: Final = Delimiters("*", ">", "~", "^")

_MAX_SET_CODES: Final = 5  # AK502-AK506
_MAX_GROUP_CODES: Final = 5  # AK905-AK909
_MAX_ELEMENT_NOTES: Final = 99  # AK4 max use
_MAX_BAD_VALUE: Final = 99  # AK404 AN 1/99
_MAX_COUNT: Final = 999_999  # AK902 N0 1/6
_SEGMENT_ID: Final = re.compile(r"[A-Z0-9]{2,3}")
_CONTROL_CHARACTERS: Final = re.compile(r"[\x00-\x1f\x7f]")

# Envelope element problems (EDI105/EDI106) have no acknowledgment code in the registry;
# these are the codes that say what they mean where there is one.
_ENVELOPE_SET_CODES: Final = {("ST", 1): "6", ("ST", 2): "7", ("SE", 1): "4", ("SE", 2): "7"}
_ENVELOPE_GROUP_CODES: Final = {
    ("GS", 1): "1",
    ("GS", 6): "6",
    ("GS", 8): "2",
    ("GE", 1): "5",
    ("GE", 2): "6",
}
_ENVELOPE_ELEMENT_RULES: Final = frozenset({"EDI105", "EDI106"})
# 005010 codes with no 004010 counterpart in element 723, for a 004010 997.
_AK403_IN_004010: Final = {"12": "3", "13": "3"}


@dataclass(frozen=True, slots=True)
class ElementNote:
    """One AK4 (IK4): a data element in error."""

    element: int
    code: str  # AK403
    component: int | None = None
    repetition: int | None = None
    reference: str | None = None  # AK402, the data element number
    value: str | None = None  # the bad value as received (cleaned when written)


@dataclass(frozen=True, slots=True)
class SegmentNote:
    """One AK3 (IK3) and its AK4s: a segment in error."""

    segment_id: str
    position: int  # AK302: ST is 1
    loop_id: str | None = None
    code: str | None = None  # AK304
    elements: tuple[ElementNote, ...] = ()


@dataclass(frozen=True, slots=True)
class SetAck:
    """One AK2 loop: the answer for one transaction set."""

    set_id: str
    control_number: str
    status: str  # AK501: A, E or R
    implementation: str | None = None  # ST03, written as AK203 in 005010
    codes: tuple[str, ...] = ()  # AK502-AK506
    segments: tuple[SegmentNote, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.status in ("A", "E")


@dataclass(frozen=True, slots=True)
class GroupAck:
    """The answer for one functional group: AK1, the AK2 loops and AK9."""

    functional_id: str  # AK101 (GS01)
    control_number: str  # AK102 (GS06)
    version: str  # GS08, written as AK103 in 005010
    status: str  # AK901
    included: int  # AK902
    received: int  # AK903
    accepted: int  # AK904
    codes: tuple[str, ...] = ()  # AK905-AK909
    sets: tuple[SetAck, ...] = field(default_factory=tuple)

    def to_segments(
        self,
        version: AckVersion = "997",
        *,
        release: str = "004010",
        delimiters: Delimiters = ACK_DELIMITERS,
    ) -> list[list[ElementValue]]:
        """The segments of the 997 (999) between ST and SE, for
        :meth:`~edikit.io.writer.GroupWriter.transaction`. ``release`` is the 997's GS08
        (``004010`` or ``005010``; a 999 is always 005010): 005010 adds AK103, AK203 and the
        repetition position in AK401. Bad values lose the characters of ``delimiters``."""
        modern = version == "999" or resolve_version(release)[0] == "005010"
        seg3, seg4, seg5 = ("IK3", "IK4", "IK5") if version == "999" else ("AK3", "AK4", "AK5")
        ak1: list[ElementValue] = ["AK1", self.functional_id, self.control_number]
        if modern:
            ak1.append(_fit_text(self.version, 12))
        segments: list[list[ElementValue]] = [ak1]
        for answer in self.sets:
            ak2: list[ElementValue] = ["AK2", answer.set_id, answer.control_number]
            if modern and answer.implementation:
                ak2.append(_fit_text(answer.implementation, 35))
            segments.append(ak2)
            for note in answer.segments:
                segments.append(
                    [seg3, note.segment_id, str(note.position), note.loop_id or "", note.code or ""]
                )
                for element in note.elements:
                    code = element.code
                    if not modern:
                        code = _AK403_IN_004010.get(code, code)
                    value = _clean(element.value, delimiters)
                    segments.append(
                        [seg4, _position(element, modern), element.reference or "", code, value]
                    )
            segments.append([seg5, answer.status, *answer.codes])
        segments.append(
            [
                "AK9",
                self.status,
                str(self.included),
                str(self.received),
                str(self.accepted),
                *self.codes,
            ]
        )
        return segments


def build_ack(
    result: FileResult,
    *,
    version: AckVersion = "997",
    control_number: int = 1,
    sender: tuple[str, str] | None = None,
    receiver: tuple[str, str] | None = None,
    timestamp: datetime | None = None,
    policy: AckPolicy = "note",
) -> bytes:
    """One acknowledgment interchange for every functional group of ``result``.

    ``result`` should come from :func:`edikit.validate_file` with every finding kept
    (``edikit.ruleset(max_per_rule=None, max_per_file=None)``), so that the ack reports what
    every check found. ``version`` is ``"997"`` (GS08 ``004010``, or ``005010`` when an
    acknowledged group is 005010) or ``"999"`` (GS08 and ST03 ``005010X231A1``).
    ``control_number`` is ISA13 and GS06, an ``int`` from 1 to 999,999,999. ``sender`` and
    ``receiver`` are the ISA qualifier and ID; by default the acknowledged interchange's
    receiver and sender. ``timestamp`` dates ISA and GS (default: now).

    AK5/IK5 is A with no error, E when every error is a data element error, R when any is
    structural or in the envelope (``policy="note"``); ``policy="reject"`` gives R for any
    error, ``policy="accept"`` A for everything. See the module docstring for the mapping.

    Raises :class:`ValueError` when there is no group to acknowledge, when interchanges from
    different partners are given without ``sender`` and ``receiver``, or when the
    acknowledged interchange's IDs cannot be written back (over 15 characters, holding a
    delimiter of the ack, or a qualifier that is not an I05 code): give ``sender`` and
    ``receiver`` then.
    """
    if not isinstance(result, FileResult):
        raise TypeError(
            f"build_ack takes a FileResult (edikit.validate_file), not {type(result).__name__}"
        )
    for name, value, allowed in (
        ("version", version, get_args(AckVersion)),
        ("policy", policy, get_args(AckPolicy)),
    ):
        if value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    check_control_number(control_number, "control_number (ISA13 and GS06)")
    answered = [
        (interchange, group)
        for interchange in result.interchanges
        for group in interchange.groups
        if group.functional_id != "FA"
    ]
    if not answered:
        raise ValueError("there is no functional group to acknowledge (acknowledgments aren't)")
    first_interchange, first_group = answered[0]
    parties = {_parties(interchange) for interchange, _ in answered}
    if len(parties) > 1 and (sender is None or receiver is None):
        raise ValueError(
            "the interchanges come from different partners: acknowledge them one by one, or "
            "give sender and receiver"
        )
    their_sender, their_receiver = _parties(first_interchange)
    documents, violations = _by_group(result)
    acks = [
        ack_for_group(
            group,
            documents.get((group.interchange, group.index), ()),
            violations.get((group.interchange, group.index), ()),
            policy=policy,
        )
        for _, group in answered
    ]
    if version == "999":
        isa_version, release = "00501", IMPLEMENTATION_999
    elif any(resolve_version(group.version)[0] == "005010" for _, group in answered):
        isa_version, release = "00501", "005010"
    else:
        isa_version, release = "00401", "004010"
    delimiters = ACK_DELIMITERS if isa_version >= "00402" else _without_repetition()
    usage = first_interchange.usage if first_interchange.usage in ("P", "T", "I") else "P"
    try:
        return _write_ack(
            acks,
            version=version,
            release=release,
            isa_version=isa_version,
            delimiters=delimiters,
            usage=usage,
            sender=sender or their_receiver,
            receiver=receiver or their_sender,
            group=first_group,
            control_number=control_number,
            timestamp=timestamp,
        )
    except ValueError as exc:
        if sender is not None and receiver is not None:
            raise
        raise ValueError(
            f"{exc}: the acknowledgment is addressed from the interchange's ISA07/ISA08 to its "
            "ISA05/ISA06; give sender and receiver"
        ) from exc


def _write_ack(
    acks: list[GroupAck],
    *,
    version: AckVersion,
    release: str,
    isa_version: str,
    delimiters: Delimiters,
    usage: str,
    sender: tuple[str, str],
    receiver: tuple[str, str],
    group: GroupInfo,
    control_number: int,
    timestamp: datetime | None,
) -> bytes:
    writer = X12Writer(
        sender=sender,
        receiver=receiver,
        control_number=control_number,
        version=isa_version,
        usage=usage,
        delimiters=delimiters,
        timestamp=timestamp,
    )
    fa = writer.group(
        "FA",
        sender_code=_fit_code(group.receiver, writer.sender[1].ljust(2)[:15]),
        receiver_code=_fit_code(group.sender, writer.receiver[1].ljust(2)[:15]),
        version=release,
        control_number=control_number,
    )
    for ack in acks:
        fa.transaction(
            version,
            ack.to_segments(version, release=release, delimiters=delimiters),
            implementation=IMPLEMENTATION_999 if version == "999" else None,
        )
    return writer.to_bytes()


def group_documents(result: FileResult, group: GroupInfo) -> list[DocumentResult]:
    """The transaction sets of ``group``, in input order."""
    return [
        document
        for document in result.documents
        if document.interchange == group.interchange and document.group == group.index
    ]


def group_violations(result: FileResult, group: GroupInfo) -> list[Violation]:
    """The findings ``result`` holds about ``group`` itself (GS, GE, control numbers,
    counts, stray segments), not those inside its transaction sets."""
    return [
        violation
        for violation in result.violations
        if violation.location.interchange == group.interchange
        and violation.location.group == group.index
        and violation.location.transaction_control is None
    ]


def _by_group(
    result: FileResult,
) -> tuple[dict[tuple[int, int], list[DocumentResult]], dict[tuple[int, int], list[Violation]]]:
    """Each group's transaction sets and own findings (as :func:`group_documents` and
    :func:`group_violations` give them), found in one pass: a file of 100,000 small
    interchanges would otherwise be read once per group."""
    documents: dict[tuple[int, int], list[DocumentResult]] = {}
    for document in result.documents:
        if document.group is not None:
            documents.setdefault((document.interchange, document.group), []).append(document)
    violations: dict[tuple[int, int], list[Violation]] = {}
    for violation in result.violations:
        where = violation.location
        own = where.transaction_control is None  # not inside one of the group's sets
        if where.interchange is not None and where.group is not None and own:
            violations.setdefault((where.interchange, where.group), []).append(violation)
    return documents, violations


def ack_for_group(
    group: GroupInfo,
    documents: Iterable[DocumentResult] = (),
    violations: Iterable[Violation] = (),
    *,
    policy: AckPolicy = "note",
) -> GroupAck:
    """The acknowledgment of ``group``: each transaction set's (``documents``) own findings,
    and ``violations`` for the group itself (see :func:`group_violations`)."""
    sets = tuple(_ack_for_set(document, policy) for document in documents)
    group_errors = [] if policy == "accept" else _reported(violations)
    codes = _unique((_group_code(v) for v in group_errors), _MAX_GROUP_CODES)
    accepted = sum(answer.accepted for answer in sets)
    if group_errors:
        status = "R"
    elif all(answer.status == "A" for answer in sets):
        status = "A"
    elif accepted == len(sets):
        status = "E"
    else:
        status = "P" if accepted else "R"
    received = len(sets)
    declared = as_int(group.declared) if group.declared is not None else None
    included = declared if declared is not None and declared <= 999_999 else received
    return GroupAck(
        functional_id=_fit_code(group.functional_id, "ZZ", 2, 2),
        control_number=_fit_number(group.control_number, 9),
        version=group.version,
        status=status,
        included=included,
        received=received,
        accepted=accepted,
        codes=codes,
        sets=sets,
    )


# -- one transaction set -----------------------------------------------------------------------
@dataclass(slots=True)
class _Notes:
    """AK3s being collected for one set, keyed by (position, segment ID), in input order."""

    specs_version: str
    segments: dict[tuple[int, str], list[Violation]] = field(default_factory=dict)

    def add(self, segment_id: str, position: int, violation: Violation) -> None:
        self.segments.setdefault((position, segment_id), []).append(violation)

    def build(self) -> tuple[SegmentNote, ...]:
        notes = [
            self._note(segment_id, position, found)
            for (position, segment_id), found in self.segments.items()
        ]
        return tuple(sorted(notes, key=lambda note: note.position))

    def _note(self, segment_id: str, position: int, found: list[Violation]) -> SegmentNote:
        elements: list[ElementNote] = []
        seen: set[tuple[int, int | None, int | None, str]] = set()
        explicit: list[str] = []
        loop_id: str | None = None
        for violation in found:
            rule = REGISTRY.get(violation.code)
            location = violation.location
            loop_id = loop_id or _loop_id(location.loop_path)
            if rule is not None and rule.ak304 is not None:
                explicit.append(rule.ak304)
            if rule is None or rule.ak403 is None or location.element is None:
                continue
            key = (location.element, location.component, location.repetition, rule.ak403)
            if key in seen or len(elements) >= _MAX_ELEMENT_NOTES:
                continue
            seen.add(key)
            elements.append(
                ElementNote(
                    element=location.element,
                    code=rule.ak403,
                    component=location.component,
                    repetition=location.repetition,
                    reference=self._reference(segment_id, location),
                    value=_bad_value(violation),
                )
            )
        elements.sort(key=lambda e: (e.element, e.component or 0, e.repetition or 0))
        code = next((c for c in explicit if c != "8"), None)
        if code is None and (explicit or elements):
            code = "8"
        return SegmentNote(segment_id, position, loop_id, code, tuple(elements))

    def _reference(self, segment_id: str, location: Location) -> str | None:
        spec = segment_specs(self.specs_version).get(segment_id)
        if spec is None or location.element is None or location.element > len(spec.elements):
            return None
        element = spec.elements[location.element - 1]
        if element.kind == "composite":
            component = location.component
            if component is None or component > len(element.components):
                return None
            element = element.components[component - 1]
        reference = element.reference
        return reference if is_digits(reference) and len(reference) <= 4 else None


def _bad_value(violation: Violation) -> str | None:
    """AK404: the value in error, as the finding quoted it (its ``value`` argument)."""
    value = violation.args.get("value")
    return value if isinstance(value, str) and value else None


def _ack_for_set(document: DocumentResult, policy: AckPolicy) -> SetAck:
    set_id = _fit_code(document.set_id, "000", 3, 3)
    control = _fit_text(document.control_number, 9, minimum=4, pad="0")
    implementation = document.implementation
    errors = [] if policy == "accept" else _reported(document.violations)
    if not errors:
        return SetAck(set_id, control, "A", implementation)
    version, _ = resolve_version(document.version)
    notes = _Notes(version)
    codes: list[str] = []
    structural = False
    for violation in errors:
        rule = REGISTRY.get(violation.code)
        location = violation.location
        if rule is None or rule.ak403 is None:
            structural = True
        set_code = rule.ak502 if rule is not None else None
        if set_code is None and violation.code in _ENVELOPE_ELEMENT_RULES:
            set_code = _ENVELOPE_SET_CODES.get((location.segment_id or "", location.element or 0))
        if set_code is not None:
            codes.append(set_code)
            continue
        where = _segment_in_error(violation)
        if where is not None:
            notes.add(*where, violation)
        elif location.segment_position is not None:
            codes.append("5")  # a segment in error that an AK3 cannot name
    segments = notes.build()
    if segments:
        codes.append("5")
    status = "R" if structural or policy == "reject" else "E"
    return SetAck(set_id, control, status, implementation, _unique(codes, _MAX_SET_CODES), segments)


def _segment_in_error(violation: Violation) -> tuple[str, int] | None:
    """The AK301 and AK302 of a violation, or None when it names no segment an AK3 can hold.
    A missing segment is named by its own ID at the position where it was expected."""
    location = violation.location
    position, segment_id = location.segment_position, location.segment_id
    if violation.code == "EDI204":
        missing = violation.args.get("segment")
        if isinstance(missing, str):
            segment_id = missing
    if position is None or segment_id is None or not _SEGMENT_ID.fullmatch(segment_id):
        return None
    return segment_id, position


# -- helpers -----------------------------------------------------------------------------------
def _reported(violations: Iterable[Violation]) -> list[Violation]:
    """The violations an acknowledgment reports: errors of the standard's checks."""
    return [v for v in violations if v.severity is Severity.ERROR and v.source == "standard"]


def _group_code(violation: Violation) -> str | None:
    rule = REGISTRY.get(violation.code)
    if rule is not None and rule.ak905 is not None:
        return rule.ak905
    if violation.code in _ENVELOPE_ELEMENT_RULES:
        key = (violation.location.segment_id or "", violation.location.element or 0)
        return _ENVELOPE_GROUP_CODES.get(key)
    return None


def _parties(interchange: InterchangeInfo) -> tuple[tuple[str, str], tuple[str, str]]:
    """(ISA05, ISA06) and (ISA07, ISA08), IDs without their padding."""
    return interchange.sender, interchange.receiver


def _loop_id(path: str | None) -> str | None:
    if not path:
        return None
    last = path.rsplit("/", 1)[-1]
    return last if 1 <= len(last) <= 4 else None  # AK303: AN 1/6 in 004010, 1/4 in 005010


def _position(element: ElementNote, modern: bool) -> ElementValue:
    """AK401 (C030): element, component and, in 005010, repetition position."""
    parts = [str(element.element)]
    if element.component is not None:
        parts.append(str(element.component))
    if modern and element.repetition is not None:
        parts += [""] * (2 - len(parts)) + [str(element.repetition)]
    return parts if len(parts) > 1 else parts[0]


def _clean(value: str | None, delimiters: Delimiters) -> str:
    """AK404: the bad value without delimiters or control characters, at most 99 long."""
    if not value:
        return ""
    reserved = {delimiters.element, delimiters.component, delimiters.segment}
    if delimiters.repetition:
        reserved.add(delimiters.repetition)
    text = "".join(char for char in value if char not in reserved)
    text = _CONTROL_CHARACTERS.sub("", text)[:_MAX_BAD_VALUE]
    return text if text.strip() else ""


def _unique(codes: Iterable[str | None], limit: int) -> tuple[str, ...]:
    found: list[str] = []
    for code in codes:
        if code is not None and code not in found:
            found.append(code)
    return tuple(found[:limit])


def _fit_text(value: str, maximum: int, minimum: int = 1, pad: str = "") -> str:
    """A received identifier made to fit an AN element of the ack, without delimiters: an
    ST02 of ``1`` (AN 4/9, already an error in the input) is answered as ``0001``."""
    text = _clean(value, ACK_DELIMITERS)[:maximum]
    if pad and len(text) < minimum:
        text = text.rjust(minimum, pad)
    return text or "0" * max(minimum, 1)


def _fit_code(value: str, fallback: str, minimum: int = 2, maximum: int = 15) -> str:
    """A received code or ID for an ID/AN element of the ack, or ``fallback``."""
    text = _clean(value, ACK_DELIMITERS).strip()
    return text if minimum <= len(text) <= maximum else fallback


def _fit_number(value: str, maximum: int) -> str:
    """A received control number for an N0 element: as received when it is one, else its
    value without leading zeros, else ``0``."""
    if is_digits(value) and len(value) <= maximum:
        return value
    if is_digits(value) and len(value.lstrip("0")) <= maximum:
        return value.lstrip("0") or "0"
    return "0"


def _without_repetition() -> Delimiters:
    return Delimiters(ACK_DELIMITERS.element, ACK_DELIMITERS.component, ACK_DELIMITERS.segment)
