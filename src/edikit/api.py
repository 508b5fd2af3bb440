"""The public entry points: :func:`parse`, :func:`stream`, :func:`serialize`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final, Literal, get_args

from edikit._gc import paused_gc
from edikit.errors import EdiSyntaxError
from edikit.grammar.check import check_structure
from edikit.io.decode import CHUNK_SIZE, Readable, open_source
from edikit.io.envelope import Transaction, X12File
from edikit.io.reader import EnvelopeReader
from edikit.io.serializer import serialize
from edikit.io.tokenizer import Tokenizer
from edikit.location import Location
from edikit.profiles.check import ProfileChecker, business_options, crossdoc_options
from edikit.profiles.loader import ResolvedProfile, load_profile
from edikit.rules.business.checks import DEFAULT_OPTIONS
from edikit.rules.checks import check_transaction
from edikit.rules.crossdoc import check_document_set
from edikit.rules.crossdoc.ledger import Ledger
from edikit.rules.crossdoc.timing import EVENT_SOURCES, EventSource, event_times
from edikit.rules.registry import make_violation
from edikit.rules.ruleset import standard_ruleset
from edikit.rules.violation import Severity, Violation

ErrorMode = Literal["collect", "raise", "first"]
_ERROR_MODES: Final = get_args(ErrorMode)

__all__ = [
    "ErrorMode",
    "TransactionStream",
    "parse",
    "serialize",
    "stream",
    "validate",
    "validate_set",
]


def parse(
    source: Readable,
    *,
    name: str | None = None,
    errors: ErrorMode = "collect",
    pause_gc: bool = True,
    structure: bool = True,
) -> X12File:
    """Read every interchange of ``source`` (bytes, X12 text, a path or an open file).

    With ``errors="collect"`` (the default) problems in the input are returned as
    ``X12File.violations`` and on each transaction set; ``"raise"`` raises
    :class:`~edikit.errors.EdiSyntaxError` after reading if any is an error, ``"first"`` raises
    at the first error. ``pause_gc`` pauses the cyclic garbage collector while reading (see
    :mod:`edikit._gc`). ``structure`` runs the loop grammar on every transaction set edikit
    has a segment table for (850, 855, 856, 810, 997, 999), giving ``Transaction.loop`` and
    structural violations (EDI2xx). Raises :class:`~edikit.errors.InputError` if the input
    can't be read, :class:`ValueError` for an ``errors`` mode that is none of these.

    A ``str`` is X12 text when it holds a line break, or starts with an ISA (``ISA`` and its
    element separator, found 16 times or more), or is longer than 4,096 characters; any other
    ``str`` is a path (:func:`edikit.io.decode.is_x12_text`). Pass ``bytes`` or a
    :class:`~pathlib.Path` to leave no doubt.
    """
    if errors not in _ERROR_MODES:
        raise ValueError(f"errors must be one of {', '.join(_ERROR_MODES)}, not {errors!r}")
    # The whole tree is kept, so the collector is paused for the whole read: turning it back
    # on between transaction sets lets it rescan everything kept so far, again and again.
    tx_stream = TransactionStream(source, name=name, keep=True, pause_gc=False, structure=structure)
    with paused_gc(pause_gc):
        for transaction in tx_stream:
            if errors == "first":
                found = _errors(transaction.violations) or _errors(tx_stream.file.violations)
                if found:
                    raise EdiSyntaxError(found[:1])
    found = _errors(tx_stream.file.all_violations())
    if found and errors != "collect":
        raise EdiSyntaxError(found[:1] if errors == "first" else found)
    return tx_stream.file


def validate(
    source: Readable,
    *,
    name: str | None = None,
    profile: ResolvedProfile | str | Path | None = None,
    pause_gc: bool = True,
) -> X12File:
    """Parse ``source`` and run every standard and business check on each transaction set:
    envelope (EDI0xx/1xx), structure (EDI2xx), elements and syntax notes (EDI3xx) and the
    business rules (EDI5xx). With ``profile`` (a built-in ID, a path or a loaded profile),
    also the retailer's guideline (EDI4xx), its rule parameters, severities and suppressions.
    Violations are in ``X12File.all_violations()``; filter them with
    :class:`~edikit.rules.engine.Selection`. :class:`~edikit.errors.ProfileError` for a
    profile that cannot be loaded, :class:`TypeError` for a ``profile`` that is none of
    these."""
    resolved = _profile(profile)
    tx_stream = TransactionStream(
        source, name=name, keep=True, pause_gc=False, validate=True, profile=resolved
    )
    with paused_gc(pause_gc):
        for _ in tx_stream:
            pass
    if resolved is not None:
        checker = ProfileChecker(resolved)
        checker.check_envelope(tx_stream.file)
        file = tx_stream.file
        for found in (file.violations, *(tx.violations for tx in file.transactions)):
            kept = checker.adjust(found)
            file.suppressed.extend(v for v in found if v.code in checker.suppressed_codes)
            found[:] = kept
    return tx_stream.file


def validate_set(
    sources: Iterable[Readable],
    *,
    profile: ResolvedProfile | str | Path | None = None,
    event_time: EventSource = "received",
    received: Mapping[str, dt.datetime] | None = None,
) -> list[X12File]:
    """Validate each of ``sources`` as :func:`validate` does, then check the documents
    against each other (EDI6xx): 855, 856 and 810 against the 850 whose PO number they name,
    shipped quantities against ordered, SSCC, BSN02 and invoice numbers unique across the set.
    The cross-document findings are added to the later document's transaction set. Paths are
    named by themselves in locations.

    The timing rules a profile switches on compare event times: with ``event_time``
    ``received`` (the default) each file's received time, from ``received`` (by path as
    named) or else a path's modification time; with ``envelope``, each group's GS04/GS05.

    ``sources`` is a list (or other iterable) of inputs: a single ``str``, path, ``bytes`` or
    open file is a :class:`TypeError` (a ``str`` would be read character by character).
    """
    if isinstance(sources, str | bytes | bytearray | memoryview | os.PathLike) or hasattr(
        sources, "read"
    ):
        raise TypeError(
            f"validate_set takes an iterable of sources, not one {type(sources).__name__}: "
            "pass [source]"
        )
    if event_time not in EVENT_SOURCES:
        raise ValueError(
            f"event_time must be one of {', '.join(EVENT_SOURCES)}, not {event_time!r}"
        )
    resolved = _profile(profile)
    sources = list(sources)
    files = [
        validate(source, name=str(source) if isinstance(source, Path) else None, profile=resolved)
        for source in sources
    ]
    cross_check(files, profile=resolved, times=file_event_times(files, event_time, received))
    return files


def file_event_times(
    files: list[X12File],
    source: EventSource = "received",
    received: Mapping[str, dt.datetime] | None = None,
) -> dict[int, dt.datetime]:
    """Each transaction set's event time (by ``id``) for the timing rules: its group's
    GS04/GS05 (``envelope``), or its file's received time: from ``received`` (by file name),
    else the modification time of the file the name is a path of."""
    known = dict(received or {})
    if source == "received":
        for x12 in files:
            path = Path(x12.name) if x12.name else None
            if path is not None and x12.name not in known and path.is_file():
                known[str(x12.name)] = modified_time(path)
    return event_times(files, source, known)


def cross_check(
    files: list[X12File],
    *,
    profile: ResolvedProfile | None = None,
    ledger: Ledger | None = None,
    times: Mapping[int, dt.datetime] | None = None,
) -> Ledger:
    """The EDI6xx checks over validated ``files`` (against ``ledger``, what came before; with
    ``times``, each transaction set's event time by ``id``), with the profile's parameters,
    severities and suppressions applied to what they find."""
    ledger = check_document_set(files, ledger, crossdoc_options(profile), times)
    if profile is not None:
        checker = ProfileChecker(profile)
        for file in files:
            for transaction in file.transactions:
                found = transaction.violations
                file.suppressed.extend(v for v in found if v.code in checker.suppressed_codes)
                found[:] = checker.adjust(checker.attribute(found))
    return ledger


def _profile(profile: object) -> ResolvedProfile | None:
    """The profile a caller gave: None, a loaded one, or an ID or path to load."""
    if profile is None or isinstance(profile, ResolvedProfile):
        return profile
    if isinstance(profile, str | os.PathLike):
        return load_profile(Path(profile) if isinstance(profile, os.PathLike) else profile)
    raise TypeError(
        "profile must be a built-in profile ID, a path or a profile from "
        f"edikit.profiles.load_profile, not {type(profile).__name__} {profile!r}"
    )


def modified_time(path: Path) -> dt.datetime:
    """A file's modification time, the stand-in for when it was received."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)


def stream(
    source: Readable,
    *,
    name: str | None = None,
    pause_gc: bool = True,
    structure: bool = True,
    chunk_size: int = CHUNK_SIZE,
) -> TransactionStream:
    """Iterate over the transaction sets of ``source`` one at a time, for inputs of any size.

    Memory is bounded by the largest transaction set plus the ``chunk_size`` characters read
    at a time. Envelope-level violations are in ``.violations`` (complete once the iteration
    has ended); each transaction set carries its own. ``chunk_size`` must be an ``int`` of at
    least 1 (:class:`ValueError`, :class:`TypeError` otherwise).
    """
    return TransactionStream(
        source,
        name=name,
        keep=False,
        pause_gc=pause_gc,
        structure=structure,
        chunk_size=chunk_size,
    )


class TransactionStream:
    """An iterable of :class:`Transaction` with the envelope read so far in ``.file``."""

    def __init__(
        self,
        source: Readable,
        *,
        name: str | None,
        keep: bool,
        pause_gc: bool,
        structure: bool = True,
        validate: bool = False,
        profile: ResolvedProfile | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self._source = open_source(source, name=name, chunk_size=chunk_size)
        self._pause_gc = pause_gc
        self._structure = structure
        self._validate = validate
        self._checker = ProfileChecker(profile) if profile is not None else None
        self._options = business_options(profile) if profile is not None else DEFAULT_OPTIONS
        self._reader = EnvelopeReader(
            Tokenizer(self._source),
            standard_ruleset().resolve,
            name=self._source.name,
            keep=keep,
        )
        self.file = self._reader.file

    @property
    def violations(self) -> list[Violation]:
        """Input, interchange and group level violations found so far."""
        return self.file.violations

    def __iter__(self) -> Iterator[Transaction]:
        transactions = iter(self._reader)
        warned_groups: set[tuple[int, int | None]] = set()
        while True:
            with paused_gc(self._pause_gc):
                transaction = next(transactions, None)
                if transaction is not None and self._structure:
                    group = (transaction.context.interchange, transaction.context.group)
                    check_structure(transaction, warn_version=group not in warned_groups)
                    warned_groups.add(group)
                    if self._validate:
                        check_transaction(transaction, self._options)
                        if self._checker is not None:
                            self._checker.check_transaction(transaction)
            if transaction is None:
                break
            yield transaction
        self.file.codec = self._source.codec
        if self._source.unsupported is not None:
            self._reject_encoding(self._source.unsupported)

    def _reject_encoding(self, encoding: str) -> None:
        self.file.violations[:] = [
            make_violation(
                "EDI003",
                f"the input is {encoding.upper()}; X12 is read byte for byte as ASCII/UTF-8 "
                "or EBCDIC",
                Location(file=self.file.name, offset=0),
            )
        ]


def _errors(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity is Severity.ERROR]
