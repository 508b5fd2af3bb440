"""What every cross-document check shares: the documents' facts as they arrive, the ledger of
what came before, where findings go, and how products and lines are matched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from edikit.io.datatypes import is_digits
from edikit.models.parts import BUYER_QUALIFIERS, GTIN_QUALIFIERS, VENDOR_QUALIFIERS
from edikit.rules.crossdoc.ledger import Ledger, Order
from edikit.rules.facts import DocumentFacts, OrderFacts, OrderLine, Place
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Argument, Problem, Resolve, Violation

ProductKey = tuple[str, str]

# The parameter of the over-shipment rule (EDI603, EDI619): asn.over_shipment.
OVER_SHIPMENT: Final = "EDI603"
# The timing rules and their limits (profile rules timing.*).
ACK_LATE: Final = "EDI615"
NOTICE_LATE: Final = "EDI616"
INVOICE_LATE: Final = "EDI617"


@dataclass(frozen=True, slots=True)
class Arrival:
    """A document's facts and when it arrived (its event time: the time it was received when
    that is known, else the date and time its sender put in the functional group)."""

    facts: DocumentFacts
    event_time: dt.datetime | None
    origin: int = 0  # which of the run's inputs it is from: its findings go there

    @classmethod
    def of(
        cls,
        facts: DocumentFacts,
        received: Mapping[str, dt.datetime] | None = None,
        origin: int = 0,
    ) -> Arrival:
        given = (received or {}).get(facts.file or "")
        return cls(facts, given if given is not None else facts.sent_at, origin)


class Checks:
    """One cross-document run: the rule set, the ledger, and the findings by document."""

    def __init__(self, rules: RuleSet, ledger: Ledger, resolve: Resolve | None = None) -> None:
        self.rules = rules
        self.ledger = ledger
        self._resolve = resolve or rules.resolve
        self.found: list[tuple[int, Violation]] = []  # by the origin of the document checked
        self.suppressed: list[tuple[int, str]] = []  # what the profile suppressed, likewise
        self.origin = 0
        self.current: DocumentFacts | None = None  # the document being checked
        self._no_orders_noted = False  # EDI621 said once: the set holds no purchase order
        percent = rules.params(OVER_SHIPMENT).get("tolerance_percent", 0)
        self.tolerance = 1 + _decimal(percent) / 100

    def emit(
        self, code: str, where: Place | None, variant: str = "default", /, **args: Argument
    ) -> None:
        if where is None:
            return
        if code in self.rules.suppressed:
            self.suppressed.append((self.origin, code))
            return
        if not self.rules.is_on(code) or self.current is None:
            return
        location = self.current.locate(where)
        violation = self._resolve(Problem(code, location, args, variant))
        if violation is not None:
            self.found.append((self.origin, violation))

    def limit(self, code: str, name: str) -> Decimal | None:
        """The limit a timing rule was given (None: the rule is off)."""
        if not self.rules.is_on(code):
            return None
        value = self.rules.params(code).get(name)
        return _decimal(value) if isinstance(value, int | float) else None

    def horizon(self, code: str) -> dt.timedelta | None:
        """How far back the order book looks for a number used before, when the profile says
        (``horizon_days`` of sscc.unique, asn.unique_shipment_id, invoice.unique_number)."""
        days = self.rules.params(code).get("horizon_days")
        return dt.timedelta(days=days) if isinstance(days, int) and days > 0 else None

    def link(self, facts: DocumentFacts, number: str, where: Place | None) -> Order | None:
        """The PO ``number`` names (EDI600 information), EDI601 when none is known, EDI620
        when it was cancelled."""
        order = self.ledger.order(number)
        if order is None:
            if self.ledger.is_record or self.ledger.has_orders():
                self.emit("EDI601", where, po=number)
            elif not self._no_orders_noted:  # a set of ship notices or invoices alone
                self._no_orders_noted = True
                self.emit("EDI621", where, set_id=facts.set_id, po=number)
            return None
        self.emit("EDI600", where, set_id=facts.set_id, po=number, order=order.describe())
        cancelled = self.ledger.cancellation(number)
        if cancelled is not None:
            self.emit("EDI620", where, po=number, where=cancelled)
        return order


def _decimal(value: object) -> Decimal:
    return Decimal(str(value)) if isinstance(value, int | float | Decimal) else Decimal(0)


def plain(number: Decimal) -> str:
    """24, not 24.0000 (a database's scale) nor 2.4E+1."""
    return format(number.normalize(), "f")


def matching_line(order: OrderFacts, ids: Mapping[str, str]) -> OrderLine | None:
    """The first PO line that shares a product key with ``ids``."""
    keys = product_keys(ids)
    for line in order.lines:
        if keys & product_keys(line.product_ids):
            return line
    return None


def order_keys(order: OrderFacts) -> set[ProductKey]:
    return {key for line in order.lines for key in product_keys(line.product_ids)}


def product_keys(ids: Mapping[str, str]) -> set[ProductKey]:
    """Comparable product keys: GS1 numbers as GTIN-14 (a UPC-A on the PO matches the same
    number sent as EAN-13 or GTIN-14 on the ship notice), vendor and buyer item numbers."""
    return set(_keys(ids))


def _keys(ids: Mapping[str, str]) -> Iterator[ProductKey]:
    for qualifier, value in ids.items():
        if qualifier in GTIN_QUALIFIERS and is_digits(value):
            yield ("gtin", value.zfill(14))
        elif qualifier in VENDOR_QUALIFIERS:
            yield ("vendor", value)
        elif qualifier in BUYER_QUALIFIERS:
            yield ("buyer", value)


def describe_ids(ids: Mapping[str, str]) -> str:
    return ", ".join(f"{q} {v}" for q, v in ids.items()) or "(no product ID)"


def hours(value: float) -> str:
    return f"{value:.1f} hours"


def when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
