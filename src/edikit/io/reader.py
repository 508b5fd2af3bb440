"""Pipeline stage 3: group segment tokens into interchanges, functional groups and transaction
sets (the tree in :mod:`edikit.io.envelope`), and check the envelope (EDI0xx input, EDI1xx
envelope codes).

:class:`EnvelopeReader` yields each transaction set as soon as its SE (or whatever ends it) has
been read, so a caller can stream a file of any size with memory bounded by the largest
transaction set. With ``keep=True`` it also builds the whole tree (:class:`X12File`); without,
nothing is kept from one transaction set or interchange to the next but counters.

What the reader finds it hands to ``resolve`` (the rule set's), as
:class:`~edikit.vocabulary.Problem` values; the findings go onto the tree.

Facts: X12 control segments (element types and lengths, control-number rules) in
``_data/SOURCE.md``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from edikit.io.datatypes import is_digits
from edikit.io.envelope import Context, Group, Interchange, Transaction, X12File
from edikit.io.envelope_rules import (
    ENVELOPE_SEGMENTS,
    SERVICE_SEGMENTS,
    declared_count,
    element_findings,
    functional_group,
    isa_findings,
    same_number,
)
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap, Stop, Token, Tokenizer
from edikit.location import Location
from edikit.vocabulary import Argument, Problem, Resolve, Severity

# ST03 (implementation convention reference) exists from this release on.
ST03_FROM: Final = "004020"
OLD_ENVELOPES_BELOW: Final = "00400"
# Formatting before ISA or after the last IEA: a byte-order mark, white space, Ctrl-Z.
_FORMATTING: Final = "\ufeff\xef\xbb\xbf \t\r\n\x1a"
# A hook the reader calls with each ISA, GS, GE and IEA it reads, and the context it is in
# (for GE and IEA: the group or interchange it closes).
EnvelopeHook = Callable[[Segment, Context], None]
# Envelope and stray segments the reader remembers, for a caller that shows a finding's
# segment between its neighbours (body segments are in the open transaction set).
_RECENT: Final = 4


class EnvelopeReader:
    """Group tokens into the envelope tree, yielding each transaction set once it is complete.

    Findings that belong to one transaction set go to ``Transaction.violations``; the others
    (input, interchange and group level) to ``file.violations``. ``on_envelope`` is called with
    every ISA and GS as it is opened (the profile's envelope rules and summaries read them).
    """

    def __init__(
        self,
        tokens: Iterable[Token],
        resolve: Resolve,
        name: str | None = None,
        keep: bool = True,
        on_envelope: EnvelopeHook | None = None,
    ) -> None:
        self.file = X12File(name=name)
        self._tokens = tokens
        self._resolve = resolve
        self._keep = keep
        self._on_envelope = on_envelope
        self._interchange: Interchange | None = None
        self._group: Group | None = None
        self._transaction: Transaction | None = None
        self._interchanges = 0  # opened so far: the index of the next one
        self._group_controls: set[str] = set()
        self._transaction_controls: set[str] = set()
        self._orphan = False  # inside an ST..SE that has no GS around it
        self._stray_run = False  # a stray segment was reported; quiet until the envelope resumes
        self._trailing_text: Gap | None = None  # text after an IEA the tokenizer read as segments
        self._good_tags: set[str] = set()
        self._seen_anything = False
        self._seen_content = False  # anything but white space
        self._leading_text: tuple[Location, str] | None = None
        self._recent: deque[Segment] = deque(maxlen=_RECENT)

    @property
    def interchange_count(self) -> int:
        return self._interchanges

    def segment_at(self, index: int) -> Segment | None:
        """The segment with input index ``index``, if the reader still holds it: one of the
        last envelope or stray segments read, or one of the open transaction set's."""
        transaction = self._transaction
        if transaction is not None:
            first = transaction.header.index
            if index == first:
                return transaction.header
            body = transaction.segments
            if first < index <= first + len(body):
                found = body[index - first - 1]
                if found.index == index:
                    return found
        return next((segment for segment in self._recent if segment.index == index), None)

    # -- driving ---------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Transaction]:
        tokens = self._tokens
        batches = tokens.batches() if isinstance(tokens, Tokenizer) else ([t] for t in tokens)
        for batch in batches:
            yield from self._read_batch(batch)
        yield from self._finish()

    def _read_batch(self, batch: list[Token]) -> list[Transaction]:
        finished_sets: list[Transaction] = []
        good_tags = self._good_tags
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
            if tag in ENVELOPE_SEGMENTS:
                self._seen_content = True
                self._recent.append(token)
                finished = self._envelope_segment(token)
                if finished is not None:
                    finished_sets.append(finished)
                transaction = self._transaction
                body = transaction.segments if transaction is not None else None
                continue
            if body is not None:
                if tag not in good_tags:
                    self._check_tag(token)
                body.append(token)
                token.position = len(body) + 1
            else:
                self._seen_content = True
                self._recent.append(token)
                self._stray(token)
        return finished_sets

    def _finish(self) -> Iterator[Transaction]:
        if self._interchange is not None:
            finished = self._close_interchange(None)
            if finished is not None:
                yield finished
        nowhere = Location(file=self.file.name)
        stop = self._stopped()
        if stop is not None:
            self._report_stop(stop)
        elif not self._seen_content:
            self._report("EDI001", nowhere, "default" if not self._seen_anything else "blank")
        elif not self._interchanges and self._leading_text is not None:
            where, snippet = self._leading_text
            self._report("EDI002", where, "starts", start=snippet)
        elif not self._interchanges and not self.file.violations:
            self._report("EDI002", nowhere)

    def _stopped(self) -> Stop | None:
        """Why the tokenizer stopped reading before the input ended, if it did."""
        tokens = self._tokens
        return tokens.stopped if isinstance(tokens, Tokenizer) else None

    def _report_stop(self, stop: Stop) -> None:
        where = Location(
            file=self.file.name, line=stop.line, column=stop.column, offset=stop.offset
        )
        sizes: dict[str, Argument] = {
            "read": stop.read,
            "end": stop.end,
            "limit": _size(stop.limit),
        }
        if stop.what == "segment":
            self._report("EDI005", where, "segment", **sizes)
        elif not self._interchanges:
            start = self._leading_text[1] if self._leading_text is not None else ""
            variant = "stopped_starts" if start else "stopped"
            self._report("EDI002", where, variant, **sizes, start=start)
        else:
            self._report("EDI004", where, "stopped", **sizes)

    # -- findings --------------------------------------------------------------------------
    def _report(
        self,
        code: str,
        location: Location,
        variant: str = "default",
        severity: Severity | None = None,
        /,
        **args: Argument,
    ) -> None:
        violation = self._resolve(Problem(code, location, args, variant, severity))
        if violation is None:
            return
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
            interchange=interchange.index if interchange else self._interchanges,
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
        if self._keep:
            self.file.parts.append(gap)
        where = Location(file=self.file.name, line=gap.line, column=gap.column, offset=gap.offset)
        if gap.isa_problem is not None:
            self._seen_content = True
            more = gap.text.count("ISA", 3)
            variant = "more" if more else "default"
            self._report("EDI101", where, variant, problem=gap.isa_problem, more=more)
            return
        body = gap.text.lstrip(_FORMATTING)
        if not body:
            return
        self._seen_content = True
        snippet = body[:40].split("\n", 1)[0]
        if self._stopped() is not None and not body.startswith(("UNA", "UNB")):
            # The last text read: reported with how much was read, once the input ends.
            if not self._interchanges:
                self._leading_text = (where, snippet)
            return
        if body.startswith(("UNA", "UNB")):
            self._report("EDI002", where, "edifact")
        elif not self._interchanges:
            # Junk before the first ISA, or no X12 at all: known once the input has ended.
            self._leading_text = (where, snippet)
        else:
            self._report("EDI004", where, text=snippet)

    def _check_tag(self, segment: Segment) -> None:
        tag = segment.tag
        if 2 <= len(tag) <= 3 and tag.isascii() and tag.isalnum() and tag == tag.upper():
            self._good_tags.add(tag)
            return
        if not tag:
            self._report("EDI006", self._at(segment), "empty")
        else:
            self._report("EDI006", self._at(segment), tag=tag[:20])

    def _stray(self, segment: Segment) -> None:
        interchange = self._interchange
        if interchange is None:
            self._after_interchange(segment)
            return
        if segment.tag not in self._good_tags:
            self._check_tag(segment)
        group = self._group
        if group is None and segment.tag in SERVICE_SEGMENTS:
            self._keep_part(interchange.parts, segment)
            return
        self._keep_part(group.parts if group is not None else interchange.parts, segment)
        if self._orphan or self._stray_run:
            return
        self._stray_run = True
        if segment.tag == "ST":
            self._report("EDI140", self._at(segment), "st")
            return
        where = "between GS and ST" if group is not None else "outside any functional group"
        self._report("EDI140", self._at(segment), tag=segment.tag, where=where)

    def _after_interchange(self, segment: Segment) -> None:
        """A segment after an IEA that the tokenizer did not take for one (``IEA~``, no
        elements: it reads on with the interchange's delimiters). It stands outside any
        interchange: kept as text, in one piece with the segments right after it, and
        reported once (EDI004) as other text after an interchange is."""
        text = segment.to_text()
        gap = self._trailing_text
        if gap is not None and gap.offset + len(gap.text) == segment.offset:
            gap.text += text
            return
        gap = Gap(text, segment.offset, segment.line, segment.column)
        self._trailing_text = gap
        self._gap(gap)

    def _keep_part(self, parts: list[Any], part: Segment) -> None:
        if self._keep:
            parts.append(part)

    # -- envelope segments -----------------------------------------------------------------
    def _envelope_segment(self, segment: Segment) -> Transaction | None:
        tag = segment.tag
        if tag == "SE" and self._stray_run and self._transaction is None and self._group:
            # The SE closing a run of stray segments (its ST is missing, reported at the run's
            # first segment): count it as the group's transaction set, report nothing more.
            self._stray_run = False
            self._keep_part(self._group.parts, segment)
            self._group.transaction_count += 1
            return None
        self._stray_run = False
        if self._interchange is None and tag != "ISA":
            self._after_interchange(segment)
            return None
        if tag in SERVICE_SEGMENTS:
            transaction = self._transaction
            if transaction is not None:
                # Inside ST..SE it is one of the set's segments as read, where it stands; the
                # structure stage reports that the set has no place for it (EDI202).
                transaction.segments.append(segment)
                segment.position = len(transaction.segments) + 1
                return None
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
        self._trailing_text = None
        interchange = Interchange(isa, self._interchanges)
        self._interchanges += 1
        if self._keep:
            self.file.parts.append(interchange)
        self._interchange = interchange
        self._group_controls = set()
        if self._leading_text is not None:
            where, snippet = self._leading_text
            self._leading_text = None
            self._report("EDI004", where, "before", text=snippet)
        self._check_isa(isa)
        self._announce(isa)

    def _announce(self, segment: Segment) -> None:
        if self._on_envelope is not None:
            self._on_envelope(segment, self._context())

    def _close_interchange(self, iea: Segment | None) -> Transaction | None:
        finished = self._close_group(None) if self._group is not None else None
        interchange = self._interchange
        if interchange is None:  # unreachable: the tokenizer starts every run with an ISA
            return finished
        if iea is None:
            self._report("EDI110", self._at(interchange.header), control=interchange.control_number)
        else:
            interchange.trailer = iea
            self._check_interchange_trailer(interchange, iea)
            self._announce(iea)
        self._interchange = None
        return finished

    def _check_interchange_trailer(self, interchange: Interchange, iea: Segment) -> None:
        self._check_elements(iea)
        declared, control = iea[1], iea[2]
        if not same_number(control, interchange.control_number):
            self._report(
                "EDI111", self._at(iea, 2), control=control, expected=interchange.control_number
            )
        count = interchange.group_count
        said = declared_count(declared, count)
        if said is not None:
            self._report("EDI112", self._at(iea, 1), declared=said, count=count)

    def _open_group(self, gs: Segment) -> None:
        interchange = self._interchange
        if interchange is None:  # unreachable: the tokenizer starts every run with an ISA
            return
        group = Group(gs, interchange.group_count)
        interchange.group_count += 1
        if self._keep:
            interchange.parts.append(group)
        self._group = group
        self._transaction_controls = set()
        self._check_elements(gs)
        control = gs[6]
        if control in self._group_controls:
            self._report("EDI123", self._at(gs, 6), control=control)
        self._group_controls.add(control)
        self._announce(gs)

    def _close_group(self, ge: Segment | None) -> Transaction | None:
        finished = self._close_transaction(None) if self._transaction is not None else None
        group = self._group
        if group is None:
            if ge is not None:
                self._stray_trailer(ge, "a GS")
            return finished
        if ge is None:
            self._report("EDI120", self._at(group.header), control=group.control_number)
            self._group = None
            return finished
        group.trailer = ge
        self._check_elements(ge)
        declared, control = ge[1], ge[2]
        if not same_number(control, group.control_number):
            self._report("EDI121", self._at(ge, 2), control=control, expected=group.control_number)
        count = group.transaction_count
        said = declared_count(declared, count)
        if said is not None:
            self._report("EDI122", self._at(ge, 1), declared=said, count=count)
        self._announce(ge)
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
        self._check_elements(st)
        self._check_transaction_header(group, st)

    def _check_transaction_header(self, group: Group, st: Segment) -> None:
        release = group.version[:6]
        if st[3] and is_digits(release) and release < ST03_FROM:
            self._report("EDI106", self._at(st, 3), "st03", version=group.version)
        control = st[2]
        if control in self._transaction_controls:
            self._report("EDI133", self._at(st, 2), control=control)
        self._transaction_controls.add(control)
        expected = functional_group(st[1])
        if expected is not None and group.functional_id != expected:
            self._report(
                "EDI124",
                self._at(st, 1),
                set_id=st[1],
                expected=expected,
                found=group.functional_id,
            )

    def _close_transaction(self, se: Segment | None) -> Transaction | None:
        transaction = self._transaction
        if transaction is None:
            if se is not None:
                if self._orphan:
                    self._orphan = False
                    self._stray(se)
                else:
                    self._stray_trailer(se, "an ST")
            return None
        if se is None:
            self._report(
                "EDI130",
                self._at(transaction.header),
                set_id=transaction.set_id,
                control=transaction.control_number,
            )
            self._transaction = None
            return transaction
        transaction.trailer = se
        count = len(transaction.segments) + 2
        se.position = count
        self._check_elements(se)
        declared, control = se[1], se[2]
        if control != transaction.control_number:
            self._report(
                "EDI131", self._at(se, 2), control=control, expected=transaction.control_number
            )
        said = declared_count(declared, count)
        if said is not None:
            self._report("EDI132", self._at(se, 1), declared=said, count=count)
        self._transaction = None
        return transaction

    def _stray_trailer(self, segment: Segment, header: str) -> None:
        self._report("EDI141", self._at(segment), tag=segment.tag, header=header)
        if self._interchange is not None:
            group = self._group
            self._keep_part(group.parts if group else self._interchange.parts, segment)

    # -- element checks --------------------------------------------------------------------
    def _check_elements(self, segment: Segment) -> None:
        for number, variant, args in element_findings(segment):
            severity = None
            if variant == "short_date" and self._old_envelope():
                severity = Severity.WARNING  # common with old envelopes: not worth an error
            code = "EDI106" if "defined" in args else "EDI105"
            self._report(code, self._at(segment, number), variant, severity, **args)

    def _old_envelope(self) -> bool:
        interchange = self._interchange
        return interchange is not None and interchange.version < OLD_ENVELOPES_BELOW

    def _check_isa(self, isa: Segment) -> None:
        delimiters = isa.delimiters
        for problem in delimiters.conflicts():
            self._report("EDI104", self._at(isa), problem=problem)
        if len(delimiters.segment) > 1:
            self._report(
                "EDI104",
                self._at(isa, 16),
                "multibyte",
                Severity.WARNING,
                terminator=delimiters.segment,
            )
        for code, (number, variant, args) in isa_findings(isa):
            self._report(code, self._at(isa, number or None), variant, **args)


def _size(count: int) -> str:
    """A byte count for people: ``4 MiB``, ``64 KiB``, ``100 bytes``."""
    for shift, unit in ((20, "MiB"), (10, "KiB")):
        if count >= 1 << shift and count % (1 << shift) == 0:
            return f"{count >> shift} {unit}"
    return f"{count:,} bytes"
