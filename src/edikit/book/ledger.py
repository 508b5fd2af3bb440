"""The ledger of one check against the order book: what this run has not seen is looked up in
the book's tables (purchase orders by their stored facts, numbers used, units acknowledged,
shipped and invoiced, shipments, cancellations), and what it records is written there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any, Final

from sqlalchemy import Connection, Select, and_, bindparam, delete, func, insert, select, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from edikit.book import schema
from edikit.rules.crossdoc.ledger import Ledger, LineKey, Order, Shipment, UniqueKind, Use
from edikit.rules.facts import OrderFacts


class BookLedger(Ledger):
    """The in-memory ledger of the documents being checked, with the book behind it. Files
    already in the book that are checked again (``excluded``) are not compared with
    themselves. ``now``: the time uniqueness horizons count back from."""

    is_record = True  # the book is the brand's record: a PO it lacks is unknown

    def __init__(
        self,
        connection: Connection,
        horizons: dict[UniqueKind, dt.timedelta],
        now: dt.datetime,
        excluded: set[int] | None = None,
    ) -> None:
        super().__init__()
        self.connection = connection
        self.horizons = horizons
        self.now = now
        self.excluded = set(excluded or ())
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

    def has_orders(self) -> bool:
        if super().has_orders():
            return True
        return self.connection.execute(select(schema.orders.c.number).limit(1)).first() is not None

    def first_use(
        self, kind: UniqueKind, value: str, horizon: dt.timedelta | None = None
    ) -> Use | None:
        found = super().first_use(kind, value)
        if found is not None:
            return found
        since = self.now - (horizon if horizon is not None else self.horizons[kind])
        query = _narrowed(_FIRST_USE, self._not_excluded(schema.uses))
        row = self.connection.execute(query, {"kind": kind, "value": value, "since": since}).first()
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
        stored = [Shipment(s, aware(at)) for s, at in timed]
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
        query = _narrowed(_units(table), [*more, *self._not_excluded(table)])
        found = self.connection.execute(query, {"order": line[0], "line": line[1]})
        return Decimal(found.scalar_one_or_none() or 0)

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
        """A stored PO, from its facts (never from the stored bytes)."""
        query = _stored_order(self._included(schema.cancellations) if self.excluded else None)
        query = _narrowed(query, self._not_excluded(schema.orders))
        row = self.connection.execute(query, {"number": number}).first()
        if row is None or row[0] is None:
            return None
        self.stored_cancellations[number] = row[2]
        return Order(OrderFacts.model_validate_json(row[0]), aware(row[1]))

    # -- recording ------------------------------------------------------------------------
    def save(self, connection: Connection, file_id: int, used_at: dt.datetime) -> None:
        """Record what this run added to the ledger for file ``file_id``: its purchase orders
        (with their facts) and cancellations, the numbers it used (``used_at``), the units it
        acknowledged, shipped (with the shipments and their ship times) and invoiced; a
        replacement ship notice removes its predecessor's. A few statements per table, each
        with all its rows (not one per row)."""
        for group in _groups(sorted(self.replaced_here)):
            for table in (schema.uses, schema.shipped, schema.shipments):
                connection.execute(delete(table).where(table.c.shipment.in_(group)))
        self._save_orders(connection, file_id)
        self._save_cancellations(connection, file_id)
        self._save_uses(connection, file_id, used_at)
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

    def _save_uses(self, connection: Connection, file_id: int, used_at: dt.datetime) -> None:
        """A number used again takes the place of its earlier use (one statement: an insert
        that updates the row of a number already there)."""
        t = schema.uses
        rows = [
            {
                "kind": kind,
                "value": value,
                "shipment": use.shipment,
                "place": use.where,
                "used_at": used_at,
                "file_id": file_id,
            }
            for kind, values in self.uses.items()
            for value, use in values.items()
        ]
        if not rows:
            return
        dialect = connection.dialect.name
        upsert = postgresql_insert(t) if dialect == "postgresql" else sqlite_insert(t)
        replaced = {c: upsert.excluded[c] for c in ("shipment", "place", "used_at", "file_id")}
        connection.execute(
            upsert.on_conflict_do_update(index_elements=["kind", "value"], set_=replaced), rows
        )

    def _save_cancellations(self, connection: Connection, file_id: int) -> None:
        """The first cancellation of a PO stays the one reported."""
        t = schema.cancellations
        known = _existing(connection, t.c.order_number, list(self.cancelled))
        rows = [
            {"order_number": number, "place": place, "file_id": file_id}
            for number, place in self.cancelled.items()
            if number not in known
        ]
        if rows:
            connection.execute(insert(t), rows)

    def _save_acknowledged(self, connection: Connection, file_id: int) -> None:
        """The latest 855's units per PO line replace an earlier one's."""
        t = schema.acknowledged
        lines: dict[str, list[int]] = {}
        for number, line in self.acknowledged:
            lines.setdefault(number, []).append(line)
        for number, numbers in lines.items():
            for group in _groups(numbers):
                connection.execute(delete(t).where(t.c.order_number == number, t.c.line.in_(group)))
        rows = [
            {"order_number": number, "line": line, "units": units, "file_id": file_id}
            for (number, line), units in self.acknowledged.items()
        ]
        if rows:
            connection.execute(insert(t), rows)

    def _save_orders(self, connection: Connection, file_id: int) -> None:
        """The first 850 with a PO number stays the one compared with."""
        known = _existing(connection, schema.orders.c.number, list(self.orders))
        new = [(n, order) for n, order in self.orders.items() if n not in known]
        if not new:
            return
        orders = [
            {
                "number": number,
                "file_id": file_id,
                "position": order.facts.transaction or 0,
                "facts": order.facts.model_dump_json(),
                "event_at": order.event_time,
            }
            for number, order in new
        ]
        connection.execute(insert(schema.orders), orders)
        lines = [
            {
                "order_number": number,
                "line": line.index,
                "quantity": line.quantity,
                "unit": line.unit,
            }
            for number, order in new
            for line in order.facts.lines
        ]
        if lines:
            connection.execute(insert(schema.order_lines), lines)


# The questions asked of the book for every document, built once (building a statement
# costs more than SQLite takes to answer it); the conditions of a run that leaves files out
# or replaces a ship notice are added to them.
_FIRST_USE: Final = select(schema.uses.c.place, schema.uses.c.shipment).where(
    schema.uses.c.kind == bindparam("kind"),
    schema.uses.c.value == bindparam("value"),
    schema.uses.c.used_at >= bindparam("since"),
)


@cache
def _units(table: Any) -> Select[Any]:
    """The units stored for a PO line (parameters ``order`` and ``line``)."""
    return select(func.sum(table.c.units)).where(
        table.c.order_number == bindparam("order"), table.c.line == bindparam("line")
    )


def _stored_order(included: Any = None) -> Select[Any]:
    """A PO's stored facts, event time and cancellation (parameter ``number``); ``included``:
    the condition on the cancellations of a run that leaves files out."""
    if included is None:
        return _STORED_ORDER
    return _order_query(included)


def _order_query(included: Any) -> Select[Any]:
    orders, cancelled = schema.orders, schema.cancellations
    return (
        select(orders.c.facts, orders.c.event_at, cancelled.c.place)
        .join(cancelled, (cancelled.c.order_number == orders.c.number) & included, isouter=True)
        .where(orders.c.number == bindparam("number"))
    )


_STORED_ORDER: Final = _order_query(true())


def _narrowed(query: Select[Any], conditions: list[Any]) -> Select[Any]:
    return query.where(*conditions) if conditions else query


# Values bound in one IN (...) at most: far below SQLite's and PostgreSQL's limits.
_GROUP: Final = 500


def _groups(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _GROUP):
        yield values[start : start + _GROUP]


def _existing(connection: Connection, column: Any, values: list[Any]) -> set[Any]:
    """Which of ``values`` ``column`` holds already."""
    found: set[Any] = set()
    for group in _groups(values):
        found.update(connection.execute(select(column).where(column.in_(group))).scalars())
    return found


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives times back without their zone; the book writes them in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)
