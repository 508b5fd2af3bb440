"""Pipeline stage 3: group segment tokens into interchanges, functional groups and transaction
sets, and check the envelope (EDI0xx input, EDI1xx envelope codes).

:class:`EnvelopeReader` yields each transaction set as soon as its SE (or whatever ends it) has
been read, so a caller can stream a file of any size with memory bounded by the largest
transaction set. With ``keep=True`` it also builds the whole tree (:class:`X12File`).

Facts: ``shared/reference/x12-envelope.md`` (element types and lengths, control-number rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from edikit._gc import paused_gc
from edikit.grammar.tree import Loop
from edikit.io.delimiters import ISA_WIDTHS, REPETITION_FROM_VERSION, Delimiters
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap, Token, Tokenizer
from edikit.location import Location
from edikit.rules.registry import make_violation
from edikit.rules.violation import Severity, Violation
from edikit.x12.datatypes import length_problem, type_problem

if TYPE_CHECKING:
    from edikit.grammar.hierarchy import Node as HierarchyNode
    from edikit.models.documents import Document

ElementSpec = tuple[str, int, int, bool]  # type, min, max, mandatory

_GS: Final[tuple[ElementSpec, ...]] = (
    ("ID", 2, 2, True),
    ("AN", 2, 15, True),
    ("AN", 2, 15, True),
    ("DT", 8, 8, True),
    ("TM", 4, 8, True),
    ("N0", 1, 9, True),
    ("ID", 1, 2, True),
    ("AN", 1, 12, True),
)
_GE: Final[tuple[ElementSpec, ...]] = (("N0", 1, 6, True), ("N0", 1, 9, True))
_ST: Final[tuple[ElementSpec, ...]] = (("ID", 3, 3, True), ("AN", 4, 9, True), ("AN", 1, 35, False))
_SE: Final[tuple[ElementSpec, ...]] = (("N0", 1, 10, True), ("AN", 4, 9, True))
_IEA: Final[tuple[ElementSpec, ...]] = (("N0", 1, 5, True), ("N0", 9, 9, True))

# ISA value lists (I01, I03, I05, I13, I14) from shared/reference/x12-envelope.md section 1.
_ISA01: Final = frozenset(f"0{n}" for n in range(7))
_ISA03: Final = frozenset({"00", "01"})
_ID_QUALIFIERS: Final = frozenset(
    [f"{n:02d}" for n in (*range(1, 5), *range(7, 39))] + ["AM", "NR", "SA", "SN", "ZZ"]
)
_ISA14: Final = frozenset("01")
_ISA15: Final = frozenset("PTI")

# GS01 of each transaction set (reference section 3); sets not listed are not checked.
FUNCTIONAL_GROUP: Final = {
    "850": "PO",
    "855": "PR",
    "856": "SH",
    "810": "IN",
    "997": "FA",
    "999": "FA",
    "860": "PC",
    "865": "CA",
    "846": "IB",
    "832": "SC",
    "214": "QM",
    "204": "SM",
    "990": "GF",
    "820": "RA",
    "824": "AG",
    "945": "SW",
    "940": "OW",
    "867": "PT",
    "830": "PS",
    "862": "SS",
}
SERVICE_SEGMENTS: Final = frozenset({"TA1", "TA3", "ISB", "ISE"})
_ENVELOPE: Final = frozenset({"ISA", "IEA", "GS", "GE", "ST", "SE"}) | SERVICE_SEGMENTS


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
        return Location.model_validate(fields)


def element_shift(segment: Segment, element: int) -> int:
    """Characters from the segment ID to element ``element`` (or to where it would be)."""
    elements = segment.elements
    upto = min(element, len(elements))
    return sum(len(value) + 1 for value in elements[:upto])


@dataclass(slots=True, eq=False)
class Transaction:
    """One transaction set: ``ST``, the segments between, and ``SE`` (``None`` if missing)."""

    header: Segment
    context: Context
    segments: list[Segment] = field(default_factory=list)
    trailer: Segment | None = None
    violations: list[Violation] = field(default_factory=list)
    loop: Loop | None = None  # the loop tree, once the grammar stage has run
    hierarchy: list[HierarchyNode] | None = None  # an 856's HL tree, from the same stage
    _document: Document | None = None

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

    @property
    def document(self) -> Document | None:
        """The typed model (PurchaseOrder, ShipNotice...), built on first use; None for a set
        edikit has no model for, or when the structure stage was turned off."""
        if self._document is None and self.loop is not None:
            from edikit.models.documents import document  # models sit above this stage

            self._document = document(self)
        return self._document

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
    suppressed: list[Violation] = field(default_factory=list)  # removed by a profile

    @property
    def interchanges(self) -> list[Interchange]:
        return [part for part in self.parts if isinstance(part, Interchange)]

    @property
    def groups(self) -> list[Group]:
        return [group for interchange in self.interchanges for group in interchange.groups]

    @property
    def transactions(self) -> list[Transaction]:
        return [tx for group in self.groups for tx in group.transactions]

    @property
    def documents(self) -> list[Document]:
        """The typed models of every transaction set edikit has one for, in input order."""
        with paused_gc():  # many small objects, no cycles (see edikit._gc)
            return [doc for tx in self.transactions if (doc := tx.document) is not None]

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


class EnvelopeReader:
    """Group tokens into the envelope tree, yielding each transaction set once it is complete.

    Violations that belong to one transaction set go to ``Transaction.violations``; the others
    (input, interchange and group level) to ``file.violations``.
    """

    def __init__(self, tokens: Iterable[Token], name: str | None = None, keep: bool = True) -> None:
        self.file = X12File(name=name)
        self._tokens = tokens
        self._keep = keep
        self._interchange: Interchange | None = None
        self._group: Group | None = None
        self._transaction: Transaction | None = None
        self._group_controls: set[str] = set()
        self._transaction_controls: set[str] = set()
        self._orphan = False  # inside an ST..SE that has no GS around it
        self._stray_run = False  # a stray segment was reported; quiet until the envelope resumes
        self._good_tags: set[str] = set()
        self._seen_anything = False
        self._seen_content = False  # anything but white space
        self._leading_text: tuple[Location, str] | None = None

    # -- driving ---------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Transaction]:
        good_tags = self._good_tags
        tokens = self._tokens
        batches = tokens.batches() if isinstance(tokens, Tokenizer) else ([t] for t in tokens)
        for batch in batches:
            yield from self._read_batch(batch, good_tags)
        yield from self._finish()

    def _read_batch(self, batch: list[Token], good_tags: set[str]) -> list[Transaction]:
        finished_sets: list[Transaction] = []
        if batch:
            self._seen_anything = True
        # The body segments of a transaction set are most of any file: keep their path short
        # (the open transaction's list and the next position live in locals).
        transaction = self._transaction
        body = transaction.segments if transaction is not None else None
        for token in batch:
            if type(token) is not Segment:
                self._gap(token)  # type: ignore[arg-type]
                continue
            tag = token.tag
            if tag in _ENVELOPE:
                self._seen_content = True
                finished = self._envelope_segment(token)
                if finished is not None:
                    finished_sets.append(finished)
                transaction = self._transaction
                body = transaction.segments if transaction is not None else None
                continue
            if tag not in good_tags:
                self._check_tag(token)
            if body is not None:
                body.append(token)
                token.position = len(body) + 1
            else:
                self._seen_content = True
                self._stray(token)
        return finished_sets

    def _finish(self) -> Iterator[Transaction]:
        if self._interchange is not None:
            finished = self._close_interchange(None)
            if finished is not None:
                yield finished
        if not self._seen_content:
            what = "is empty" if not self._seen_anything else "holds only white space"
            self._report("EDI001", f"the input {what}", Location(file=self.file.name))
        elif not self.file.interchanges and self._leading_text is not None:
            where, snippet = self._leading_text
            self._report("EDI002", f"no ISA segment was found; the input starts {snippet!r}", where)
        elif not self.file.interchanges and not self.file.violations:
            self._report("EDI002", "no ISA segment was found", Location(file=self.file.name))

    # -- violations ------------------------------------------------------------------------
    def _report(
        self, code: str, message: str, location: Location, severity: Severity | None = None
    ) -> None:
        violation = make_violation(code, message, location, severity)
        transaction = self._transaction
        if transaction is not None and location.transaction_control is not None:
            transaction.violations.append(violation)
        else:
            self.file.violations.append(violation)

    def _context(self) -> Context:
        interchange = self._interchange
        group = self._group
        transaction = self._transaction
        return Context(
            file=self.file.name,
            interchange=interchange.index if interchange else len(self.file.interchanges),
            interchange_control=interchange.control_number if interchange else "",
            group=group.index if group else None,
            group_control=group.control_number if group else None,
            transaction=transaction.context.transaction if transaction else None,
            transaction_control=transaction.control_number if transaction else None,
            transaction_set=transaction.set_id if transaction else None,
        )

    def _at(self, segment: Segment, element: int | None = None) -> Location:
        return self._context().locate(segment, element)

    # -- text outside interchanges ---------------------------------------------------------
    def _gap(self, gap: Gap) -> None:
        self.file.parts.append(gap)
        where = Location(file=self.file.name, line=gap.line, column=gap.column, offset=gap.offset)
        if gap.isa_problem is not None:
            self._seen_content = True
            self._report("EDI101", f"cannot read the ISA header: {gap.isa_problem}", where)
            return
        # A byte-order mark before ISA and a DOS end-of-file mark (Ctrl-Z) at the end are
        # file formatting, not data.
        body = gap.text.lstrip("\ufeff\xef\xbb\xbf \t\r\n\x1a")
        if not body:
            return
        self._seen_content = True
        snippet = body[:40].split("\n", 1)[0]
        if body.startswith(("UNA", "UNB")):
            self._report("EDI002", "this is UN/EDIFACT (UNA/UNB), not X12", where)
        elif not self.file.interchanges:
            # Junk before the first ISA, or no X12 at all: known once the input has ended.
            self._leading_text = (where, snippet)
        else:
            self._report("EDI004", f"text outside any interchange: {snippet!r}", where)

    def _check_tag(self, segment: Segment) -> None:
        tag = segment.tag
        if 2 <= len(tag) <= 3 and tag.isascii() and tag.isalnum() and tag == tag.upper():
            self._good_tags.add(tag)
            return
        what = "an empty segment (two terminators in a row)" if not tag else f"{tag[:20]!r}"
        self._report("EDI006", f"{what} is not a segment ID", self._at(segment))

    def _stray(self, segment: Segment) -> None:
        interchange = self._interchange
        if interchange is None:  # unreachable: the tokenizer starts every run with an ISA
            return
        group = self._group
        if group is None and segment.tag in SERVICE_SEGMENTS:
            interchange.parts.append(segment)
            return
        if group is not None:
            group.parts.append(segment)
        else:
            interchange.parts.append(segment)
        if self._orphan or self._stray_run:
            return
        self._stray_run = True
        if segment.tag == "ST":
            message = "ST stands outside any functional group (no GS before it)"
        else:
            where = "between GS and ST" if group is not None else "outside any functional group"
            message = (
                f"{segment.tag} stands {where}, not inside a transaction set (ST..SE); the "
                "segments after it up to the next envelope segment are outside too"
            )
        self._report("EDI140", message, self._at(segment))

    # -- envelope segments -----------------------------------------------------------------
    def _envelope_segment(self, segment: Segment) -> Transaction | None:
        tag = segment.tag
        if tag == "SE" and self._stray_run and self._transaction is None and self._group:
            # The SE closing a run of stray segments (its ST is missing, reported at the run's
            # first segment): count it as the group's transaction set, report nothing more.
            self._stray_run = False
            self._group.parts.append(segment)
            self._group.transaction_count += 1
            return None
        self._stray_run = False
        if tag in SERVICE_SEGMENTS:
            self._stray(segment)
            return None
        if tag == "ISA":
            finished = self._close_interchange(None) if self._interchange is not None else None
            self._open_interchange(segment)
            return finished
        if tag == "IEA":
            return self._close_interchange(segment)
        if tag == "GS":
            finished = self._close_group(None) if self._group is not None else None
            self._open_group(segment)
            return finished
        if tag == "GE":
            return self._close_group(segment)
        if tag == "ST":
            finished = self._close_transaction(None) if self._transaction is not None else None
            self._open_transaction(segment)
            return finished
        return self._close_transaction(segment)  # SE

    def _open_interchange(self, isa: Segment) -> None:
        interchange = Interchange(isa, len(self.file.interchanges))
        self.file.parts.append(interchange)
        self._interchange = interchange
        self._group_controls = set()
        if self._leading_text is not None:
            where, snippet = self._leading_text
            self._leading_text = None
            self._report("EDI004", f"text before the first ISA: {snippet!r}", where)
        self._check_isa(isa)

    def _close_interchange(self, iea: Segment | None) -> Transaction | None:
        finished = self._close_group(None) if self._group is not None else None
        interchange = self._interchange
        if interchange is None:  # unreachable: the tokenizer starts every run with an ISA
            return finished
        if iea is None:
            self._report(
                "EDI110",
                f"interchange {interchange.control_number} has no IEA trailer",
                self._at(interchange.header),
            )
        else:
            interchange.trailer = iea
            self._check_interchange_trailer(interchange, iea)
        self._interchange = None
        return finished

    def _check_interchange_trailer(self, interchange: Interchange, iea: Segment) -> None:
        self._check_elements(iea, _IEA)
        declared, control = iea[1], iea[2]
        if not _same_number(control, interchange.control_number):
            self._report(
                "EDI111",
                f"IEA02 is {control!r} but ISA13 is {interchange.control_number!r}",
                self._at(iea, 2),
            )
        groups = len(interchange.groups)
        if declared.isdigit() and int(declared) != groups:
            self._report(
                "EDI112",
                f"IEA01 says {int(declared)} functional groups; the interchange has {groups}",
                self._at(iea, 1),
            )

    def _open_group(self, gs: Segment) -> None:
        interchange = self._interchange
        if interchange is None:  # unreachable: the tokenizer starts every run with an ISA
            return
        group = Group(gs, len(interchange.groups))
        interchange.parts.append(group)
        self._group = group
        self._transaction_controls = set()
        self._check_elements(gs, _GS)
        control = gs[6]
        if control in self._group_controls:
            self._report("EDI123", f"GS06 {control!r} is used by an earlier group", self._at(gs, 6))
        self._group_controls.add(control)

    def _close_group(self, ge: Segment | None) -> Transaction | None:
        finished = self._close_transaction(None) if self._transaction is not None else None
        group = self._group
        if group is None:
            if ge is not None:
                self._stray_trailer(ge, "GE without a GS before it")
            return finished
        if ge is None:
            self._report(
                "EDI120",
                f"functional group {group.control_number} has no GE trailer",
                self._at(group.header),
            )
            self._group = None
            return finished
        group.trailer = ge
        self._check_elements(ge, _GE)
        declared, control = ge[1], ge[2]
        if not _same_number(control, group.control_number):
            self._report(
                "EDI121",
                f"GE02 is {control!r} but GS06 is {group.control_number!r}",
                self._at(ge, 2),
            )
        if declared.isdigit() and int(declared) != group.transaction_count:
            self._report(
                "EDI122",
                f"GE01 says {int(declared)} transaction sets; the group has "
                f"{group.transaction_count}",
                self._at(ge, 1),
            )
        self._group = None
        return finished

    def _open_transaction(self, st: Segment) -> None:
        st.position = 1
        group = self._group
        if group is None:
            self._stray_run = False
            self._stray(st)
            self._orphan = True
            return
        context = self._context()
        transaction = Transaction(
            st,
            Context(
                file=context.file,
                interchange=context.interchange,
                interchange_control=context.interchange_control,
                group=context.group,
                group_control=context.group_control,
                transaction=group.transaction_count,
                transaction_control=st[2],
                transaction_set=st[1],
                version=group.version,
            ),
        )
        group.transaction_count += 1
        if self._keep:
            group.parts.append(transaction)
        self._transaction = transaction
        self._check_elements(st, _ST)
        self._check_transaction_header(group, st)

    def _check_transaction_header(self, group: Group, st: Segment) -> None:
        release = group.version[:6]
        if st[3] and release.isdigit() and release < "004020":
            self._report(
                "EDI106",
                f"ST03 exists from version 004020 on; this group is {group.version}",
                self._at(st, 3),
            )
        control = st[2]
        if control in self._transaction_controls:
            self._report(
                "EDI133",
                f"ST02 {control!r} is used by an earlier transaction set in this group",
                self._at(st, 2),
            )
        self._transaction_controls.add(control)
        expected = FUNCTIONAL_GROUP.get(st[1])
        if expected is not None and group.functional_id != expected:
            self._report(
                "EDI124",
                f"a {st[1]} belongs in a functional group with GS01 {expected!r}, but this "
                f"group's GS01 is {group.functional_id!r}",
                self._at(st, 1),
            )

    def _close_transaction(self, se: Segment | None) -> Transaction | None:
        transaction = self._transaction
        if transaction is None:
            if se is not None:
                if self._orphan:
                    self._orphan = False
                    self._stray(se)
                else:
                    self._stray_trailer(se, "SE without an ST before it")
            return None
        if se is None:
            self._report(
                "EDI130",
                f"transaction set {transaction.set_id} {transaction.control_number} has no SE "
                "trailer",
                self._at(transaction.header),
            )
            self._transaction = None
            return transaction
        transaction.trailer = se
        count = len(transaction.segments) + 2
        se.position = count
        self._check_elements(se, _SE)
        declared, control = se[1], se[2]
        if control != transaction.control_number:
            self._report(
                "EDI131",
                f"SE02 is {control!r} but ST02 is {transaction.control_number!r}",
                self._at(se, 2),
            )
        if declared.isdigit() and int(declared) != count:
            self._report(
                "EDI132",
                f"SE01 says {int(declared)} segments; ST..SE holds {count}",
                self._at(se, 1),
            )
        self._transaction = None
        return transaction

    def _stray_trailer(self, segment: Segment, what: str) -> None:
        self._report("EDI141", what, self._at(segment))
        if self._interchange is not None:
            (self._group.parts if self._group else self._interchange.parts).append(segment)

    # -- element checks --------------------------------------------------------------------
    def _check_elements(self, segment: Segment, spec: tuple[ElementSpec, ...]) -> None:
        count = len(segment)
        if count > len(spec):
            self._report(
                "EDI106",
                f"{segment.tag} has {count} elements; the standard defines {len(spec)}",
                self._at(segment, len(spec) + 1),
            )
        for number, (kind, low, high, mandatory) in enumerate(spec, start=1):
            value = segment[number]
            name = f"{segment.tag}{number:02d}"
            if not value:
                if mandatory:
                    self._report("EDI105", f"{name} is missing", self._at(segment, number))
                continue
            if segment.tag == "GS" and number == 4:
                self._check_group_date(segment, value)
                continue
            for problem in (length_problem(value, kind, low, high), type_problem(value, kind)):
                if problem is not None:
                    self._report("EDI105", f"{name} {value!r} {problem}", self._at(segment, number))

    def _check_group_date(self, gs: Segment, value: str) -> None:
        """GS04 is CCYYMMDD from version 004 on and YYMMDD before (reference section 3).
        Old envelopes (ISA12 below 00400) that send six digits with a 004010 group are common
        enough in real files that edikit reports them as a warning."""
        old_group = gs[8][:6].isdigit() and gs[8][:6] < "004000"
        problem = type_problem(value, "DT")
        if problem is None and len(value) == 6 and not old_group:
            interchange = self._interchange
            old_envelope = interchange is not None and interchange.version < "00400"
            self._report(
                "EDI105",
                f"GS04 {value!r} has 6 digits; version {gs[8]} requires CCYYMMDD",
                self._at(gs, 4),
                Severity.WARNING if old_envelope else None,
            )
        elif problem is not None:
            self._report("EDI105", f"GS04 {value!r} {problem}", self._at(gs, 4))

    def _check_isa(self, isa: Segment) -> None:
        delimiters = isa.delimiters
        for problem in delimiters.conflicts():
            self._report("EDI104", problem, self._at(isa))
        if len(delimiters.segment) > 1:
            self._report(
                "EDI104",
                f"the segment terminator {delimiters.segment!r} is several bytes; X12 uses one "
                "character (edikit read the file with it anyway)",
                self._at(isa, 16),
                Severity.WARNING,
            )
        fields = isa.elements
        if len(fields) != 17:
            self._report(
                "EDI106", f"ISA has {len(fields) - 1} elements; it must have 16", self._at(isa)
            )
            return
        for number, width in enumerate(ISA_WIDTHS, start=1):
            value = fields[number]
            if len(value) != width:
                self._report(
                    "EDI102",
                    f"ISA{number:02d} is {len(value)} characters long; ISA is fixed-width and "
                    f"ISA{number:02d} must be exactly {width}",
                    self._at(isa, number),
                )
        for number, problem in _isa_value_problems(fields):
            self._report("EDI103", f"ISA{number:02d} {problem}", self._at(isa, number))


def _isa_value_problems(fields: list[str]) -> Iterator[tuple[int, str]]:
    def code(number: int, allowed: frozenset[str], what: str) -> Iterator[tuple[int, str]]:
        if fields[number] not in allowed:
            yield number, f"{fields[number]!r} is not a valid {what}"

    yield from code(1, _ISA01, "authorization information qualifier")
    yield from code(3, _ISA03, "security information qualifier")
    yield from code(5, _ID_QUALIFIERS, "interchange ID qualifier")
    yield from code(7, _ID_QUALIFIERS, "interchange ID qualifier")
    for number in (6, 8):
        if not fields[number].strip():
            yield number, "is blank; the interchange must name its sender and receiver"
    for number, kind in ((9, "DT"), (10, "TM")):
        # A value of the wrong width is reported once, as EDI102.
        if len(fields[number]) == ISA_WIDTHS[number - 1]:
            problem = type_problem(fields[number], kind)
            if problem is not None:
                yield number, f"{fields[number]!r} {problem}"
    version = fields[12]
    if not (len(version) == 5 and version.isdigit()):
        yield 12, f"{version!r} is not an interchange control version (5 digits, e.g. 00401)"
    elif version < REPETITION_FROM_VERSION and fields[11] != "U":
        yield 11, f"{fields[11]!r} must be 'U' (standards identifier) for version {version}"
    elif version >= REPETITION_FROM_VERSION and (len(fields[11]) != 1 or fields[11].isalnum()):
        yield 11, f"{fields[11]!r} must be the repetition separator for version {version}"
    if not (len(fields[13]) == 9 and fields[13].isdigit()):
        yield 13, f"{fields[13]!r} must be a 9-digit control number"
    yield from code(14, _ISA14, "acknowledgment requested code (0 or 1)")
    yield from code(15, _ISA15, "usage indicator (P, T or I)")


def _same_number(first: str, second: str) -> bool:
    """Whether two control numbers agree; numbers compare by value (GS06 ``000005`` = GE02
    ``5``: N0 has no leading-zero rule), anything else as written."""
    if first.isdigit() and second.isdigit():
        return int(first) == int(second)
    return first == second
