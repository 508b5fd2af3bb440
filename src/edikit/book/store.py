"""The order book store: SQLite by default (a file, no server), PostgreSQL by URL for a
shared team store, both through SQLAlchemy.

Every write (``add``) runs in one transaction that holds the book's write lock from its start
(SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so the documents of two writers are
checked and recorded one after the other: neither misses the other's SSCCs or shipped units,
and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar
from urllib.parse import quote_plus

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    make_url,
    select,
    true,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

import edikit
from edikit.api import cross_check, file_event_times, modified_time
from edikit.book import schema
from edikit.errors import ConfigurationError, EdikitError
from edikit.io.envelope import Transaction, X12File
from edikit.models.documents import Invoice, POAcknowledgment, PurchaseOrder, ShipNotice
from edikit.profiles.loader import ResolvedProfile
from edikit.quoting import bounded
from edikit.rules.crossdoc.ledger import Ledger, LineKey, Order, Shipment, UniqueKind, Use
from edikit.rules.crossdoc.timing import EventSource, event_times
from edikit.rules.violation import Severity, Violation

# How long a number stays taken: GS1 asks that an SSCC is not reused within at least 12
# months; retailers match invoice numbers over years (shared/research/compliance-rules.md, 2).
DEFAULT_HORIZONS: Final[dict[UniqueKind, dt.timedelta]] = {
    "sscc": dt.timedelta(days=365),
    "shipment": dt.timedelta(days=365),
    "invoice": dt.timedelta(days=730),
}
_PG_LOCK: Final = 0x6564696B  # "edik": the advisory lock of every book in a database


# Seconds a PostgreSQL server has to let edikit in, when neither the caller, the URL
# (connect_timeout=) nor libpq's PGCONNECT_TIMEOUT says: a server that accepts the connection
# and never answers must not hang a CI job.
DEFAULT_CONNECT_TIMEOUT: Final = 10
CONNECT_TIMEOUT_VARIABLE: Final = "EDIKIT_CONNECT_TIMEOUT"


class BookError(EdikitError):
    """The order book could not be opened, read or written. The message names the book with
    its password masked and never holds the password."""


def book_url(reference: str | Path) -> str:
    """A SQLAlchemy URL for ``reference``: a path as a SQLite file; a ``sqlite:`` URL as it is;
    a PostgreSQL URL (``postgresql://``, ``postgres://`` or ``postgresql+psycopg://``) for the
    psycopg driver. Any other database is a :class:`~edikit.errors.ConfigurationError`."""
    text = str(reference)
    if "://" not in text:
        return f"sqlite:///{Path(text).resolve()}"
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise ConfigurationError(f"not a database URL: {masked_url(text)}") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return text
    if backend in ("postgresql", "postgres") and url.drivername in (
        "postgresql",
        "postgres",
        "postgresql+psycopg",
    ):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise ConfigurationError(
        f"the order book is a SQLite file or a PostgreSQL database "
        f"(postgresql://user@host/db), not {masked_url(text)}"
    )


def masked_url(url: str | URL) -> str:
    """``url`` with its password shown as ``***``: what messages and reports name a book by."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", str(url))


_PASSWORD_IN_URL: Final = re.compile(r"(://[^:/@]*:)[^@]*@")


def _secrets(url: str) -> list[str]:
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        found = _PASSWORD_IN_URL.search(url)
        password = found.group(0)[len(found.group(1)) : -1] if found else None
    if not password:
        return []
    return sorted({str(password), quote_plus(str(password))}, key=len, reverse=True)


