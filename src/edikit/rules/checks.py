"""Every check edikit runs on a transaction set after its structure: the standard's element
rules (EDI3xx) and the business rules (EDI5xx)."""

from __future__ import annotations

from edikit.io.envelope import Transaction
from edikit.rules.engine import check_elements


def check_transaction(transaction: Transaction) -> None:
    check_elements(transaction)
