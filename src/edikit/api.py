"""The public entry points: reading (:func:`parse`, :func:`stream`, :func:`serialize`), rule
sets (:func:`load_profile`, :func:`ruleset`) and validation (:func:`validate_file`,
:func:`validate`, :func:`validate_set`, :func:`cross_check`).

Each stage hands its value to the next: the envelope tree (io), the parsed transaction set
(grammar), the typed document (models), the findings and facts (rules). :func:`validate_file`
is pure: the same input and rule set give the same :class:`~edikit.rules.result.FileResult`,
in this process or another (both pickle).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

from edikit._gc import paused_gc
from edikit.errors import EdiSyntaxError
from edikit.grammar.transaction import ParsedTransaction, parse_transaction
from edikit.io.decode import CHUNK_SIZE, Readable, Source, open_source
from edikit.io.envelope import Context, Group, Interchange, Transaction, X12File
from edikit.io.reader import EnvelopeReader
from edikit.io.segment import Segment
from edikit.io.serializer import Serializable
from edikit.io.serializer import serialize as serialize_io
from edikit.io.tokenizer import Tokenizer
from edikit.location import Location
from edikit.profiles.loader import ResolvedProfile
from edikit.profiles.loader import load_profile as load_profile_file
from edikit.rules.collect import Collector
from edikit.rules.compose import compose
from edikit.rules.crossdoc import Arrival, Ledger, check_arrivals
from edikit.rules.extract import facts_of
from edikit.rules.profile.guideline import EnvelopeCheck
from edikit.rules.result import DocumentResult, FileResult
from edikit.rules.ruleset import RuleSet, standard_ruleset
from edikit.rules.runner import Checks
from edikit.rules.summary import EnvelopeSummary
from edikit.vocabulary import Argument, Problem, Severity, Violation

if TYPE_CHECKING:  # the typed models are imported when first built (a validation needs none)
    from edikit.models.documents import Document

ErrorMode = Literal["collect", "raise", "first"]
"""What :func:`parse` does with problems: ``collect`` them on the result, ``raise``
:class:`~edikit.errors.EdiSyntaxError` after reading if any is an error, or raise at the
``first`` error."""
ProfileReference = ResolvedProfile | str | Path

__all__ = [
    "ErrorMode",
    "ParsedFile",
    "TransactionStream",
    "cross_check",
    "load_profile",
    "parse",
    "ruleset",
    "serialize",
    "stream",
    "validate",
    "validate_file",
    "validate_set",
]


# -- reading ----------------------------------------------------------------------------------
class ParsedFile:
    """What :func:`parse` read: the envelope tree (``envelope``), each transaction set after
    the grammar stage (``transactions``), and every finding of reading (envelope and
    structure). ``documents`` are the typed models, built on first use."""

    def __init__(self, envelope: X12File, transactions: tuple[ParsedTransaction, ...]) -> None:
        self.envelope = envelope
        self.transactions = transactions

    @classmethod
    def unread(cls, name: str, violations: Iterable[Violation]) -> ParsedFile:
        """What is known of an input that could not be read: its name and why."""
        envelope = X12File(name=name)
        envelope.violations.extend(violations)
        return cls(envelope, ())

    @property
    def name(self) -> str | None:
        return self.envelope.name

    @property
    def codec(self) -> str:
        return self.envelope.codec

    @property
    def interchanges(self) -> list[Interchange]:
        return self.envelope.interchanges

    @property
    def groups(self) -> list[Group]:
        return self.envelope.groups

    @property
    def violations(self) -> list[Violation]:
        """Input, interchange and group findings (outside any transaction set)."""
        return self.envelope.violations

    @cached_property
    def _documents(self) -> dict[int, Document | None]:
        from edikit.models.documents import document

        with paused_gc(kept=True):  # many small objects, no cycles (see edikit._gc)
            return {id(parsed): document(parsed) for parsed in self.transactions}

    @property
    def documents(self) -> list[Document]:
        """The typed models of every transaction set edikit has one for, in input order."""
        return [doc for doc in self._documents.values() if doc is not None]

    def document(self, parsed: ParsedTransaction) -> Document | None:
        """The typed model of one of ``transactions`` (None for a set without one)."""
        return self._documents.get(id(parsed))

    def all_violations(self) -> list[Violation]:
        """Every finding of reading, in input order."""
        found = list(self.envelope.violations)
        for parsed in self.transactions:
            found.extend(parsed.all_violations())
        return sorted(found, key=_input_order)

    @property
    def ok(self) -> bool:
        """No finding of severity error."""
        return not any(v.severity is Severity.ERROR for v in self.all_violations())


def parse(
    source: Readable,
    *,
    name: str | None = None,
    errors: ErrorMode = "collect",
    pause_gc: bool = True,
    structure: bool = True,
) -> ParsedFile:
    """Read every interchange of ``source`` (bytes, a path, an open binary or text file, or X12
    text).

    A ``str`` is X12 text when it holds a line break, or starts with an ISA (``ISA`` and its
    element separator, found 16 times or more), or is longer than 4,096 characters; any other
    ``str`` is a path (:func:`edikit.io.decode.is_x12_text`). Pass ``bytes`` or a
    :class:`~pathlib.Path` to leave no doubt.

    With ``errors="collect"`` (the default) problems in the input are returned as findings
    (``ParsedFile.all_violations()``); ``"raise"`` raises
    :class:`~edikit.errors.EdiSyntaxError` after reading if any is an error, ``"first"``
    raises at the first error. ``pause_gc`` pauses the cyclic garbage collector while reading
    (see :mod:`edikit._gc`). ``structure`` runs the loop grammar on every transaction set
    edikit has a segment table for (850, 855, 856, 810, 997, 999), giving each its loop tree
    and structural findings (EDI2xx). Raises :class:`~edikit.errors.InputError` if the input
    can't be read, :class:`ValueError` for an ``errors`` mode that is none of these.
    """
    _check_choice("errors", errors, ErrorMode)
    tx_stream = TransactionStream(source, name=name, keep=True, pause_gc=False, structure=structure)
    transactions: list[ParsedTransaction] = []
    # The whole tree is kept, so the collector is paused for the whole read: turning it back
    # on between transaction sets lets it rescan everything kept so far, again and again.
    with paused_gc(pause_gc, kept=True):
        for parsed in tx_stream:
            transactions.append(parsed)
            if errors == "first":
                found = _errors(parsed.all_violations()) or _errors(tx_stream.violations)
                if found:
                    raise EdiSyntaxError(found[:1])
    result = ParsedFile(tx_stream.file, tuple(transactions))
    found = _errors(result.all_violations())
    if found and errors != "collect":
        raise EdiSyntaxError(found[:1] if errors == "first" else found)
    return result


def stream(
    source: Readable,
    *,
    name: str | None = None,
    pause_gc: bool = True,
    structure: bool = True,
    chunk_size: int = CHUNK_SIZE,
) -> TransactionStream:
    """Iterate over the transaction sets of ``source`` one at a time, for inputs of any size.

    Each is a :class:`~edikit.grammar.transaction.ParsedTransaction` with its findings. Memory
    is bounded by the largest transaction set plus the ``chunk_size`` characters read at a
    time. Envelope-level findings are in ``.violations`` (complete once the iteration ended).
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise TypeError(f"chunk_size must be an int, not {type(chunk_size).__name__}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be 1 or more, not {chunk_size}")
    return TransactionStream(
        source, name=name, keep=False, pause_gc=pause_gc, structure=structure, chunk_size=chunk_size
    )