def _describe(error: BaseException, url: str) -> str:
    """What went wrong, for a person: the database's own message (not the SQL statement nor
    its parameters), without the password, cut to a few lines."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    message = str(cause).strip() or type(cause).__name__
    for secret in _secrets(url):
        message = message.replace(secret, "***")
    return bounded(" ".join(message.split()), 500)


Returned = TypeVar("Returned")
Arguments = ParamSpec("Arguments")


def _guarded(
    what: str,
) -> Callable[[Callable[Arguments, Returned]], Callable[Arguments, Returned]]:
    """A method of :class:`OrderBook` whose database failures are a :class:`BookError`."""

    def decorate(method: Callable[Arguments, Returned]) -> Callable[Arguments, Returned]:
        @wraps(method)
        def guarded(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Returned:
            try:
                return method(*args, **kwargs)
            except SQLAlchemyError as exc:
                book = args[0]
                assert isinstance(book, OrderBook)
                raise BookError(
                    f"the order book {book.display_url} failed {what}: {_describe(exc, book.url)}"
                ) from exc

        return guarded

    return decorate


@dataclass(slots=True)
class AddResult:
    """One file given to :meth:`OrderBook.add`: the file as validated, and whether it was
    recorded (False: the same bytes were already in the book, recorded at ``added_at``)."""

    x12: X12File
    recorded: bool
    added_at: dt.datetime | None = None  # when it was first added (None: a book before v4)


@dataclass(slots=True)
class OrderSummary:
    """One PO of the book: units per document kind, and the errors and warnings found in
    the documents that name it."""

    number: str
    file: str
    ordered: Decimal = Decimal(0)
    acknowledged: Decimal = Decimal(0)
    shipped: Decimal = Decimal(0)
    invoiced: Decimal = Decimal(0)
    open_lines: int = 0  # lines shipped short of the ordered quantity
    findings: list[Finding] = field(default_factory=list)
    cancelled: bool = False  # by an 850 with BEG01 01

    @property
    def is_open(self) -> bool:
        return self.open_lines > 0 and not self.cancelled

    @property
    def state(self) -> str:
        """``cancelled``, ``open`` (a line shipped short) or ``complete``."""
        return "cancelled" if self.cancelled else "open" if self.is_open else "complete"


@dataclass(frozen=True, slots=True)
class Finding:
    """An error or warning recorded when a file was added."""

    file: str
    order: str | None  # the PO the document names
    code: str
    severity: str
    message: str
    transaction_set: str | None
    segment_id: str | None
    line: int | None
    column: int | None
    element: int | None


class OrderBook:
    """A book at ``url`` (see :func:`book_url`), created or migrated on first use.

    ``connect_timeout``: seconds a PostgreSQL server has to let edikit in (default: the URL's
    ``connect_timeout``, else libpq's ``PGCONNECT_TIMEOUT``, else ``EDIKIT_CONNECT_TIMEOUT``,
    else :data:`DEFAULT_CONNECT_TIMEOUT`). A URL without a password takes it as libpq does:
    ``PGPASSWORD``, ``~/.pgpass`` (``PGPASSFILE``), or a service (``?service=NAME``,
    ``PGSERVICE``, ``PGSERVICEFILE``). ``create=False`` refuses to make a new book: the place
    must hold one already. :class:`BookError` when the book cannot be opened (a database that
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
        self.display_url = masked_url(url)
        self.horizons = {**DEFAULT_HORIZONS, **(horizons or {})}
        self.parsed = ParsedFiles()
        if not create:
            self._must_exist()
        self.engine = _engine(url, connect_timeout)
        try:
            with self._writing() as connection:
                if not create and schema.current_version(connection) == 0:
                    raise schema.NotABookError("it holds no order book (book add makes one)")
                schema.migrate(connection)
        except (SQLAlchemyError, schema.NotABookError) as exc:
            self.engine.dispose()
            raise BookError(
                f"cannot open the order book {self.display_url}: {_describe(exc, url)}"
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
    @_guarded("adding a file")
    def add(
        self,
        path: Path,
        *,
        received_at: dt.datetime | None = None,
        profile: ResolvedProfile | None = None,
        event_time: EventSource = "received",
    ) -> AddResult:
        """Validate the file at ``path``, check it against the book, and record it with its
        findings (one transaction). A file whose bytes are already in the book is checked
        against the rest of the book (not against itself) and not recorded again.
        ``received_at`` (default: the file's modification time) is when it was received;
        ``event_time`` says which time the timing rules compare (see
        :func:`edikit.validate_set`)."""
        content = path.read_bytes()
        received = received_at or modified_time(path)
        x12 = edikit.validate(content, name=str(path), profile=profile)
        digest = hashlib.sha256(content).hexdigest()
        with self._writing() as connection:
            known = connection.execute(
                select(schema.files.c.id, schema.files.c.added_at).where(
                    schema.files.c.sha256 == digest
                )
            ).first()
            ledger = BookLedger(
                connection,
                self.horizons,
                received,
                known[0] if known else None,
                self.parsed,
                event_time,
            )
            times = event_times([x12], event_time, {str(path): received})
            cross_check([x12], profile=profile, ledger=ledger, times=times)
            if known is not None:
                return AddResult(x12, recorded=False, added_at=_aware(known[1]))
            added = dt.datetime.now(dt.UTC)
            file_id = connection.execute(
                insert(schema.files)
                .values(
                    sha256=digest,
                    name=str(path),
                    received_at=received,
                    added_at=added,
                    content=content,
                )
                .returning(schema.files.c.id)
            ).scalar_one()
            ledger.save(connection, x12, file_id)
            _save_findings(connection, x12, file_id)
        return AddResult(x12, recorded=True, added_at=added)

    # -- reading --------------------------------------------------------------------------
    def check(
        self,
        sources: Sequence[Path],
        *,
        received_at: dt.datetime | None = None,
        profile: ResolvedProfile | None = None,
        event_time: EventSource = "received",
    ) -> list[X12File]:
        """Validate ``sources`` and check them against the book and against each other (see
        :meth:`check_files`); nothing is recorded."""
        files = [edikit.validate(path, name=str(path), profile=profile) for path in sources]
        received = {str(p): received_at for p in sources} if received_at else None
        self.check_files(files, profile=profile, event_time=event_time, received=received)
        return files

    @_guarded("checking files against it")
    def check_files(
        self,
        files: list[X12File],
        *,
        profile: ResolvedProfile | None = None,
        event_time: EventSource = "received",
        received: Mapping[str, dt.datetime] | None = None,
    ) -> None:
        """Check validated ``files`` against the book and against each other, as a set (in
        the order documents travel); nothing is recorded. Files whose bytes are already in the
        book are not compared with themselves. ``received``: by file name, when each was
        received (default: the modification time of the file the name is a path of)."""
        times = file_event_times(files, event_time, received)
        digests = [hashlib.sha256(_content(x12)).hexdigest() for x12 in files]
        with self.engine.connect() as connection:
            known = connection.execute(
                select(schema.files.c.id).where(schema.files.c.sha256.in_(digests))
            ).scalars()
            newest = max(times.values(), default=dt.datetime.now(dt.UTC))
            ledger = BookLedger(
                connection,
                self.horizons,
                newest,
                None,
                self.parsed,
                event_time,
                exclude_files=set(known),
            )
            cross_check(files, profile=profile, ledger=ledger, times=times)

    @_guarded("reading its orders")
    def report(self) -> list[OrderSummary]:
        """Every purchase order in the book with units ordered, acknowledged, shipped and
        invoiced, and the findings of the documents that name it."""
        t = schema
        shipped, invoiced = _units_by_line(t.shipped), _units_by_line(t.invoiced)
        acknowledged = t.acknowledged
        query = (
            select(
                t.orders.c.number,
                t.files.c.name,
                t.order_lines.c.quantity,
                acknowledged.c.units,
                shipped.c.units,
                invoiced.c.units,
            )
            .join(t.files, t.files.c.id == t.orders.c.file_id)
            .join(t.order_lines, t.order_lines.c.order_number == t.orders.c.number, isouter=True)
            .join(acknowledged, _same_line(acknowledged, t.order_lines), isouter=True)
            .join(shipped, _same_line(shipped, t.order_lines), isouter=True)
            .join(invoiced, _same_line(invoiced, t.order_lines), isouter=True)
            .order_by(t.orders.c.number, t.order_lines.c.line)
        )
        summaries: dict[str, OrderSummary] = {}
        with self.engine.connect() as connection:
            for number, name, quantity, acked, shipped_units, billed in connection.execute(query):
                summary = summaries.setdefault(number, OrderSummary(number, name))
                ordered, sent = Decimal(quantity or 0), Decimal(shipped_units or 0)
                summary.ordered += ordered
                summary.acknowledged += Decimal(acked or 0)
                summary.shipped += sent
                summary.invoiced += Decimal(billed or 0)
                summary.open_lines += int(quantity is not None and sent < ordered)
            for number, finding in self._findings(connection):
                if number in summaries:
                    summaries[number].findings.append(finding)
            for number in connection.execute(select(t.cancellations.c.order_number)).scalars():
                if number in summaries:
                    summaries[number].cancelled = True
        return list(summaries.values())

    @_guarded("reading its findings")
    def findings(self) -> list[Finding]:
        """Every error and warning recorded, in the order the files were added."""
        with self.engine.connect() as connection:
            return [finding for _, finding in self._findings(connection)]

    def _findings(self, connection: Connection) -> Iterator[tuple[str | None, Finding]]:
        f, files = schema.findings, schema.files
        query = (
            select(files.c.name, f.c.order_number, *_finding_columns(f))
            .join(files, files.c.id == f.c.file_id)
            .order_by(f.c.id)
        )
        for row in connection.execute(query):
            finding = Finding(*row)
            yield finding.order, finding

    @_guarded("counting its records")
    def counts(self) -> dict[str, int]:
        """Rows per table, for a summary line."""
        with self.engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (
                    schema.files,
                    schema.orders,
                    schema.uses,
                    schema.shipped,
                    schema.invoiced,
                    schema.acknowledged,
                    schema.shipments,
                    schema.findings,
                    schema.cancellations,
                )
            }

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
            yield connection


class ParsedFiles:
    """The stored files read back lately: a file of many 850s is parsed once, not once per
    PO a later document names."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.files: OrderedDict[int, X12File] = OrderedDict()

    def get(self, connection: Connection, file_id: int) -> X12File:
        found = self.files.get(file_id)
        if found is None:
            content, name = connection.execute(
                select(schema.files.c.content, schema.files.c.name).where(
                    schema.files.c.id == file_id
                )
            ).one()
            found = edikit.parse(content, name=name)
            self.files[file_id] = found
            if len(self.files) > self.size:
                self.files.popitem(last=False)
        self.files.move_to_end(file_id)
        return found


class BookLedger(Ledger):
    """The in-memory ledger of the documents being checked, with the book behind it: what
    this run has not seen is looked up in the book. Files already in the book that are
    checked again (``exclude_file``, ``exclude_files``) are not compared with themselves.
    ``event_source``: how the stored POs' event times are read (their received time, or
    their GS04/GS05)."""

    def __init__(
        self,
        connection: Connection,
        horizons: dict[UniqueKind, dt.timedelta],
        received_at: dt.datetime,
        exclude_file: int | None,
        parsed: ParsedFiles,
        event_source: EventSource = "received",
        exclude_files: set[int] | None = None,
    ) -> None:
        super().__init__()
        self.parsed = parsed
        self.connection = connection
        self.horizons = horizons
        self.received_at = received_at
        self.excluded = {*(exclude_files or ()), *([exclude_file] if exclude_file else [])}
        self.event_source = event_source
        self.replaced_here: set[str] = set()
        self.stored_orders: dict[str, Order | None] = {}
        self.stored_cancellations: dict[str, str | None] = {}

    def order(self, number: str) -> Order | None:
        found = super().order(number)
        if found is None:
            if number not in self.stored_orders:
                self.stored_orders[number] = self._load_order(number)
            found = self.stored_orders[number]
        return found

    def first_use(self, kind: UniqueKind, value: str) -> Use | None:
        found = super().first_use(kind, value)
        if found is not None:
            return found
        t = schema.uses
        since = self.received_at - self.horizons[kind]
        query = select(t.c.place, t.c.shipment).where(
            t.c.kind == kind, t.c.value == value, t.c.used_at >= since, *self._not_excluded(t)
        )
        row = self.connection.execute(query).first()
        return None if row is None else Use(row[0], row[1])

    def units_shipped(self, line: LineKey) -> Decimal:
        return super().units_shipped(line) + self._stored_units(schema.shipped, line)

    def units_invoiced(self, line: LineKey) -> Decimal:
        return super().units_invoiced(line) + self._stored_units(schema.invoiced, line)

    def units_shipped_to(self, line: LineKey, store: str) -> Decimal:
        stored = self._stored_units(schema.shipped, line, schema.shipped.c.store == store)
        return super().units_shipped_to(line, store) + stored

    def shipments_of(self, order: str) -> list[Shipment]:
        """This run's ship notices for ``order`` and the book's: those recorded with their
        ship time, and those of books before version 3 that only left shipped units."""
        t, u = schema.shipments, schema.shipped
        timed = self.connection.execute(
            select(t.c.shipment, t.c.shipped_at).where(
                t.c.order_number == order, *self._not_excluded(t)
            )
        ).all()
        known = {row[0] for row in timed}
        untimed = self.connection.execute(
            select(u.c.shipment).where(u.c.order_number == order, *self._not_excluded(u)).distinct()
        ).scalars()
        stored = [Shipment(s, _aware(at)) for s, at in timed]
        stored += [Shipment(s, None) for s in untimed if s not in known]
        return super().shipments_of(order) + stored

    def replace_shipment(self, shipment: str) -> None:
        super().replace_shipment(shipment)
        self.replaced_here.add(shipment)

    def cancellation(self, number: str) -> str | None:
        found = super().cancellation(number)
        if found is not None:
            return found
        if number in self.stored_cancellations:  # read with the stored PO (_load_order)
            return self.stored_cancellations[number]
        t = schema.cancellations
        query = select(t.c.place).where(t.c.order_number == number, *self._not_excluded(t))
        return self.connection.execute(query).scalar_one_or_none()

    def _stored_units(self, table: Any, line: LineKey, *more: Any) -> Decimal:
        query = select(func.sum(table.c.units)).where(
            table.c.order_number == line[0],
            table.c.line == line[1],
            *more,
            *self._not_excluded(table),
        )
        return Decimal(self.connection.execute(query).scalar_one_or_none() or 0)

    def _included(self, table: Any) -> Any:
        """:meth:`_not_excluded` as one condition (for a join)."""
        return and_(true(), *self._not_excluded(table))

    def _not_excluded(self, table: Any) -> list[Any]:
        conditions = []
        if self.excluded:
            conditions.append(table.c.file_id.notin_(self.excluded))
        if self.replaced_here and "shipment" in table.c:
            conditions.append(
                table.c.shipment.is_(None) | table.c.shipment.notin_(self.replaced_here)
            )
        return conditions

    def _load_order(self, number: str) -> Order | None:
        t = schema
        cancelled = t.cancellations
        row = self.connection.execute(
            select(
                t.orders.c.file_id, t.orders.c.position, t.files.c.received_at, cancelled.c.place
            )
            .join(t.files, t.files.c.id == t.orders.c.file_id)
            .join(
                cancelled,
                (cancelled.c.order_number == t.orders.c.number) & self._included(cancelled),
                isouter=True,
            )
            .where(t.orders.c.number == number)
        ).first()
        if row is None:
            return None
        self.stored_cancellations[number] = row[3]
        x12 = self.parsed.get(self.connection, row[0])
        transaction = x12.transactions[row[1]]
        document = transaction.document
        if not isinstance(document, PurchaseOrder):
            return None
        if self.event_source == "envelope":
            when = event_times([x12], "envelope").get(id(transaction))
        else:
            when = _aware(row[2])
        return Order(transaction, document, when)

    # -- recording ------------------------------------------------------------------------
    def save(self, connection: Connection, x12: X12File, file_id: int) -> None:
        """Record the facts of ``x12`` (file ``file_id``): its purchase orders and their
        cancellations, the numbers it used, the units it acknowledged, shipped (with the
        shipments and their ship times) and invoiced; a replacement ship notice removes its
        predecessor's."""
        for shipment in self.replaced_here:
            for table in (schema.uses, schema.shipped, schema.shipments):
                connection.execute(delete(table).where(table.c.shipment == shipment))
        self._save_orders(connection, x12, file_id)
        self._save_cancellations(connection, file_id)
        self._save_uses(connection, file_id)
        self._save_acknowledged(connection, file_id)
        rows: dict[Any, list[dict[str, Any]]] = {
            schema.shipped: [
                {"order_number": po, "line": line, "shipment": s, "store": store, "units": units}
                for (po, line), by_shipment in self.shipped.items()
                for (s, store), units in by_shipment.items()
            ],
            schema.invoiced: [
                {"order_number": po, "line": line, "units": units}
                for (po, line), units in self.invoiced.items()
            ],
            schema.shipments: [
                {"order_number": po, "shipment": s.shipment, "shipped_at": s.shipped_at}
                for po, found in self.shipments.items()
                for s in found
            ],
        }
        for table, values in rows.items():
            if values:
                connection.execute(insert(table), [v | {"file_id": file_id} for v in values])

    def _save_uses(self, connection: Connection, file_id: int) -> None:
        t = schema.uses
        for kind, values in self.uses.items():
            for value, use in values.items():
                connection.execute(delete(t).where(t.c.kind == kind, t.c.value == value))
                connection.execute(
                    insert(t).values(
                        kind=kind,
                        value=value,
                        shipment=use.shipment,
                        place=use.where,
                        used_at=self.received_at,
                        file_id=file_id,
                    )
                )

    def _save_cancellations(self, connection: Connection, file_id: int) -> None:
        """The first cancellation of a PO stays the one reported."""
        t = schema.cancellations
        for number, place in self.cancelled.items():
            known = connection.execute(select(t.c.place).where(t.c.order_number == number))
            if known.first() is None:
                connection.execute(
                    insert(t).values(order_number=number, place=place, file_id=file_id)
                )

    def _save_acknowledged(self, connection: Connection, file_id: int) -> None:
        """The latest 855's units per PO line replace an earlier one's."""
        t = schema.acknowledged
        for (number, line), units in self.acknowledged.items():
            connection.execute(delete(t).where(t.c.order_number == number, t.c.line == line))
            connection.execute(
                insert(t).values(order_number=number, line=line, units=units, file_id=file_id)
            )

    def _save_orders(self, connection: Connection, x12: X12File, file_id: int) -> None:
        transactions = x12.transactions
        for number, order in self.orders.items():
            exists = connection.execute(
                select(schema.orders.c.number).where(schema.orders.c.number == number)
            ).first()
            if exists is not None:
                continue  # the first 850 with a PO number stays the one compared with
            position = next(i for i, tx in enumerate(transactions) if tx is order.transaction)
            connection.execute(
                insert(schema.orders).values(number=number, file_id=file_id, position=position)
            )
            lines = [
                {"order_number": number, "line": i, "quantity": line.quantity, "unit": line.unit}
                for i, line in enumerate(order.document.lines)
            ]
            if lines:
                connection.execute(insert(schema.order_lines), lines)


