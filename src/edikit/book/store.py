"""The order book: documents that arrive days apart, checked against what came before.

A book stores each file's bytes (so that nothing given is lost), the facts its documents
stated and the findings made when it was added; later documents are checked against those
facts, never against the bytes read again.

Every write (``add``) runs in one transaction that holds the book's write lock from its start
(SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so the documents of two writers are
checked and recorded one after the other: neither misses the other's SSCCs or shipped units,
and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy import Connection, insert, make_url, select
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from edikit.api import cross_check, validate_file
from edikit.book import schema
from edikit.book.engine import (
    DEFAULT_HORIZONS,
    PG_LOCK,
    BookError,
    describe_error,
    guarded,
    make_engine,
    masked_url,
)
from edikit.book.ledger import BookLedger, aware
from edikit.book.queries import (
    Finding,
    OrderSummary,
    order_summaries,
    recorded_findings,
    table_counts,
)
from edikit.book.records import order_named, rows_of
from edikit.book.scorecard import Period, Scorecard, Windows, scorecard
from edikit.quoting import bounded
from edikit.rules.crossdoc.ledger import UniqueKind
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet, standard_ruleset
from edikit.vocabulary import Severity, Violation

# Files written in one transaction by add_many.
BATCH: Final = 500


@dataclass(slots=True)
class AddResult:
    """One file given to :meth:`OrderBook.add`: its result (with the findings against the
    book), and whether it was recorded (False: the same bytes were already in the book,
    recorded at ``added_at``)."""

    result: FileResult
    recorded: bool
    added_at: dt.datetime | None = None  # when it was first added (None: a book before v4)


class OrderBook:
    """A book at ``url`` (see :func:`~edikit.book.engine.book_url`), created or migrated on
    first use.

    ``connect_timeout``: seconds a PostgreSQL server has to let edikit in (default: the URL's
    ``connect_timeout``, else libpq's ``PGCONNECT_TIMEOUT``, else ``EDIKIT_CONNECT_TIMEOUT``,
    else 10). A URL without a password takes it as libpq does: ``PGPASSWORD``, ``~/.pgpass``
    (``PGPASSFILE``), or a service (``?service=NAME``, ``PGSERVICE``, ``PGSERVICEFILE``).
    ``create=False`` refuses to make a new book: the place must hold one already.
    :class:`~edikit.book.engine.BookError` when the book cannot be opened (a database that
    holds other tables is not taken for a new book), :class:`~edikit.errors.ConfigurationError`
    for a database edikit does not support."""

    def __init__(
        self,
        url: str,
        horizons: dict[UniqueKind, dt.timedelta] | None = None,
        *,
        connect_timeout: int | None = None,
        create: bool = True,
    ) -> None:
        self.url = url
        self.created = False  # True when this call made a new, empty book
        self.display_url = masked_url(url)
        self.horizons = {**DEFAULT_HORIZONS, **(horizons or {})}
        if not create:
            self._must_exist()
        self.engine = make_engine(url, connect_timeout)
        try:
            with self._writing() as connection:
                if not create and schema.current_version(connection) == 0:
                    raise schema.NotABookError("it holds no order book (book add makes one)")
                self.created = schema.migrate(connection) == 0  # a new book was made
        except (SQLAlchemyError, schema.NotABookError) as exc:
            self.engine.dispose()
            raise BookError(
                f"cannot open the order book {self.display_url}: {describe_error(exc, url)}"
            ) from exc

    def _must_exist(self) -> None:
        try:
            parsed = make_url(self.url)
        except (ArgumentError, ValueError):
            return
        database = parsed.database
        on_disk = parsed.get_backend_name() == "sqlite" and database not in (None, "", ":memory:")
        if on_disk and not Path(str(database)).is_file():
            raise BookError(f"no order book at {database}: no such file (book add makes one)")

    def __repr__(self) -> str:
        return f"OrderBook({self.display_url!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> OrderBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    @guarded("adding a file")
    def add(
        self,
        path: Path,
        *,
        received_at: dt.datetime | None = None,
        rules: RuleSet | None = None,
    ) -> AddResult:
        """Validate the file at ``path``, check it against the book, and record it with its
        facts and findings (one transaction). A file whose bytes are already in the book is
        checked against the rest of the book (not against itself) and not recorded again.
        ``received_at``: when the file was received, for the timing rules (default: the
        GS04/GS05 its sender wrote)."""
        rules = rules if rules is not None else standard_ruleset()
        with self._writing() as connection:
            return _Adding(self, connection, rules, received_at).add(path)

    @guarded("adding files")
    def add_many(
        self,
        paths: Sequence[Path],
        *,
        received_at: dt.datetime | None = None,
        rules: RuleSet | None = None,
        validated: Sequence[FileResult | None] | None = None,
        batch: int = BATCH,
    ) -> list[AddResult]:
        """:meth:`add` for each of ``paths`` in turn, ``batch`` files to a transaction: the
        same checks against what came before and the same records as adding them one by one,
        with one commit per batch and the lookups of file digests made once per batch.
        ``validated``: the files' results made already (by ``validate_many`` in several
        processes, say), in the order of ``paths``; None for one to be validated here. A
        batch is all or nothing: when one fails, the batches before it stay recorded."""
        rules = rules if rules is not None else standard_ruleset()
        given = list(validated) if validated is not None else [None] * len(paths)
        if len(given) != len(paths):
            raise ValueError("validated must give one result (or None) per path")
        added: list[AddResult] = []
        for start in range(0, len(paths), max(1, batch)):
            chunk = slice(start, start + max(1, batch))
            with self._writing() as connection:
                adding = _Adding(self, connection, rules, received_at)
                adding.look_up(paths[chunk])
                added += [adding.add(p, r) for p, r in zip(paths[chunk], given[chunk], strict=True)]
        return added

    # -- reading --------------------------------------------------------------------------
    def check(
        self,
        sources: Sequence[Path],
        *,
        received_at: dt.datetime | None = None,
        rules: RuleSet | None = None,
    ) -> list[FileResult]:
        """Validate ``sources`` and check them against the book and against each other (see
        :meth:`check_results`); nothing is recorded."""
        rules = rules if rules is not None else standard_ruleset()
        results = [validate_file(path, rules, name=str(path)) for path in sources]
        digests = [hashlib.sha256(path.read_bytes()).hexdigest() for path in sources]
        received = {str(p): received_at for p in sources} if received_at else None
        return self.check_results(results, rules, digests=digests, received=received)

    @guarded("checking files against it")
    def check_results(
        self,
        results: Iterable[FileResult],
        rules: RuleSet | None = None,
        *,
        digests: Iterable[str] = (),
        received: Mapping[str, dt.datetime] | None = None,
    ) -> list[FileResult]:
        """Check validated ``results`` against the book and against each other, as a set (in
        the order documents travel); nothing is recorded. Files whose bytes (their SHA-256
        ``digests``) are already in the book are not compared with themselves. ``received``:
        by file name, when each was received."""
        with self.engine.connect() as connection:
            known = set(
                connection.execute(
                    select(schema.files.c.id).where(schema.files.c.sha256.in_(list(digests)))
                ).scalars()
            )
            now = max((received or {}).values(), default=dt.datetime.now(dt.UTC))
            ledger = BookLedger(connection, self.horizons, now, known)
            checked, _ = cross_check(results, rules, ledger=ledger, received=received)
        return checked

    @guarded("reading its orders")
    def report(self) -> list[OrderSummary]:
        """Every purchase order in the book with units ordered, acknowledged, shipped and
        invoiced, and the findings of the documents that name it."""
        with self.engine.connect() as connection:
            return order_summaries(connection)

    @guarded("reading its findings")
    def findings(self) -> list[Finding]:
        """Every error and warning recorded, in the order the files were added."""
        with self.engine.connect() as connection:
            return [finding for _, finding in recorded_findings(connection)]

    @guarded("computing its scorecard")
    def scorecard(
        self,
        *,
        period: Period = "week",
        windows: Windows | None = None,
        by_retailer: Mapping[str, Windows] | None = None,
    ) -> Scorecard:
        """The compliance scorecard: per retailer and per ``period`` (``week`` or
        ``month``), POs, acknowledged and shipped on time, fill rates, OTIF, ship notices on
        time and their findings, invoice accuracy and chargeback exposure (see
        :mod:`edikit.book.scorecard`). ``windows`` apply to every retailer but those
        ``by_retailer`` names (by ISA ID)."""
        with self.engine.connect() as connection:
            card = scorecard(connection, period=period, windows=windows, by_retailer=by_retailer)
        card.book = self.display_url
        return card

    @guarded("counting its records")
    def counts(self) -> dict[str, int]:
        """Rows per table, for a summary line."""
        with self.engine.connect() as connection:
            return table_counts(connection)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK})")
            yield connection


class _Adding:
    """Files added one after another in one transaction (``connection``): each checked
    against the book as the files before it left it, then recorded."""

    def __init__(
        self,
        book: OrderBook,
        connection: Connection,
        rules: RuleSet,
        received_at: dt.datetime | None,
    ) -> None:
        self.book = book
        self.connection = connection
        self.rules = rules
        self.received_at = received_at
        # By SHA-256: the file's id and when it was added (looked up, or recorded here).
        self.known: dict[str, tuple[int, dt.datetime | None] | None] = {}

    def look_up(self, paths: Sequence[Path]) -> None:
        """Find which of ``paths`` the book holds already, in a few statements."""
        digests = []
        for path in paths:
            with suppress(OSError):  # reported when the file is added
                digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        t = schema.files
        for start in range(0, len(digests), 500):
            group = digests[start : start + 500]
            self.known.update(dict.fromkeys(group))
            query = select(t.c.sha256, t.c.id, t.c.added_at).where(t.c.sha256.in_(group))
            for digest, file_id, added_at in self.connection.execute(query):
                self.known[digest] = (file_id, added_at)

    def add(self, path: Path, result: FileResult | None = None) -> AddResult:
        content = path.read_bytes()
        if result is None:
            result = validate_file(content, self.rules, name=str(path))
        digest = hashlib.sha256(content).hexdigest()
        added = dt.datetime.now(dt.UTC)
        known = self._known(digest)
        excluded = {known[0]} if known else set()
        when = self.received_at or added
        ledger = BookLedger(self.connection, self.book.horizons, when, excluded)
        received = {str(path): self.received_at} if self.received_at is not None else None
        [checked], _ = cross_check([result], self.rules, ledger=ledger, received=received)
        if known is not None:
            return AddResult(checked, recorded=False, added_at=aware(known[1]))
        file_id = self.connection.execute(
            insert(schema.files)
            .values(
                sha256=digest, name=str(path), received_at=when, added_at=added, content=content
            )
            .returning(schema.files.c.id)
        ).scalar_one()
        self.known[digest] = (file_id, added)
        ledger.save(self.connection, file_id, when)
        _save_findings(self.connection, checked, file_id)
        _save_omitted(self.connection, checked, file_id)
        _save_documents(self.connection, checked, file_id, self.received_at)
        return AddResult(checked, recorded=True, added_at=added)

    def _known(self, digest: str) -> tuple[int, dt.datetime | None] | None:
        if digest in self.known:
            return self.known[digest]
        t = schema.files
        row = self.connection.execute(
            select(t.c.id, t.c.added_at).where(t.c.sha256 == digest)
        ).first()
        return None if row is None else (row[0], row[1])


def _save_documents(
    connection: Connection, result: FileResult, file_id: int, received_at: dt.datetime | None
) -> None:
    """Each document's partner, PO, event time and findings counted, for the scorecard."""
    rows = rows_of(result, file_id, received_at)
    if rows:
        connection.execute(insert(schema.documents), rows)


