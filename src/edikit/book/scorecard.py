"""The compliance scorecard: the order book's documents turned into the figures a brand is
measured on, per retailer (trading partner) and per week or month.

Every figure is computed from what the book recorded (the purchase orders' facts, the units
shipped per PO line as the cross-document checks matched them, each document's partner, event
time and few facts, and the findings with their fees); nothing is read from a file again. The
definitions are :data:`DEFINITIONS`: the same text is in the JSON, the HTML report and
``docs/scorecard.md`` (a test holds them equal).

A purchase order belongs to the retailer that sent it (its ISA sender) and to the period of its
due date: ship no later (DTM*038), else cancel after (DTM*001), else ship not before (DTM*037),
else requested ship (DTM*010), else its date (BEG05), else when it arrived. The documents that
name a PO count in its retailer and period; a document naming a PO the book does not hold counts
in its own partner (ISA receiver) and the period of its event time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from sqlalchemy import Connection, func, select

from edikit.book import schema
from edikit.book.ledger import aware
from edikit.rules.crossdoc.ship_notices import NO_LATER, NOT_BEFORE
from edikit.rules.facts import OrderFacts

SCHEMA: Final = "edikit.scorecard/1"
Period = Literal["week", "month"]
_DUE: Final = ("038", "001", "037", "010")  # the due date's qualifiers, by preference
# Ship notice purposes (BSN01, 353): a deletion takes the shipment back.
_DELETE: Final = "03"

DEFINITIONS: Final[dict[str, str]] = {
    "orders": "Purchase orders (850, not cancelled by a BEG01 01) due in the period: a PO's due "
    "date is its ship-no-later date (DTM*038), else cancel-after (DTM*001), else "
    "ship-not-before (DTM*037), else requested ship (DTM*010), else its date (BEG05), else "
    "when it arrived.",
    "cancelled": "Purchase orders cancelled by an 850 with BEG01 01; left out of every other "
    "figure.",
    "ack_on_time_rate": "POs whose first 855 arrived within the acknowledgment window "
    "(default 48 hours) of the PO ÷ POs. Times are when each document was received, else its "
    "GS04/GS05.",
    "ship_on_time_rate": "POs shipped, each of whose ship notices (the last version of each "
    "BSN02) has its ship date (DTM*011) inside the PO's window [ship not before (DTM*037, else "
    "DTM*010), ship no later (DTM*038, else DTM*001)], whole days, bounds included ÷ POs. A PO "
    "with no ship notice, or a ship notice without a ship date, is not on time.",
    "order_fill_rate": "POs in full (every line's units shipped, summed over the ship notices, "
    "at least the units ordered, PO102) ÷ POs.",
    "line_fill_rate": "PO lines shipped in full ÷ PO lines.",
    "unit_fill_rate": "Σ min(units shipped, units ordered) over the PO lines ÷ Σ units "
    "ordered: overages are not credited.",
    "lines_over": "PO lines shipped over the units ordered (units_over: the units above).",
    "otif_rate": "POs both shipped on time and in full ÷ POs.",
    "asn_on_time_rate": "Shipments (BSN02) whose first ship notice arrived within the ship "
    "notice window (default 24 hours) of its ship date and time (DTM*011; a date without a time "
    "is the end of that day) ÷ shipments. A ship notice without a ship date is not on time.",
    "asn_findings_per_asn": "Errors and warnings recorded on ship notices ÷ ship notices "
    "(ASN accuracy); asn_clean_rate: ship notices with no error ÷ ship notices.",
    "invoice_accuracy": "Invoices (810) with no error ÷ invoices; "
    "invoice_findings_per_invoice: errors and warnings on invoices ÷ invoices.",
    "chargebacks": "Findings whose profile rule carries a structured chargeback (amount, per, "
    "currency).",
    "findings_omitted": "Errors and warnings that the finding caps left out when files were "
    "added (book add --max-findings, --max-findings-per-rule): not recorded one by one, so the "
    "ASN and invoice figures and the exposure do not count them. Each file's count is in the "
    "retailer and period of its first document. 0 means every finding is counted; add files "
    "with --max-findings all for that.",
    "exposure": "Σ of those chargebacks: amount per finding, or per document with findings of "
    "the rule, or per purchase order whose documents have one; by currency. An estimate of what "
    "the findings may cost, not a billed amount.",
}


@dataclass(frozen=True, slots=True)
class Windows:
    """A retailer's windows: an 855 within ``ack_hours`` of its PO, an 856 within
    ``asn_hours`` of the shipment leaving."""

    ack_hours: float = 48.0
    asn_hours: float = 24.0


@dataclass(slots=True)
class Figures:
    """The counts of one retailer and period (or of a whole retailer, or of the book); the
    rates are derived from them."""

    orders: int = 0
    cancelled: int = 0
    acknowledged: int = 0
    acknowledged_on_time: int = 0
    shipped: int = 0
    shipped_on_time: int = 0
    in_full: int = 0
    otif: int = 0
    lines: int = 0
    lines_in_full: int = 0
    lines_over: int = 0
    units_ordered: Decimal = Decimal(0)
    units_filled: Decimal = Decimal(0)
    units_shipped: Decimal = Decimal(0)
    units_over: Decimal = Decimal(0)
    shipments: int = 0
    shipments_on_time: int = 0
    asns: int = 0
    asns_clean: int = 0
    asn_findings: int = 0
    invoices: int = 0
    invoices_clean: int = 0
    invoice_findings: int = 0
    chargebacks: int = 0
    exposure: dict[str, Decimal] = field(default_factory=dict)
    findings_omitted: int = 0

    def add(self, other: Figures) -> None:
        for name in self.__slots__:
            mine = getattr(self, name)
            if isinstance(mine, dict):
                for currency, amount in other.exposure.items():
                    mine[currency] = mine.get(currency, Decimal(0)) + amount
            else:
                setattr(self, name, mine + getattr(other, name))

    def rates(self) -> dict[str, float | None]:
        return {
            "ack_on_time_rate": _rate(self.acknowledged_on_time, self.orders),
            "ack_coverage": _rate(self.acknowledged, self.orders),
            "ship_on_time_rate": _rate(self.shipped_on_time, self.orders),
            "order_fill_rate": _rate(self.in_full, self.orders),
            "line_fill_rate": _rate(self.lines_in_full, self.lines),
            "unit_fill_rate": _rate(self.units_filled, self.units_ordered),
            "otif_rate": _rate(self.otif, self.orders),
            "asn_on_time_rate": _rate(self.shipments_on_time, self.shipments),
            "asn_clean_rate": _rate(self.asns_clean, self.asns),
            "asn_findings_per_asn": _rate(self.asn_findings, self.asns),
            "invoice_accuracy": _rate(self.invoices_clean, self.invoices),
            "invoice_findings_per_invoice": _rate(self.invoice_findings, self.invoices),
        }

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, Decimal):
                value = _number(value)
            elif isinstance(value, dict):
                value = {c: f"{a:.2f}" for c, a in sorted(value.items())}
            data[name] = value
        return data | self.rates()


@dataclass(slots=True)
class RuleCost:
    """What one rule's findings cost across the book."""

    rule_id: str
    code: str
    findings: int = 0
    chargebacks: int = 0
    exposure: dict[str, Decimal] = field(default_factory=dict)


