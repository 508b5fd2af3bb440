"""The ledger of one check against the order book: what this run has not seen is looked up in
the book's tables (purchase orders by their stored facts, numbers used, units acknowledged,
shipped and invoiced, shipments, cancellations), and what it records is written there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, true

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
        t = schema.uses
        since = self.now - (horizon if horizon is not None else self.horizons[kind])
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
        """A stored PO, from its facts (never from the stored bytes)."""
        t = schema
        cancelled = t.cancellations
        row = self.connection.execute(
            select(t.orders.c.facts, t.orders.c.event_at, cancelled.c.place)
            .join(
                cancelled,
                (cancelled.c.order_number == t.orders.c.number) & self._included(cancelled),
                isouter=True,
            )
            .where(t.orders.c.number == number, *self._not_excluded(t.orders))
        ).first()
        if row is None or row[0] is None:
            return None
        self.stored_cancellations[number] = row[2]
        return Order(OrderFacts.model_validate_json(row[0]), aware(row[1]))

    # -- recording ------------------------------------------------------------------------
    def save(self, connection: Connection, file_id: int, used_at: dt.datetime) -> None:
        """Record what this run added to the ledger for file ``file_id``: its purchase orders
        (with their facts) and cancellations, the numbers it used (``used_at``), the units it
        acknowledged, shipped (with the shipments and their ship times) and invoiced; a
        replacement ship notice removes its predecessor's."""
        for shipment in self.replaced_here:
            for table in (schema.uses, schema.shipped, schema.shipments):
                connection.execute(delete(table).where(table.c.shipment == shipment))
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
                        used_at=used_at,
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

    def _save_orders(self, connection: Connection, file_id: int) -> None:
        for number, order in self.orders.items():
            exists = connection.execute(
                select(schema.orders.c.number).where(schema.orders.c.number == number)
            ).first()
            if exists is not None:
                continue  # the first 850 with a PO number stays the one compared with
            connection.execute(
                insert(schema.orders).values(
                    number=number,
                    file_id=file_id,
                    position=order.facts.transaction or 0,
                    facts=order.facts.model_dump_json(),
                    event_at=order.event_time,
                )
            )
            lines = [
                {
                    "order_number": number,
                    "line": line.index,
                    "quantity": line.quantity,
                    "unit": line.unit,
                }
                for line in order.facts.lines
            ]
            if lines:
                connection.execute(insert(schema.order_lines), lines)


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives times back without their zone; the book writes them in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)
