"""Every check edikit runs on a transaction set after its structure: the standard's element
rules (EDI3xx) and the business rules (EDI5xx)."""

from __future__ import annotations

from edikit.io.envelope import Transaction
from edikit.plugins import plugins
from edikit.rules.business.checks import DEFAULT_OPTIONS, BusinessOptions, check_business
from edikit.rules.engine import check_elements


def check_transaction(transaction: Transaction, options: BusinessOptions = DEFAULT_OPTIONS) -> None:
    check_elements(transaction)
    check_business(transaction, options)
    for check in plugins().checks:
        check(transaction)
