"""Cross-document checking as a fold: each document's facts, in the order one order's
documents travel, checked against the ledger of what came before and then recorded in it.

Documents are linked by purchase order number: BEG03 (850), BAK03 (855), PRF01 of each order
level (856) and BIG04 (810). Each finding is reported on the later document, at the element
that breaks the rule, so it sits beside that document's own findings in every report. What
came before is a :class:`~edikit.rules.crossdoc.ledger.Ledger`: in memory for one set, or the
order book's for documents that arrive days apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from edikit.rules.crossdoc.acknowledgments import check_acknowledgment
from edikit.rules.crossdoc.context import Arrival, Checks
from edikit.rules.crossdoc.invoices import check_invoice
from edikit.rules.crossdoc.ledger import Ledger, Order
from edikit.rules.crossdoc.ship_notices import check_ship_notice
from edikit.rules.facts import (
    AcknowledgmentFacts,
    DocumentFacts,
    InvoiceFacts,
    OrderFacts,
    ShipNoticeFacts,
)
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Resolve

# BEG01 (353) 01: the 850 cancels the purchase order with its BEG03.
CANCELLATION: Final = "01"
# A set is checked in the order the documents of one order travel: purchase orders, then
# acknowledgments, ship notices, invoices (input order within each), so the order the files
# are named in does not matter, and adding them to a book in that order gives the same
# findings.
_FLOW: Final = {"850": 0, "855": 1, "856": 2, "810": 3}
_CHECKS: Final[dict[type[DocumentFacts], Callable[[Checks, Arrival], None]]] = {
    AcknowledgmentFacts: check_acknowledgment,
    ShipNoticeFacts: check_ship_notice,
    InvoiceFacts: check_invoice,
}


def flow_order(arrival: Arrival) -> int:
    return _FLOW.get(arrival.facts.set_id, len(_FLOW))


def check_arrivals(
    arrivals: Iterable[Arrival],
    rules: RuleSet,
    ledger: Ledger | None = None,
    resolve: Resolve | None = None,
) -> Checks:
    """Check ``arrivals`` together and against ``ledger`` (what came before; a new empty one
    by default): the run's EDI6xx findings and suppressed codes, each with the origin of the
    document it is on, and its ledger with them recorded."""
    checks = Checks(rules, ledger if ledger is not None else Ledger(), resolve)
    ordered = sorted(arrivals, key=flow_order)
    for arrival in ordered:
        record_order(checks.ledger, arrival)
    for arrival in ordered:
        check_arrival(checks, arrival)
    return checks


def record_order(ledger: Ledger, arrival: Arrival) -> None:
    """Make an 850 known to what comes after it (a cancellation marks its PO cancelled)."""
    facts = arrival.facts
    if isinstance(facts, OrderFacts) and facts.number:
        ledger.add_order(Order(facts, arrival.event_time))
        if facts.purpose == CANCELLATION:
            ledger.cancel(facts.number, facts.describe())


def check_arrival(checks: Checks, arrival: Arrival) -> None:
    """Check one document against the ledger and record its facts there."""
    check = _CHECKS.get(type(arrival.facts))
    if check is not None:
        checks.origin, checks.current = arrival.origin, arrival.facts
        check(checks, arrival)