@dataclass(slots=True)
class Scorecard:
    """The figures per retailer and period, per retailer, and for the whole book."""

    period: Period
    windows: Windows
    retailers: dict[str, dict[str, Figures]] = field(default_factory=dict)
    rules: dict[str, RuleCost] = field(default_factory=dict)
    book: str = ""

    def figures(self, retailer: str, period: str) -> Figures:
        return self.retailers.setdefault(retailer, {}).setdefault(period, Figures())

    def retailer_totals(self, retailer: str) -> Figures:
        total = Figures()
        for figures in self.retailers.get(retailer, {}).values():
            total.add(figures)
        return total

    def totals(self) -> Figures:
        total = Figures()
        for retailer in self.retailers:
            total.add(self.retailer_totals(retailer))
        return total

    def top_rules(self, limit: int = 10) -> list[RuleCost]:
        """The rules whose findings cost the most (then the most findings)."""
        costly = [r for r in self.rules.values() if r.chargebacks]
        return sorted(costly, key=lambda r: (-sum(r.exposure.values()), -r.findings, r.rule_id))[
            :limit
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "book": self.book,
            "period": self.period,
            "windows": {"ack_hours": self.windows.ack_hours, "asn_hours": self.windows.asn_hours},
            "definitions": DEFINITIONS,
            "totals": self.totals().to_json(),
            "retailers": [
                {
                    "retailer": retailer,
                    "totals": self.retailer_totals(retailer).to_json(),
                    "periods": [
                        {"period": period, **figures.to_json()}
                        for period, figures in sorted(periods.items())
                    ],
                }
                for retailer, periods in sorted(self.retailers.items())
            ],
            "top_rules": [_rule_json(r) for r in self.top_rules()],
            "findings_by_rule": [
                _rule_json(r)
                for r in sorted(self.rules.values(), key=lambda r: (-r.findings, r.rule_id))
            ],
        }


