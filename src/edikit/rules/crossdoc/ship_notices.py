"""A ship notice against its purchase orders and what shipped before: items on the order
(EDI602), no more than ordered (EDI603) or given to a store (EDI618, EDI619), unique SSCCs and
shipment numbers (EDI604, EDI605), the PO's parties and ship window (EDI611, EDI612), and sent
in time (EDI616)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from edikit.rules.crossdoc.context import (
    NOTICE_LATE,
    Arrival,
    Checks,
    describe_ids,
    hours,
    matching_line,
    order_keys,
    plain,
    product_keys,
    when,
)
from edikit.rules.crossdoc.ledger import Order, Shipment, Use
from edikit.rules.crossdoc.timing import hours_between
from edikit.rules.crossdoc.units import in_line_unit
from edikit.rules.facts import (
    SHIP_DATE_SOURCES,
    OrderLine,
    Party,
    Place,
    ShipDate,
    ShipNoticeFacts,
    ShippedItem,
    ShippedOrder,
)

# BSN01 (353) 05 replace and 07 duplicate (a resend) stand in for the earlier document with
# the same number.
SUPERSEDING: Final = frozenset({"05", "07"})
# N101 parties compared with the PO: ship-to, buying party (store), mark-for.
PARTY_ENTITIES: Final = frozenset({"ST", "BY", "Z7"})
# The N101 codes that name the store an order level of a ship notice is packed for.
STORE_ENTITIES: Final = frozenset({"BY", "Z7"})
# DTM01 (374): the PO's window: 037 ship not before (else 010 requested ship), 038 ship no
# later (else 001 cancel after).
NOT_BEFORE: Final = ("037", "010")
# The ship window rule, whose ship_date parameter says where the ship date is read.
SHIP_WINDOW: Final = "EDI612"
NO_LATER: Final = ("038", "001")


def check_ship_notice(checks: Checks, arrival: Arrival) -> None:
    facts = arrival.facts
    assert isinstance(facts, ShipNoticeFacts)
    shipment = facts.shipment
    _check_shipment_id(checks, facts)
    shipped = facts.ship_date(ship_date_sources(checks.rules.params(SHIP_WINDOW)))
    shipped_at = shipped.moment if shipped is not None else None
    orders: dict[str, Order] = {}
    for level in facts.orders:
        order = _check_order_level(checks, facts, level, shipment)
        if order is None:
            continue
        orders.setdefault(order.number, order)
        checks.ledger.add_shipment(order.number, Shipment(shipment, shipped_at))
        _check_parties(checks, order, [*_shipment_parties(facts), *level.parties])
        if shipped is not None:
            _check_window(checks, order, shipped)
    _check_cartons(checks, facts, shipment)
    if shipped is not None and shipped_at is not None:
        _check_time(checks, arrival, shipped, shipped_at)


def ship_date_sources(params: Mapping[str, object]) -> tuple[str, ...]:
    """Where the ship date is read (po.ship_window's ``ship_date``), in order."""
    chosen = params.get("ship_date")
    if isinstance(chosen, list | tuple) and chosen:
        return tuple(str(source) for source in chosen)
    return SHIP_DATE_SOURCES


def _shipment_parties(facts: ShipNoticeFacts) -> list[Party]:
    return list(facts.shipment_parties)


def _check_shipment_id(checks: Checks, facts: ShipNoticeFacts) -> None:
    number = facts.shipment_id
    if not number or facts.shipment_id_at is None:
        return
    ledger = checks.ledger
    first = ledger.first_use("shipment", number, checks.horizon("EDI605"))
    if first is not None and facts.purpose in SUPERSEDING:
        ledger.replace_shipment(number)
    elif first is not None:
        checks.emit(
            "EDI605",
            facts.shipment_id_at,
            shipment=number,
            where=first.where,
            purpose=facts.purpose or "",
        )
    ledger.record_use("shipment", number, Use(facts.describe(), number))


def _check_cartons(checks: Checks, facts: ShipNoticeFacts, shipment: str) -> None:
    ledger = checks.ledger
    horizon = checks.horizon("EDI604")
    here: dict[str, str | None] = {}
    for carton in facts.cartons:
        first = ledger.first_use("sscc", carton.sscc, horizon)
        if first is not None:
            earlier = here.get(carton.sscc, "")
            where = f"this ship notice (HL {earlier})" if carton.sscc in here else first.where
            checks.emit("EDI604", carton.location, sscc=carton.sscc, where=where)
        here.setdefault(carton.sscc, carton.level)
        ledger.record_use("sscc", carton.sscc, Use(facts.describe(), shipment))


def _check_order_level(
    checks: Checks, facts: ShipNoticeFacts, level: ShippedOrder, shipment: str
) -> Order | None:
    number = level.purchase_order
    order = checks.link(facts, number, level.purchase_order_at)
    if order is None:
        return None
    store = _check_store(checks, level, order)
    keys = order_keys(order.facts)
    for item in level.items:
        item_keys = product_keys(item.product_ids)
        if item.item_at is not None and item_keys and not item_keys & keys:
            described = describe_ids(item.product_ids)
            checks.emit("EDI602", item.item_at, item=described, po=number, order=order.describe())
        _add_item(checks, item, order, shipment, store)
    return order


def _check_store(checks: Checks, level: ShippedOrder, order: Order) -> str | None:
    """The store an order level ships for (its N1*BY or N1*Z7), when the PO distributes its
    lines to stores (SDQ); EDI618 when the PO names no such store."""
    stores = order.facts.stores
    party = level.store(STORE_ENTITIES)
    if not stores or party is None or party.id is None:
        return None
    if party.id not in stores:
        checks.emit(
            "EDI618",
            party.location,
            entity=party.entity,
            store=party.id,
            po=order.number,
            stores=", ".join(sorted(stores)),
        )
        return None
    return party.id


def _check_parties(checks: Checks, order: Order, parties: list[Party]) -> None:
    """Ship-to and store on the ship notice (shipment and order levels) against the PO's
    heading N1 loops; compared only when both name the party with the same N103."""
    distributed = bool(order.facts.stores)
    for party in parties:
        entity = party.entity
        if distributed and entity in STORE_ENTITIES:
            continue  # a store of the PO's distribution, checked by _check_store
        ordered = order.facts.party(entity) if entity in PARTY_ENTITIES else None
        if ordered is None or not party.id or not ordered.id:
            continue
        if party.qualifier == ordered.qualifier and party.id != ordered.id:
            checks.emit(
                "EDI611",
                party.location,
                entity=entity,
                id=party.id,
                po=order.number,
                ordered=ordered.id,
                qualifier=ordered.qualifier or "",
            )


def _check_window(checks: Checks, order: Order, shipped: ShipDate) -> None:
    day = shipped.date
    if day is None:
        return  # a malformed date: the element checks report it
    earliest, first = _first_date(order, NOT_BEFORE)
    latest, last = _first_date(order, NO_LATER)
    common = {"shipped": day.isoformat(), "po": order.number}
    if earliest is not None and day < earliest:
        checks.emit(
            "EDI612",
            shipped.location,
            "before",
            date=earliest.isoformat(),
            qualifier=first,
            **common,
        )
    elif latest is not None and day > latest:
        checks.emit(
            "EDI612", shipped.location, "after", date=latest.isoformat(), qualifier=last, **common
        )


def _first_date(order: Order, qualifiers: tuple[str, ...]) -> tuple[dt.date | None, str]:
    """The PO's heading date under the first of ``qualifiers`` it carries, and that one."""
    dates = order.facts.dates
    for qualifier in qualifiers:
        found = dates.get(qualifier)
        if found is not None:
            return found, qualifier
    return None, qualifiers[0]


def _check_time(
    checks: Checks, arrival: Arrival, shipped: ShipDate, shipped_at: dt.datetime
) -> None:
    sent, limit = arrival.event_time, checks.limit(NOTICE_LATE, "hours")
    if limit is None or sent is None:
        return
    took = hours_between(shipped_at, sent)
    if took > limit:
        checks.emit(
            NOTICE_LATE,
            shipped.location,
            hours=hours(took),
            shipped=when(shipped_at),
            sent=when(sent),
            limit=plain(limit),
        )


@dataclass(frozen=True, slots=True)
class Overage:
    """Units shipped so far against what the PO orders (for the line, or for ``store``), and
    the limit with the profile's tolerance."""

    total: Decimal
    ordered: Decimal
    limit: Decimal
    store: str | None = None


def _add_item(
    checks: Checks, item: ShippedItem, order: Order, shipment: str, store: str | None
) -> None:
    quantity = item.quantity
    line = matching_line(order.facts, item.product_ids)
    if item.quantity_at is None or quantity is None or line is None:
        return
    ordered = line.quantity
    units = in_line_unit(quantity, item.unit, line.unit, (line.pack, item.pack))
    if ordered is None or units is None:
        return  # the documents do not say how to convert the units: nothing is claimed
    ledger = checks.ledger
    key = (order.number, line.index)
    before = ledger.units_shipped(key)
    store_before = ledger.units_shipped_to(key, store) if store is not None else Decimal(0)
    ledger.add_shipped(key, shipment, units, store)
    tolerance = checks.tolerance
    if before + units > ordered * tolerance >= before:  # once: on the notice that crosses
        overage = Overage(before + units, ordered, ordered * tolerance)
        _emit_over_shipment(checks, "EDI603", item, item.quantity_at, order, line, overage)
    store_ordered = _store_units(line, store) if store is not None else None
    if (
        store_ordered is not None
        and store_before + units > store_ordered * tolerance >= store_before
    ):
        overage = Overage(store_before + units, store_ordered, store_ordered * tolerance, store)
        _emit_over_shipment(checks, "EDI619", item, item.quantity_at, order, line, overage)


def _store_units(line: OrderLine, store: str) -> Decimal | None:
    """The line's SDQ quantity for ``store``, in the line's unit (None if it has none)."""
    if store not in line.distribution:
        return None
    return in_line_unit(line.distribution[store], line.distribution_unit, line.unit, (line.pack,))


def _emit_over_shipment(
    checks: Checks,
    code: str,
    item: ShippedItem,
    where: Place,
    order: Order,
    line: OrderLine,
    overage: Overage,
) -> None:
    unit = f" {line.unit}" if line.unit else ""
    converted = ""
    if item.quantity is not None and item.unit and line.unit and item.unit != line.unit:
        converted = f" ({plain(item.quantity)} {item.unit} here)"
    ordered = f"{plain(overage.ordered)}{unit}"
    if overage.limit != overage.ordered:
        ordered += f", {plain(overage.limit)} with the profile's tolerance"
    checks.emit(
        code,
        where,
        "default",
        shipped=plain(overage.total),
        unit=unit,
        item=describe_ids(item.product_ids),
        converted=converted,
        po=order.number,
        line=line.label,
        ordered=ordered,
        order=order.describe(),
        store=overage.store or "",
    )