def _finding_columns(table: Any) -> list[Any]:
    return [
        table.c[name]
        for name in (
            "code",
            "severity",
            "message",
            "transaction_set",
            "segment_id",
            "line",
            "column",
            "element",
        )
    ]


def _units_by_line(table: Any) -> Any:
    """Units per PO line of ``table`` (shipped or invoiced), as a subquery."""
    return (
        select(table.c.order_number, table.c.line, func.sum(table.c.units).label("units"))
        .group_by(table.c.order_number, table.c.line)
        .subquery()
    )


def _same_line(units: Any, lines: Any) -> Any:
    return (units.c.order_number == lines.c.order_number) & (units.c.line == lines.c.line)


def _content(x12: X12File) -> bytes:
    """The bytes a validated file was read from: its serialisation is byte-identical."""
    return edikit.serialize(x12)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives times back without their zone; the book writes them in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


def _save_findings(connection: Connection, x12: X12File, file_id: int) -> None:
    """The errors and warnings found in a file as it was added, for ``book report``."""
    found: list[tuple[str | None, Violation]] = [(None, v) for v in x12.violations]
    for transaction in x12.transactions:
        order = _order_named(transaction)
        found += [(order, v) for v in transaction.violations]
    rows = [
        {
            "file_id": file_id,
            "order_number": order,
            "code": v.code,
            "severity": v.severity.value,
            "message": v.message,
            "transaction_set": v.location.transaction_set,
            "segment_id": v.location.segment_id,
            "line": v.location.line,
            "column": v.location.column,
            "element": v.location.element,
        }
        for order, v in found
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]
    if rows:
        connection.execute(insert(schema.findings), rows)