# -- reading the book -----------------------------------------------------------------------
@dataclass(slots=True)
class _Document:
    set_id: str
    partner: str | None
    order: str | None
    event_at: dt.datetime | None
    details: dict[str, Any]
    errors: int
    warnings: int
    key: tuple[int, int | None]  # file id, index in the file


@dataclass(slots=True)
class _Order:
    number: str
    partner: str
    facts: OrderFacts
    received: dt.datetime | None
    period: str


def scorecard(
    connection: Connection,
    *,
    period: Period = "week",
    windows: Windows | None = None,
    by_retailer: Mapping[str, Windows] | None = None,
) -> Scorecard:
    """The scorecard of the book behind ``connection``. ``windows`` (default: 48 hours to
    acknowledge, 24 to send the ship notice) apply to every retailer but those
    ``by_retailer`` names (by ISA ID)."""
    default = windows or Windows()
    card = Scorecard(period, default)
    documents = _documents(connection)
    orders = _orders(connection, documents, period)
    cancelled = set(connection.execute(select(schema.cancellations.c.order_number)).scalars())
    lines = _line_units(connection)
    by_order: dict[str, list[_Document]] = defaultdict(list)
    for document in documents.values():
        for number in _orders_named(document):
            by_order[number].append(document)
    first, live = _shipments(documents.values())
    for order in orders.values():
        figures = card.figures(order.partner, order.period)
        if order.number in cancelled:
            figures.cancelled += 1
            continue
        limits = (by_retailer or {}).get(order.partner, default)
        notices = [d for d in by_order.get(order.number, []) if d.key in live]
        acks = [d for d in by_order.get(order.number, []) if d.set_id == "855"]
        _score_order(figures, order, acks, notices, lines.get(order.number, []), limits)
    for document in documents.values():
        retailer, when = _place(document, orders, period)
        limits = (by_retailer or {}).get(retailer, default)
        _score_document(card.figures(retailer, when), document, document.key in first, limits)
    _score_findings(card, connection, documents, orders, period)
    _score_omitted(card, connection, documents, orders, period)
    return card


def _documents(connection: Connection) -> dict[tuple[int, int | None], _Document]:
    t = schema.documents
    query = select(
        t.c.file_id,
        t.c.set_index,
        t.c.set_id,
        t.c.partner,
        t.c.order_number,
        t.c.event_at,
        t.c.details,
        t.c.errors,
        t.c.warnings,
    ).order_by(t.c.event_at, t.c.id)
    found = {}
    for row in connection.execute(query):
        key = (row.file_id, row.set_index)
        found[key] = _Document(
            row.set_id,
            row.partner,
            row.order_number,
            aware(row.event_at),
            json.loads(row.details or "{}"),
            row.errors,
            row.warnings,
            key,
        )
    return found


def _orders(
    connection: Connection, documents: Mapping[tuple[int, int | None], _Document], period: Period
) -> dict[str, _Order]:
    """The book's purchase orders, each with its retailer (the sender of its first 850)."""
    partners: dict[str, str] = {}
    for document in documents.values():
        if document.set_id == "850" and document.order and document.partner:
            partners.setdefault(document.order, document.partner)
    t = schema.orders
    found = {}
    for number, facts_json, event_at in connection.execute(
        select(t.c.number, t.c.facts, t.c.event_at)
    ):
        if facts_json is None:
            continue
        facts = OrderFacts.model_validate_json(facts_json)
        received = aware(event_at)
        due = period_of(_due(facts, received), period)
        found[number] = _Order(number, partners.get(number, "(unknown)"), facts, received, due)
    return found


