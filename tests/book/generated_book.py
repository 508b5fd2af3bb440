"""A generated order book with its ground truth: retailers send purchase orders over weeks; the
brand acknowledges, ships and invoices them, with late, short, over and wrong documents planted
at known rates. :class:`Plan` says what each PO was meant to get, so a test can compute every
scorecard figure on its own and compare.

Each retailer's documents of one kind are one file (every document in its own functional group,
dated with its own GS04/GS05, the event time the book records), added in the order documents
travel: purchase orders, cancellations, acknowledgments, ship notices, invoices.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from edikit.book.scorecard import Figures
from edikit.rules.business.gs1 import check_digit

BRAND = "BRANDCO"
START = dt.date(2026, 1, 5)  # a Monday
# Each retailer's fees: a rule's chargeback in its profile, (code or named rule, amount, per).
FEES = {
    "EDI502": ("25", "finding"),  # a wrong SSCC, per carton found
    "EDI505": ("100", "document"),  # an invoice total that does not add up
    "EDI603": ("50", "document"),  # shipped over the PO
    "EDI612": ("250", "order"),  # shipped outside the PO's window
    "EDI615": ("30", "order"),  # acknowledged late
    "EDI616": ("40", "document"),  # ship notice late
}
NAMED = {"EDI615": "timing.acknowledgment", "EDI616": "timing.ship_notice"}
WINDOWS = {"EDI615": 48, "EDI616": 24}  # hours


@dataclass(slots=True)
class Plan:
    """One PO and what it was meant to get (the ground truth)."""

    retailer: str
    number: str
    received: dt.datetime
    not_before: dt.date
    no_later: dt.date
    ordered: tuple[int, int]
    prices: tuple[Decimal, Decimal]
    cancelled: bool = False
    ack_hours: float | None = 24  # None: no 855
    shipped_on: dt.date | None = None  # None: not shipped
    shipped: tuple[int, int] = (0, 0)
    asn_hours: float = 2
    bad_sscc: bool = False  # both cartons' SSCCs have a wrong check digit
    bad_total: bool = False  # the invoice's TDS is off by a cent

    @property
    def ship_moment(self) -> dt.datetime:
        assert self.shipped_on is not None
        return dt.datetime.combine(self.shipped_on, dt.time(14, 0), tzinfo=dt.UTC)

    @property
    def early(self) -> bool:
        return self.shipped_on is not None and self.shipped_on < self.not_before

    @property
    def late(self) -> bool:
        return self.shipped_on is not None and self.shipped_on > self.no_later

    def findings(self, kind: str) -> list[str]:
        """The codes the book should record on this PO's document ``kind``."""
        if kind == "855" and self.ack_hours is not None and self.ack_hours > WINDOWS["EDI615"]:
            return ["EDI615"]
        if kind == "856" and self.shipped_on is not None:
            found = ["EDI502", "EDI502"] if self.bad_sscc else []
            found += ["EDI612"] if self.early or self.late else []
            found += ["EDI603"] * sum(
                s > o for s, o in zip(self.shipped, self.ordered, strict=True)
            )
            found += ["EDI616"] if self.asn_hours > WINDOWS["EDI616"] else []
            return found
        if kind == "810" and self.shipped_on is not None and self.bad_total:
            return ["EDI505"]
        return []


@dataclass(slots=True)
class Book:
    plans: list[Plan] = field(default_factory=list)
    retailers: tuple[str, ...] = ()
    fee_scale: dict[str, int] = field(default_factory=dict)  # a retailer's fees x this


def plan_book(retailers: int = 3, weeks: int = 12, per_week: int = 28, seed: int = 7) -> Book:
    """POs of ``retailers`` over ``weeks``, ``per_week`` each, with faults planted at random
    (a seed gives the same book)."""
    rng = random.Random(seed)
    names = tuple(f"RETAILER{chr(65 + n)}" for n in range(retailers))
    book = Book(retailers=names, fee_scale={name: n + 1 for n, name in enumerate(names)})
    for index, retailer in enumerate(names):
        for week in range(weeks):
            for k in range(per_week):
                book.plans.append(_plan(rng, retailer, index, week, k))
    return book


def _plan(rng: random.Random, retailer: str, index: int, week: int, k: int) -> Plan:
    day = START + dt.timedelta(weeks=week, days=k % 5)
    received = dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)
    ordered = (rng.randint(6, 24), rng.randint(6, 24))
    plan = Plan(
        retailer=retailer,
        number=f"{index + 1}{week:02d}{k:04d}",
        received=received,
        not_before=day + dt.timedelta(days=3),
        no_later=day + dt.timedelta(days=10),
        ordered=ordered,
        prices=(Decimal("54.50"), Decimal("60.00")),
    )
    draw = rng.random
    if draw() < 0.02:
        plan.cancelled = True
        plan.ack_hours = None
        return plan
    plan.ack_hours = None if draw() < 0.05 else (72 if draw() < 0.12 else 24)
    if draw() < 0.05:
        return plan  # never shipped
    timing = draw()
    offset = -1 if timing < 0.05 else 2 if timing < 0.15 else rng.randint(0, 7)
    plan.shipped_on = (
        plan.not_before + dt.timedelta(days=offset)
        if offset < 0
        else plan.no_later + dt.timedelta(days=offset)
        if offset == 2 and timing < 0.15
        else plan.not_before + dt.timedelta(days=offset)
    )
    quantity = draw()
    if quantity < 0.10:
        plan.shipped = (ordered[0] - 2, ordered[1])  # short
    elif quantity < 0.15:
        plan.shipped = (ordered[0], ordered[1] + 2)  # over
    else:
        plan.shipped = ordered
    plan.asn_hours = 30 if draw() < 0.10 else 2
    plan.bad_sscc = draw() < 0.05
    plan.bad_total = draw() < 0.05
    return plan