def _order_named(transaction: Transaction) -> str | None:
    """The PO number a document is about: BEG03, BAK03, BIG04, or an 856's first PRF01."""
    document = transaction.document
    if isinstance(document, PurchaseOrder):
        return document.number
    if isinstance(document, POAcknowledgment | Invoice):
        return document.purchase_order_number
    if isinstance(document, ShipNotice):
        return next(
            (o.purchase_order_number for o in document.orders if o.purchase_order_number), None
        )
    return None


def _engine(url: str, connect_timeout: int | None = None) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ConfigurationError(f"not a database URL: {masked_url(url)}") from None
    if parsed.get_backend_name() != "sqlite":
        timeout = _connect_timeout(parsed, connect_timeout)
        arguments = {"connect_timeout": timeout} if timeout is not None else {}
        try:
            return create_engine(parsed, connect_args=arguments)
        except ImportError as exc:
            raise ConfigurationError(
                f"the order book {masked_url(url)} needs the {parsed.get_driver_name()} driver: "
                "pip install 'edikit[postgres]'"
            ) from exc
        except ArgumentError as exc:
            raise ConfigurationError(
                f"the order book {masked_url(url)}: {_describe(exc, url)}"
            ) from exc
    engine = create_engine(url, connect_args={"timeout": 120})

    # pysqlite's own BEGIN is deferred; a book's writes must take the write lock first, so
    # edikit issues BEGIN IMMEDIATE itself (the SQLAlchemy recipe for SQLite transactions).
    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _connect_timeout(url: URL, given: int | None) -> int | None:
    """The caller's timeout; else none when the URL or libpq's environment sets one (libpq
    reads it); else ``EDIKIT_CONNECT_TIMEOUT``; else the default."""
    if given is not None:
        return given
    if "connect_timeout" in url.query or os.environ.get("PGCONNECT_TIMEOUT"):
        return None
    configured = os.environ.get(CONNECT_TIMEOUT_VARIABLE, "").strip()
    if not configured:
        return DEFAULT_CONNECT_TIMEOUT
    try:
        seconds = int(configured)
    except ValueError:
        seconds = 0
    if seconds < 1:
        raise ConfigurationError(
            f"{CONNECT_TIMEOUT_VARIABLE} must be a whole number of seconds, 1 or more"
        )
    return seconds