def _due(facts: OrderFacts, received: dt.datetime | None) -> dt.date | None:
    for qualifier in _DUE:
        if qualifier in facts.dates:
            return facts.dates[qualifier]
    if facts.date is not None:
        return facts.date
    return received.date() if received is not None else None


def period_of(day: dt.date | None, period: Period) -> str:
    """``2026-W03`` (ISO week) or ``2026-01`` for ``day``; ``(undated)`` for none."""
    if day is None:
        return "(undated)"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _orders_named(document: _Document) -> list[str]:
    if document.set_id == "856":
        return list(document.details.get("orders") or [])
    return [document.order] if document.order else []


def _shipments(
    documents: Iterable[_Document],
) -> tuple[set[tuple[int, int | None]], set[tuple[int, int | None]]]:
    """The first ship notice of each shipment (partner, BSN02: its timeliness), and the ship
    notices whose units count: the last version of each, unless that one deletes it (BSN01
    03)."""
    first: dict[tuple[str | None, str], _Document] = {}
    last: dict[tuple[str | None, str], _Document] = {}
    for document in documents:  # in event order
        if document.set_id != "856":
            continue
        key = (document.partner, document.details.get("shipment") or f"({document.key})")
        first.setdefault(key, document)
        last[key] = document
    live = {d.key for d in last.values() if d.details.get("purpose") != _DELETE}
    return {d.key for d in first.values()}, live


def _line_units(connection: Connection) -> dict[str, list[tuple[Decimal, Decimal]]]:
    """Per PO: each line's units ordered and units shipped (as the checks matched them)."""
    shipped_table = schema.shipped
    shipped = {
        (number, line): Decimal(units or 0)
        for number, line, units in connection.execute(
            select(
                shipped_table.c.order_number,
                shipped_table.c.line,
                func.sum(shipped_table.c.units),
            ).group_by(shipped_table.c.order_number, shipped_table.c.line)
        )
    }
    lines: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    t = schema.order_lines
    for number, line, quantity in connection.execute(
        select(t.c.order_number, t.c.line, t.c.quantity).order_by(t.c.order_number, t.c.line)
    ):
        lines[number].append((Decimal(quantity or 0), shipped.get((number, line), Decimal(0))))
    return lines


def _score_order(
    figures: Figures,
    order: _Order,
    acks: list[_Document],
    notices: list[_Document],
    lines: list[tuple[Decimal, Decimal]],
    windows: Windows,
) -> None:
    figures.orders += 1
    figures.acknowledged += int(bool(acks))
    sent = [d.event_at for d in acks if d.event_at is not None]
    if sent and order.received is not None:
        hours = (min(sent) - order.received).total_seconds() / 3600
        figures.acknowledged_on_time += int(hours <= windows.ack_hours)
    on_time = bool(notices) and all(_in_window(order.facts, d) for d in notices)
    figures.shipped += int(bool(notices))
    figures.shipped_on_time += int(on_time)
    for ordered, shipped in lines:
        figures.lines += 1
        figures.units_ordered += ordered
        figures.units_shipped += shipped
        figures.units_filled += min(ordered, shipped)
        figures.lines_in_full += int(shipped >= ordered)
        if shipped > ordered:
            figures.lines_over += 1
            figures.units_over += shipped - ordered
    in_full = bool(lines) and all(shipped >= ordered for ordered, shipped in lines)
    figures.in_full += int(in_full)
    figures.otif += int(in_full and on_time)


def _place(document: _Document, orders: Mapping[str, _Order], period: Period) -> tuple[str, str]:
    """The retailer and period a document counts in: its PO's, else its own."""
    order = orders.get(document.order or "")
    if order is not None:
        return order.partner, order.period
    day = document.event_at.date() if document.event_at is not None else None
    return document.partner or "(unknown)", period_of(day, period)


def _score_document(figures: Figures, document: _Document, first: bool, windows: Windows) -> None:
    findings = document.errors + document.warnings
    if document.set_id == "856":
        figures.asns += 1
        figures.asns_clean += int(document.errors == 0)
        figures.asn_findings += findings
        if first:
            figures.shipments += 1
            figures.shipments_on_time += int(_asn_on_time(document, windows))
    elif document.set_id == "810":
        figures.invoices += 1
        figures.invoices_clean += int(document.errors == 0)
        figures.invoice_findings += findings