# -- writing ----------------------------------------------------------------------------------
def write_book_files(book: Book, folder: Path) -> list[tuple[Path, Path]]:
    """The files to add, in the order to add them, each with the profile of its retailer
    (``r<n>.yaml``: its fees)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number, retailer in enumerate(book.retailers):
        plans = [p for p in book.plans if p.retailer == retailer]
        rules = folder / f"r{number}.yaml"
        rules.write_text(profile(f"retailer-{number}", retailer, book.fee_scale[retailer]))
        kinds = {
            "850": [_order(p) for p in plans],
            "850-cancel": [_cancellation(p) for p in plans if p.cancelled],
            "855": [_acknowledgment(p) for p in plans if p.ack_hours is not None],
            "856": [_ship_notice(p) for p in plans if p.shipped_on is not None],
            "810": [_invoice(p) for p in plans if p.shipped_on is not None],
        }
        for kind, documents in kinds.items():
            path = folder / f"r{number}-{kind}.edi"
            path.write_text(_interchange(retailer, kind[:3], documents))
            files.append((path, rules))
    return files


def profile(identifier: str, retailer: str, scale: int) -> str:
    title = retailer.replace("'", "''")
    lines = [f"id: {identifier}", f"title: '{title}'", "extends: x12", "rules:"]
    for code, (amount, per) in FEES.items():
        fee = f"{{amount: {Decimal(amount) * scale}, per: {per}, currency: USD}}"
        if code in NAMED:
            lines += [f"  - use: {NAMED[code]}", f"    with: {{hours: {WINDOWS[code]}}}"]
        else:
            lines += [f"  - code: {code}"]
        lines += [f"    chargeback: {fee}"]
    return "\n".join(lines) + "\n"


Document = tuple[dt.datetime, list[str]]  # when its group is dated, its segments (ST..SE)


def _interchange(retailer: str, set_id: str, documents: list[Document]) -> str:
    sender, receiver = (retailer, BRAND) if set_id == "850" else (BRAND, retailer)
    group_id = {"850": "PO", "855": "PR", "856": "SH", "810": "IN"}[set_id]
    segments = [
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender:<15}*ZZ*{receiver:<15}*260105*0900*U*00401"
        "*000000001*0*P*>"
    ]
    for number, (moment, body) in enumerate(documents, start=1):
        segments.append(
            f"GS*{group_id}*{sender}*{receiver}*{moment:%Y%m%d}*{moment:%H%M}*{number}*X*004010"
        )
        segments += [*body, f"GE*1*{number}"]
    segments.append(f"IEA*{len(documents)}*000000001")
    return "~\n".join(segments) + "~\n"


def _set(set_id: str, body: list[str]) -> list[str]:
    return [f"ST*{set_id}*0001", *body, f"SE*{len(body) + 2}*0001"]


def upc(plan: Plan, line: int) -> str:
    body = f"0{plan.number}{line}".ljust(11, "0")[:11]
    return body + str(check_digit(body))


def _order(plan: Plan) -> Document:
    body = [
        f"BEG*00*SA*{plan.number}**{plan.received:%Y%m%d}",
        f"DTM*037*{plan.not_before:%Y%m%d}",
        f"DTM*038*{plan.no_later:%Y%m%d}",
        f"N1*ST*{plan.retailer} DC*92*0042",
        *(
            f"PO1*{n + 1}*{plan.ordered[n]}*PR*{plan.prices[n]}**UP*{upc(plan, n)}"
            for n in range(2)
        ),
        f"CTT*2*{sum(plan.ordered)}",
    ]
    return plan.received, _set("850", body)


def _cancellation(plan: Plan) -> Document:
    """The PO again with BEG01 01: the retailer cancels it an hour after sending it."""
    moment, body = _order(plan)
    body = [body[0], body[1].replace("BEG*00*", "BEG*01*", 1), *body[2:]]
    return moment + dt.timedelta(hours=1), body


def _acknowledgment(plan: Plan) -> Document:
    assert plan.ack_hours is not None
    body = [f"BAK*00*AC*{plan.number}*{plan.received:%Y%m%d}"]
    for n in range(2):
        body += [
            f"PO1*{n + 1}*{plan.ordered[n]}*PR*{plan.prices[n]}**UP*{upc(plan, n)}",
            f"ACK*IA*{plan.ordered[n]}*PR",
        ]
    body.append("CTT*2")
    return plan.received + dt.timedelta(hours=plan.ack_hours), _set("855", body)


def sscc(plan: Plan, carton: int, wrong: bool = False) -> str:
    body = f"0081234{plan.number}{carton}".ljust(17, "0")[:17]
    digit = (check_digit(body) + (1 if wrong else 0)) % 10
    return f"00{body}{digit}"


def _ship_notice(plan: Plan) -> Document:
    moment = plan.ship_moment
    body = [
        f"BSN*00*ASN{plan.number}*{moment:%Y%m%d}*{moment:%H%M}*0001",
        "HL*1**S",
        f"DTM*011*{moment:%Y%m%d}*{moment:%H%M}",
        "HL*2*1*O",
        f"PRF*{plan.number}",
    ]
    for n in range(2):
        pack, item = 3 + 2 * n, 4 + 2 * n
        body += [
            f"HL*{pack}*2*P",
            f"MAN*GM*{sscc(plan, n, plan.bad_sscc)}",
            f"HL*{item}*{pack}*I",
            f"LIN**UP*{upc(plan, n)}",
            f"SN1**{plan.shipped[n]}*PR",
        ]
    body.append(f"CTT*6*{sum(plan.shipped)}")
    sent = moment + dt.timedelta(hours=plan.asn_hours)
    return sent, _set("856", body)


def _invoice(plan: Plan) -> Document:
    sent = plan.ship_moment + dt.timedelta(days=1)
    total = sum(q * p for q, p in zip(plan.shipped, plan.prices, strict=True))
    cents = int(total * 100) + (1 if plan.bad_total else 0)
    body = [
        f"BIG*{sent:%Y%m%d}*INV{plan.number}*{plan.received:%Y%m%d}*{plan.number}",
        *(
            f"IT1*{n + 1}*{plan.shipped[n]}*PR*{plan.prices[n]}**UP*{upc(plan, n)}"
            for n in range(2)
        ),
        f"TDS*{cents}",
        f"CTT*2*{sum(plan.shipped)}",
    ]
    return sent, _set("810", body)


def codes_of(book: Book) -> Iterator[tuple[Plan, str, str]]:
    """Every finding the book should record: (PO, document kind, code)."""
    for plan in book.plans:
        if plan.cancelled:
            continue
        for kind in ("855", "856", "810"):
            for code in plan.findings(kind):
                yield plan, kind, code


# -- the ground truth ------------------------------------------------------------------------
def expected_figures(book: Book) -> dict[tuple[str, str], Figures]:
    """Every figure of the scorecard by (retailer, ISO week of the PO's ship-no-later date),
    from the plans alone: what a correct scorecard must say."""
    figures: dict[tuple[str, str], Figures] = defaultdict(Figures)
    for plan in book.plans:
        f = figures[(plan.retailer, _week(plan.no_later))]
        if plan.cancelled:
            f.cancelled += 1
            continue
        _order_figures(f, plan)
    scale = book.fee_scale
    charged: set[tuple[str, str, str]] = set()
    for plan, kind, code in codes_of(book):
        f = figures[(plan.retailer, _week(plan.no_later))]
        f.chargebacks += 1
        amount, per = FEES[code]
        key = (
            (code, plan.number, kind)
            if per != "finding"
            else (code, plan.number, str(f.chargebacks))
        )
        if per == "order":
            key = (code, plan.number, "order")
        if key in charged and per != "finding":
            continue
        charged.add(key)
        f.exposure["USD"] = (
            f.exposure.get("USD", Decimal(0)) + Decimal(amount) * scale[plan.retailer]
        )
    return figures


def _order_figures(f: Figures, plan: Plan) -> None:
    f.orders += 1
    f.acknowledged += int(plan.ack_hours is not None)
    f.acknowledged_on_time += int(
        plan.ack_hours is not None and plan.ack_hours <= WINDOWS["EDI615"]
    )
    shipped = plan.shipped_on is not None
    on_time = shipped and not plan.early and not plan.late
    f.shipped += int(shipped)
    f.shipped_on_time += int(on_time)
    in_full = all(s >= o for s, o in zip(plan.shipped, plan.ordered, strict=True))
    f.in_full += int(in_full)
    f.otif += int(in_full and on_time)
    for ordered, sent in zip(plan.ordered, plan.shipped, strict=True):
        f.lines += 1
        f.lines_in_full += int(sent >= ordered)
        f.lines_over += int(sent > ordered)
        f.units_ordered += ordered
        f.units_shipped += sent
        f.units_filled += min(sent, ordered)
        f.units_over += max(sent - ordered, 0)
    if shipped:
        errors = plan.findings("856")
        f.asns += 1
        f.asn_findings += len(errors)
        f.asns_clean += int(not errors)
        f.shipments += 1
        f.shipments_on_time += int(plan.asn_hours <= WINDOWS["EDI616"])
        invoice = plan.findings("810")
        f.invoices += 1
        f.invoice_findings += len(invoice)
        f.invoices_clean += int(not invoice)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"