def _save_omitted(connection: Connection, result: FileResult, file_id: int) -> None:
    """The errors and warnings the caps left out of the file's findings, by code: they are
    not in ``findings``, and the scorecard says how many it could not count."""
    rows = [
        {"file_id": file_id, "code": o.code, "severity": o.severity.value, "count": o.count}
        for o in result.omitted
        if o.severity in (Severity.ERROR, Severity.WARNING)
    ]
    if rows:
        connection.execute(insert(schema.omitted), rows)


def _save_findings(connection: Connection, result: FileResult, file_id: int) -> None:
    """The errors and warnings found in a file as it was added, for ``book report``."""
    found: list[tuple[str | None, int | None, Violation]] = [
        (None, None, v) for v in result.violations
    ]
    for index, document in enumerate(result.documents):  # index: as in the documents table
        order = order_named(document)
        found += [(order, index, v) for v in document.violations]
    rows = [
        {
            "file_id": file_id,
            "order_number": order,
            "code": v.code,
            "severity": v.severity.value,
            "message": bounded(v.message),  # a 10 MB value quoted whole stays out of the book
            "transaction_set": v.location.transaction_set,
            "segment_id": v.location.segment_id,
            "line": v.location.line,
            "column": v.location.column,
            "element": v.location.element,
            "rule_id": v.id[:40],
            "set_index": index,
            "fee_amount": v.fee.amount if v.fee else None,
            "fee_per": v.fee.per if v.fee else None,
            "fee_currency": v.fee.currency if v.fee else None,
        }
        for order, index, v in found
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]
    if rows:
        connection.execute(insert(schema.findings), rows)