def _asn_on_time(document: _Document, windows: Windows) -> bool:
    text = document.details.get("shipped_at")
    if not text or document.event_at is None:
        return False
    shipped = aware(dt.datetime.fromisoformat(text))
    assert shipped is not None
    return (document.event_at - shipped).total_seconds() / 3600 <= windows.asn_hours


def _score_findings(
    card: Scorecard,
    connection: Connection,
    documents: Mapping[tuple[int, int | None], _Document],
    orders: Mapping[str, _Order],
    period: Period,
) -> None:
    """Findings by rule, and the chargebacks: each fee counted once per finding, document or
    PO as its rule says, in the retailer and period of the document's PO."""
    f = schema.findings
    charged: set[tuple[object, ...]] = set()
    query = select(
        f.c.id,
        f.c.file_id,
        f.c.set_index,
        f.c.order_number,
        f.c.rule_id,
        f.c.code,
        f.c.fee_amount,
        f.c.fee_per,
        f.c.fee_currency,
    ).order_by(f.c.id)
    for row in connection.execute(query):
        rule_id = row.rule_id or row.code
        cost = card.rules.setdefault(rule_id, RuleCost(rule_id, row.code))
        cost.findings += 1
        if row.fee_amount is None:
            continue
        document = documents.get((row.file_id, row.set_index))
        order = orders.get(row.order_number or "")
        if order is not None:
            retailer, when = order.partner, order.period
        elif document is not None:
            retailer, when = _place(document, orders, period)
        else:
            retailer, when = "(unknown)", "(undated)"
        figures = card.figures(retailer, when)
        figures.chargebacks += 1
        cost.chargebacks += 1
        key = _charge_key(row, rule_id)
        if key in charged:
            continue
        charged.add(key)
        amount, currency = Decimal(row.fee_amount), row.fee_currency or "USD"
        figures.exposure[currency] = figures.exposure.get(currency, Decimal(0)) + amount
        cost.exposure[currency] = cost.exposure.get(currency, Decimal(0)) + amount


def _score_omitted(
    card: Scorecard,
    connection: Connection,
    documents: Mapping[tuple[int, int | None], _Document],
    orders: Mapping[str, _Order],
    period: Period,
) -> None:
    """The findings the caps left out of each file, in the retailer and period of the file's
    first document (they were not recorded one by one: where each was is not known)."""
    first: dict[int, _Document] = {}
    for key in sorted(documents, key=lambda k: (k[0], k[1] or 0)):
        first.setdefault(key[0], documents[key])
    t = schema.omitted
    query = select(t.c.file_id, func.sum(t.c.count)).group_by(t.c.file_id)
    for file_id, count in connection.execute(query):
        found = first.get(file_id)
        place = _place(found, orders, period) if found else ("(unknown)", "(undated)")
        card.figures(*place).findings_omitted += int(count)


def _charge_key(row: Any, rule_id: str) -> tuple[object, ...]:
    """What one charge is counted by: the finding, its document, or its PO."""
    if row.fee_per == "order" and row.order_number:
        return ("order", rule_id, row.order_number)
    if row.fee_per in ("document", "order"):
        return ("document", rule_id, row.file_id, row.set_index)
    return ("finding", row.id)


def _in_window(facts: OrderFacts, notice: _Document) -> bool:
    text = notice.details.get("shipped_on")
    if not text:
        return False
    shipped = dt.date.fromisoformat(text)
    not_before = next((facts.dates[q] for q in NOT_BEFORE if q in facts.dates), None)
    no_later = next((facts.dates[q] for q in NO_LATER if q in facts.dates), None)
    return (not_before is None or shipped >= not_before) and (
        no_later is None or shipped <= no_later
    )


def _rate(part: int | Decimal, whole: int | Decimal) -> float | None:
    return float(part) / float(whole) if whole else None


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


def _rule_json(rule: RuleCost) -> dict[str, Any]:
    return {
        "rule_id": rule.rule_id,
        "code": rule.code,
        "findings": rule.findings,
        "chargebacks": rule.chargebacks,
        "exposure": {c: f"{a:.2f}" for c, a in sorted(rule.exposure.items())},
    }