class TransactionStream:
    """An iterable of :class:`ParsedTransaction` with the envelope read so far in ``.file``."""

    def __init__(
        self,
        source: Readable,
        *,
        name: str | None,
        keep: bool,
        pause_gc: bool,
        structure: bool = True,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self._source = open_source(source, name=name, chunk_size=chunk_size)
        self._pause_gc = pause_gc
        self._structure = structure
        self._rules = replace(standard_ruleset(), max_per_rule=None, max_per_file=None)
        self._reader = EnvelopeReader(
            Tokenizer(self._source), self._rules.resolve, name=self._source.name, keep=keep
        )
        self.file = self._reader.file

    @property
    def violations(self) -> list[Violation]:
        """Input, interchange and group level findings so far."""
        return self.file.violations

    def __iter__(self) -> Iterator[ParsedTransaction]:
        transactions = iter(self._reader)
        last_group: tuple[int, int | None] | None = None  # groups come one after another
        while True:
            with paused_gc(self._pause_gc):
                transaction = next(transactions, None)
                if transaction is None:
                    break
                group = (transaction.context.interchange, transaction.context.group)
                parsed = self._parse(transaction, group != last_group)
                last_group = group
            yield parsed
        self.file.codec = self._source.codec
        if self._source.unsupported is not None:
            self.file.violations[:] = [_refused(self._source, self._rules)]

    def _parse(self, transaction: Transaction, warn_version: bool) -> ParsedTransaction:
        if not self._structure:
            found = tuple(transaction.violations)
            return ParsedTransaction(transaction, "", False, None, None, found)
        return parse_transaction(transaction, self._rules.resolve, warn_version=warn_version)


Serialized: TypeAlias = "ParsedFile | ParsedTransaction | Document | Serializable"


def serialize(obj: Serialized | Iterable[Serialized]) -> bytes:
    """The bytes of a parsed file, transaction set, typed document, interchange, group or
    segment (or an iterable of them), as read or built. :class:`TypeError` for anything
    else: a ``str`` or ``bytes`` is already what ``serialize`` would give."""
    from edikit.models.documents import Document

    if isinstance(obj, ParsedFile):
        return serialize_io(obj.envelope)
    if isinstance(obj, ParsedTransaction):
        return serialize_io(obj.transaction)
    if isinstance(obj, Document):
        return obj.to_x12()
    if isinstance(obj, list | tuple) and any(
        isinstance(item, ParsedFile | ParsedTransaction | Document) for item in obj
    ):
        return b"".join(serialize(item) for item in obj)
    return serialize_io(obj)  # type: ignore[arg-type]


# -- rule sets ----------------------------------------------------------------------------------
def load_profile(reference: ProfileReference) -> ResolvedProfile:
    """A retailer profile, by built-in ID or path, with its ``extends`` chain merged and
    everything it says checked (against the standard, and the rules it names):
    :class:`~edikit.errors.ProfileError` with the place in the YAML otherwise."""
    if isinstance(reference, ResolvedProfile):
        return reference
    if isinstance(reference, os.PathLike):
        reference = Path(reference)
    if not isinstance(reference, str | Path):
        raise TypeError(
            "profile must be a built-in profile ID, a path or a profile from "
            f"edikit.load_profile, not {type(reference).__name__} {reference!r}"
        )
    resolved = load_profile_file(reference)
    compose(resolved)  # what it says of the catalog's rules is checked here
    return resolved


def ruleset(
    profile: ProfileReference | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    min_severity: Severity | str = Severity.INFO,
    plugins: bool = True,
    max_per_rule: int | None = 1_000,
    max_per_file: int | None = 10_000,
) -> RuleSet:
    """The rules one validation applies, resolved once: the X12 standard and the business
    rules, ``profile``'s chain, the codes ``select``/``ignore`` keep (prefixes: ``EDI3``),
    nothing below ``min_severity``, the installed plugins' rules (unless ``plugins`` is False),
    and at most ``max_per_rule`` findings of a code and ``max_per_file`` in all per file (the
    rest is counted in ``FileResult.omitted``; None keeps everything)."""
    resolved = load_profile(profile) if profile is not None else None
    rules = compose(
        resolved, select=select, ignore=ignore, minimum=Severity(min_severity), plugins=plugins
    )
    return replace(rules, max_per_rule=max_per_rule, max_per_file=max_per_file)


# -- validation ---------------------------------------------------------------------------------
def validate_file(
    source: Readable, rules: RuleSet | None = None, *, name: str | None = None
) -> FileResult:
    """Every check ``rules`` holds (default: the standard and the business rules) on one
    input: envelope (EDI0xx/1xx), structure (EDI2xx), elements and syntax notes (EDI3xx), the
    profile's rules (EDI4xx), business rules (EDI5xx) and plugins. One transaction set is
    held at a time. Raises :class:`~edikit.errors.InputError` if the input can't be read."""
    rules = rules if rules is not None else standard_ruleset()
    if not isinstance(rules, RuleSet):
        raise TypeError(f"rules must be a RuleSet (edikit.ruleset()), not {type(rules).__name__}")
    return _Validation(open_source(source, name=name), rules).run()


def validate(
    source: Readable,
    *,
    name: str | None = None,
    profile: ProfileReference | None = None,
    rules: RuleSet | None = None,
) -> FileResult:
    """:func:`validate_file` with the rules of ``profile`` (a built-in ID, a path or a loaded
    profile), or ``rules``. :class:`~edikit.errors.ProfileError` for a profile that cannot be
    loaded."""
    if rules is None:
        rules = ruleset(profile) if profile is not None else standard_ruleset()
    return validate_file(source, rules, name=name)


def validate_set(
    sources: Iterable[Readable],
    *,
    profile: ProfileReference | None = None,
    rules: RuleSet | None = None,
    received: Mapping[str, dt.datetime] | None = None,
) -> list[FileResult]:
    """Validate each of ``sources`` as :func:`validate` does, then check the documents
    against each other (EDI6xx): 855, 856 and 810 against the 850 whose PO number they name,
    shipped quantities against ordered, SSCC, BSN02 and invoice numbers unique across the set.
    The cross-document findings are on the later document. Paths are named by themselves in
    locations.

    The timing rules a profile switches on compare event times: the time a file was received,
    from ``received`` (by its name), else the GS04/GS05 its sender wrote."""
    if isinstance(sources, str | bytes | bytearray | memoryview | os.PathLike) or hasattr(
        sources, "read"
    ):
        raise TypeError(
            f"validate_set takes an iterable of sources, not one {type(sources).__name__}: "
            "pass [source]"
        )
    if rules is None:
        rules = ruleset(profile) if profile is not None else standard_ruleset()
    results = [
        validate_file(source, rules, name=str(source) if isinstance(source, Path) else None)
        for source in sources
    ]
    checked, _ = cross_check(results, rules, received=received)
    return checked


def cross_check(
    results: Iterable[FileResult],
    rules: RuleSet | None = None,
    *,
    ledger: Ledger | None = None,
    received: Mapping[str, dt.datetime] | None = None,
) -> tuple[list[FileResult], Ledger]:
    """The EDI6xx checks over validated ``results``, folding their facts into ``ledger`` (what
    came before; a new one by default): the results with the findings added to the documents
    they are about, and the ledger with the documents recorded."""
    rules = rules if rules is not None else standard_ruleset()
    results = list(results)
    arrivals = [
        Arrival.of(facts, received, origin)
        for origin, result in enumerate(results)
        for facts in result.facts
    ]
    checks = check_arrivals(arrivals, rules, ledger)
    by_origin: dict[int, list[Violation]] = {}
    for origin, violation in checks.found:
        by_origin.setdefault(origin, []).append(violation)
    suppressed: dict[int, list[str]] = {}
    for origin, code in checks.suppressed:
        suppressed.setdefault(origin, []).append(code)
    checked = [
        r.with_findings(by_origin.get(i, ()), suppressed.get(i, ())) for i, r in enumerate(results)
    ]
    return checked, checks.ledger


class _Validation:
    """One run of :func:`validate_file`: the reader, the checks and what they found so far."""

    def __init__(self, source: Source, rules: RuleSet) -> None:
        self.source = source
        self.rules = rules
        self.collector = Collector(rules)
        self.summary = EnvelopeSummary()
        self.envelope_findings: list[Violation] = []
        self.reader = EnvelopeReader(
            Tokenizer(source),
            self.collector.resolve,
            name=source.name,
            keep=False,
            on_envelope=self._envelope,
        )
        self.collector.lookup = self.reader.segment_at
        self.checks = Checks(rules, self.collector.resolve)
        self.documents: list[DocumentResult] = []
        self.segments = 0
        self._envelope_check: EnvelopeCheck | None = None

    def run(self) -> FileResult:
        # The collector stays paused for the whole run: each transaction set's trees hold no
        # reference cycle and are freed as the next is read; turning the collector back on
        # between sets would rescan every result kept so far, again and again.
        # Groups come one after another: remembering the last is enough (a set of every group
        # seen would grow with the input).
        last_group: tuple[int, int | None] | None = None
        with paused_gc(kept=True):
            for transaction in self.reader:
                context = transaction.context
                group = (context.interchange, context.group)
                self.documents.append(self._transaction(transaction, group != last_group))
                last_group = group
            return self._result()

    def _transaction(self, transaction: Transaction, warn_version: bool) -> DocumentResult:
        context = transaction.context
        collector = self.collector
        segments = transaction.all_segments()
        self.segments += len(segments)
        collector.lookup = _Lookup(segments, self.reader.segment_at)
        try:
            parsed = parse_transaction(transaction, collector.resolve, warn_version=warn_version)
            found = self.checks.run(parsed)
            facts = facts_of(parsed, self.summary.sent_at(context))
        finally:
            collector.lookup = self.reader.segment_at
        self.summary.transaction(context)
        violations = sorted((*parsed.violations, *found), key=_input_order)
        return DocumentResult(
            set_id=transaction.set_id,
            control_number=transaction.control_number,
            implementation=transaction.header[3] or None,
            interchange=context.interchange,
            interchange_control=context.interchange_control,
            group=context.group,
            group_control=context.group_control,
            transaction=context.transaction,
            version=context.version or "",
            line=transaction.header.line or None,
            segments=len(segments),
            violations=tuple(violations),
            facts=facts,
        )

    def _envelope(self, segment: Segment, context: Context) -> None:
        self.summary.seen(segment, context)
        profile = self.rules.profile
        if segment.tag in ("ISA", "GS") and profile is not None:

            def emit(
                code: str,
                where: Segment,
                element: int | None,
                rule: str | None,
                variant: str,
                /,
                **args: Argument,
            ) -> None:
                problem = Problem(code, context.locate(where, element), args, variant, rule=rule)
                violation = self.collector.resolve(problem)
                if violation is not None:
                    self.envelope_findings.append(violation)

            if self._envelope_check is None:
                self._envelope_check = EnvelopeCheck(profile)
            self._envelope_check.segment(segment, emit)

    def _result(self) -> FileResult:
        source = self.source
        name = source.name or "<input>"
        if source.unsupported is not None:
            return FileResult(
                path=name, codec=source.codec, violations=(_refused(source, self.rules),)
            )
        violations = sorted(
            (*self.reader.file.violations, *self.envelope_findings), key=_input_order
        )
        return FileResult(
            path=name,
            codec=source.codec,
            violations=tuple(violations),
            documents=tuple(self.documents),
            interchanges=self.summary.interchanges(),
            segments=self.segments,
            suppressed=dict(self.collector.suppressed),
            omitted=self.collector.left_out(),
        )


class _Lookup:
    """A transaction set's segments by input index, for excerpts: indexed on first use (most
    sets have no finding), then the reader's (envelope segments around the set)."""

    def __init__(self, segments: list[Segment], reader: Callable[[int], Segment | None]) -> None:
        self._segments = segments
        self._reader = reader
        self._by_index: dict[int, Segment] | None = None

    def __call__(self, index: int) -> Segment | None:
        if self._by_index is None:
            self._by_index = {segment.index: segment for segment in self._segments}
        return self._by_index.get(index) or self._reader(index)


def _refused(source: Source, rules: RuleSet) -> Violation:
    """The one finding for an input in a text encoding X12 does not use."""
    encoding = (source.unsupported or "").upper()
    location = Location(file=source.name, offset=0)
    violation = rules.resolve(Problem("EDI003", location, {"encoding": encoding}))
    if violation is None:  # not selected: say it anyway, it is why nothing else was
        violation = standard_ruleset().resolve(Problem("EDI003", location, {"encoding": encoding}))
    assert violation is not None
    return violation


def _check_choice(name: str, value: object, choices: object) -> None:
    allowed = get_args(choices)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, not {value!r}")


def _errors(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity is Severity.ERROR]


def _input_order(violation: Violation) -> tuple[int, int, int]:
    location = violation.location
    offset = location.offset if location.offset is not None else -1
    return (offset, location.element or 0, location.component or 0)
