"""The order book's tables (SQLAlchemy Core), and the ordered list of schema migrations.

A book records its schema version; :func:`migrate` brings an older book up to date, one step
at a time, inside the caller's transaction. Version 1 is the first schema: a later change adds
a step to ``MIGRATIONS`` rather than editing the tables of an existing book by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    inspect,
    select,
    text,
)

from edikit.quoting import bounded


class BookText(TypeDecorator[str]):
    """Text as the documents have it, NUL characters included: PostgreSQL text cannot hold
    NUL (0x00), which a faulty document may carry in a PO number or SSCC, so there a NUL is
    written as backslash-0 and a backslash as two, and read back as they were. SQLite keeps
    the text as it is."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return value.replace("\\", "\\\\").replace("\x00", "\\0")

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return _ESCAPED.sub(lambda m: "\x00" if m.group(1) == "0" else "\\", value)


_ESCAPED: Final = re.compile(r"\\(\\|0)")

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

# One row per file added: its bytes, so that a stored 850 can be read again to compare later
# documents with it, and a file added twice is recognised by its digest.
files = Table(
    "files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("name", BookText, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("added_at", DateTime(timezone=True)),  # version 4: when it was recorded
)

# The purchase orders: where each PO number's 850 is (its index among the file's sets).
orders = Table(
    "orders",
    metadata,
    Column("number", BookText, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("facts", Text),  # version 5: the 850's facts (JSON), so it is never parsed again
    Column("event_at", DateTime(timezone=True)),  # version 5: when it arrived (timing rules)
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_number", BookText, nullable=False),
    Column("line", Integer, nullable=False),
    Column("quantity", Numeric(18, 4)),
    Column("unit", BookText),
    UniqueConstraint("order_number", "line"),
)

# The first use of each number that must stay unique (SSCC, BSN02, BIG02).
uses = Table(
    "uses",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("value", BookText, nullable=False),
    Column("shipment", BookText),
    Column("place", BookText, nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    UniqueConstraint("kind", "value"),
)
Index("uses_by_shipment", uses.c.shipment)

shipped = Table(
    "shipped",
    metadata,
    Column("order_number", BookText, nullable=False),
    Column("line", Integer, nullable=False),
    Column("shipment", BookText, nullable=False),
    Column("units", Numeric(18, 4), nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("store", BookText),  # version 3: the SDQ store shipped for
)
Index("shipped_by_line", shipped.c.order_number, shipped.c.line)
Index("shipped_by_shipment", shipped.c.shipment)

# Version 2: units invoiced per PO line.
invoiced = Table(
    "invoiced",
    metadata,
    Column("order_number", BookText, nullable=False),
    Column("line", Integer, nullable=False),
    Column("units", Numeric(18, 4), nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
)
Index("invoiced_by_line", invoiced.c.order_number, invoiced.c.line)

# Version 3: units acknowledged per PO line (the latest 855's), each ship notice's shipment
# per PO with its ship time (the invoice timing rule), the findings of every file added, the
# cancelled POs, and the store each shipped unit is for (``shipped.store``).
acknowledged = Table(
    "acknowledged",
    metadata,
    Column("order_number", BookText, nullable=False),
    Column("line", Integer, nullable=False),
    Column("units", Numeric(18, 4), nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    UniqueConstraint("order_number", "line"),
)

shipments = Table(
    "shipments",
    metadata,
    Column("order_number", BookText, nullable=False),
    Column("shipment", BookText, nullable=False),
    Column("shipped_at", DateTime(timezone=True)),
    Column("file_id", ForeignKey("files.id"), nullable=False),
)
Index("shipments_by_order", shipments.c.order_number)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("order_number", BookText),  # the PO the document names, if any
    Column("code", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", BookText, nullable=False),
    Column("transaction_set", BookText),
    Column("segment_id", BookText),
    Column("line", Integer),
    Column("column", Integer),
    Column("element", Integer),
    # Version 6: the rule id, the document (its place among the file's sets, as in
    # ``documents``) and the rule's fee.
    Column("rule_id", String(40)),
    Column("set_index", Integer),
    Column("fee_amount", Numeric(14, 2)),
    Column("fee_per", String(16)),
    Column("fee_currency", String(3)),
)
Index("findings_by_order", findings.c.order_number)

cancellations = Table(
    "cancellations",
    metadata,
    Column("order_number", BookText, primary_key=True),
    Column("place", BookText, nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
)

# Version 6: one row per document recorded, for the scorecard (edikit.book.scorecard): its
# trading partner, the PO it names, its event time and what the KPIs read of it (``details``,
# JSON); and each finding's rule id, document and fee (a profile rule's structured chargeback).
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("set_index", Integer),  # its place among the file's transaction sets (0, 1...)
    Column("set_id", String(6), nullable=False),
    Column("partner", BookText),  # the retailer: an 850's ISA sender, else the ISA receiver
    Column("order_number", BookText),  # the PO it names (a ship notice: its first)
    Column("event_at", DateTime(timezone=True)),  # received, else its GS04/GS05
    Column("details", Text),  # JSON: purpose, shipment, ship date and time, POs named...
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
)
Index("documents_by_order", documents.c.order_number)
# Version 6: the findings of each file that the rule set's caps left out (by code and
# severity), so the scorecard says how many findings its figures do not count.
omitted = Table(
    "omitted",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("count", Integer, nullable=False),
)
_FINDING_COLUMNS_V6: Final = {
    "rule_id": "VARCHAR(40)",
    "set_index": "INTEGER",
    "fee_amount": "NUMERIC(14, 2)",
    "fee_per": "VARCHAR(16)",
    "fee_currency": "VARCHAR(3)",
}

SCHEMA_VERSION: Final = 6
_V1_TABLES: Final = (schema_version, order_lines, uses)  # and files, orders, shipped, below


class NotABookError(ValueError):
    """The database holds something else than an order book, or a newer one."""


# The tables as version 1 created them, where a later version changed them: a migration step
# builds what its version had, not what the current tables are.
_v1_metadata = MetaData()
_V1_FILES: Final = Table(
    "files",
    _v1_metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("name", BookText, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("content", LargeBinary, nullable=False),
)
_V1_ORDERS: Final = Table(
    "orders",
    _v1_metadata,
    Column("number", BookText, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("position", Integer, nullable=False),
)
_V1_SHIPPED: Final = Table(
    "shipped",
    _v1_metadata,
    Column("order_number", BookText, nullable=False),
    Column("line", Integer, nullable=False),
    Column("shipment", BookText, nullable=False),
    Column("units", Numeric(18, 4), nullable=False),
    Column("file_id", ForeignKey("files.id"), nullable=False),
)


# Version 3's findings, before version 6 added the rule, document and fee columns.
_v3_metadata = MetaData()
Table("files", _v3_metadata, Column("id", Integer, primary_key=True))  # for the foreign key
_V3_FINDINGS: Final = Table(
    "findings",
    _v3_metadata,
    Column("id", Integer, primary_key=True),
    Column("file_id", ForeignKey("files.id"), nullable=False),
    Column("order_number", BookText),
    Column("code", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", BookText, nullable=False),
    Column("transaction_set", BookText),
    Column("segment_id", BookText),
    Column("line", Integer),
    Column("column", Integer),
    Column("element", Integer),
)
Index("findings_by_order", _V3_FINDINGS.c.order_number)


def _create_v1(connection: Connection) -> None:
    _v1_metadata.create_all(connection, tables=[_V1_FILES, _V1_ORDERS])
    metadata.create_all(connection, tables=list(_V1_TABLES))
    _v1_metadata.create_all(connection, tables=[_V1_SHIPPED])
    for index in shipped.indexes:
        index.create(connection)


def _add_invoiced(connection: Connection) -> None:
    metadata.create_all(connection, tables=[invoiced])


def _add_acknowledged_shipments_findings(connection: Connection) -> None:
    """Books of version 2 keep their records; ship notices recorded before have no rows in
    ``shipments`` (their ship times were not kept), so the invoice timing rule and the
    invoice-on-a-ship-notice rule read their shipped units instead (see the store)."""
    metadata.create_all(connection, tables=[acknowledged, shipments, cancellations])
    _v3_metadata.create_all(connection, tables=[_V3_FINDINGS])
    connection.execute(text("ALTER TABLE shipped ADD COLUMN store TEXT"))


def _add_added_at(connection: Connection) -> None:
    """When each file was recorded (``already in the book`` named its received time before);
    files recorded by earlier versions have none."""
    kind = DateTime(timezone=True).compile(dialect=connection.dialect)
    connection.execute(text(f"ALTER TABLE files ADD COLUMN added_at {kind}"))


def _add_order_facts(connection: Connection) -> None:
    """Each purchase order's facts, so that a later document is checked against them without
    parsing the stored file again; the POs of earlier books are read once, here, and their
    event time is the GS04/GS05 of their group."""
    kind = DateTime(timezone=True).compile(dialect=connection.dialect)
    connection.execute(text("ALTER TABLE orders ADD COLUMN facts TEXT"))
    connection.execute(text(f"ALTER TABLE orders ADD COLUMN event_at {kind}"))
    from edikit.book.backfill import order_facts  # reads documents: above the tables

    stored = connection.execute(
        select(orders.c.number, orders.c.position, files.c.content, files.c.name).join(
            files, files.c.id == orders.c.file_id
        )
    ).all()
    for number, position, content, name in stored:
        facts = order_facts(content, name, position)
        connection.execute(
            orders.update()
            .where(orders.c.number == number)
            .values(
                facts=facts.model_dump_json() if facts is not None else None,
                event_at=facts.sent_at if facts is not None else None,
            )
        )


def _add_documents(connection: Connection) -> None:
    """The documents table and the findings' rule, document and fee; the documents of earlier
    books are read once, here (their event time is their GS04/GS05), and their findings keep
    no fee (the profile they were checked with is not known)."""
    metadata.create_all(connection, tables=[documents, omitted])
    for name, kind in _FINDING_COLUMNS_V6.items():
        connection.execute(text(f"ALTER TABLE findings ADD COLUMN {name} {kind}"))
    from edikit.book.records import document_rows  # reads documents: above the tables

    stored = connection.execute(
        select(files.c.id, files.c.content, files.c.name).order_by(files.c.id)
    ).all()
    for file_id, content, name in stored:
        rows = document_rows(content, name, file_id)
        if rows:
            connection.execute(documents.insert(), rows)


# MIGRATIONS[n] takes a book from version n to n + 1 (0: an empty database).
MIGRATIONS: Final[list[Callable[[Connection], None]]] = [
    _create_v1,
    _add_invoiced,
    _add_acknowledged_shipments_findings,
    _add_added_at,
    _add_order_facts,
    _add_documents,
]


def current_version(connection: Connection) -> int:
    if not connection.dialect.has_table(connection, "schema_version"):
        return 0
    return connection.execute(select(schema_version.c.version)).scalar_one_or_none() or 0


def migrate(connection: Connection) -> int:
    """Bring the book to :data:`SCHEMA_VERSION`; returns the version it was at. A database
    with tables but no book (any other SQLite file or PostgreSQL database) is refused, not
    written to: :class:`NotABookError`."""
    found = current_version(connection)
    if found > SCHEMA_VERSION:
        raise NotABookError(
            f"the book has schema version {found}; this edikit knows up to {SCHEMA_VERSION}: "
            "upgrade edikit"
        )
    if found == 0:
        others = sorted(inspect(connection).get_table_names())
        if others:
            named = ", ".join(others[:5]) + (
                f" and {len(others) - 5} more" if len(others) > 5 else ""
            )
            raise NotABookError(
                f"not an edikit order book: it holds other tables ({bounded(named, 200)}); "
                "give a new file, an empty database, or a book"
            )
    for step in MIGRATIONS[found:]:
        step(connection)
    if found == 0:
        connection.execute(schema_version.insert().values(version=SCHEMA_VERSION))
    elif found < SCHEMA_VERSION:
        connection.execute(schema_version.update().values(version=SCHEMA_VERSION))
    return found
