"""What the order book reports: each purchase order with its units ordered, acknowledged,
shipped and invoiced and its state, and the findings recorded with the documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from edikit.book import schema


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
    over_lines: int = 0  # lines shipped over the ordered quantity

    @property
    def is_open(self) -> bool:
        """A line is still to ship (or shipped short) and the PO is not cancelled."""
        return self.open_lines > 0 and not self.cancelled

    @property
    def state(self) -> str:
        """``cancelled`` (by an 850 with BEG01 01); ``over-shipped`` (a line shipped more
        than ordered); ``open`` (nothing shipped yet); ``short`` (shipped, a line less than
        ordered); ``complete`` (every line shipped as ordered)."""
        if self.cancelled:
            return "cancelled"
        if self.over_lines:
            return "over-shipped"
        if self.open_lines:
            return "short" if self.shipped else "open"
        return "complete"


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


def order_summaries(connection: Connection) -> list[OrderSummary]:
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
    for number, name, quantity, acked, shipped_units, billed in connection.execute(query):
        summary = summaries.setdefault(number, OrderSummary(number, name))
        ordered, sent = Decimal(quantity or 0), Decimal(shipped_units or 0)
        summary.ordered += ordered
        summary.acknowledged += Decimal(acked or 0)
        summary.shipped += sent
        summary.invoiced += Decimal(billed or 0)
        summary.open_lines += int(quantity is not None and sent < ordered)
        summary.over_lines += int(quantity is not None and sent > ordered)
    for summary in summaries.values():  # 18, not the database's 18.0000
        summary.ordered, summary.acknowledged = (
            _plain(summary.ordered),
            _plain(summary.acknowledged),
        )
        summary.shipped, summary.invoiced = _plain(summary.shipped), _plain(summary.invoiced)
    for number, finding in recorded_findings(connection):
        if number in summaries:
            summaries[number].findings.append(finding)
    for number in connection.execute(select(t.cancellations.c.order_number)).scalars():
        if number in summaries:
            summaries[number].cancelled = True
    return list(summaries.values())


def _plain(number: Decimal) -> Decimal:
    """``number`` without the trailing zeros of the column's scale (``18.0000`` is 18,
    ``2.50`` is 2.5), never in exponent form."""
    whole = number.to_integral_value()
    return whole if number == whole else number.normalize()


def recorded_findings(connection: Connection) -> Iterator[tuple[str | None, Finding]]:
    """Every error and warning recorded, with the PO it is about, in the order added."""
    f, files = schema.findings, schema.files
    query = (
        select(files.c.name, f.c.order_number, *_finding_columns(f))
        .join(files, files.c.id == f.c.file_id)
        .order_by(f.c.id)
    )
    for row in connection.execute(query):
        finding = Finding(*row)
        yield finding.order, finding


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows per table, for a summary line."""
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
