"""A rule in Python: purchase orders must name a department (REF*DP)."""

from __future__ import annotations

from typing import ClassVar

from edikit.io.envelope import Transaction
from edikit.rules.registry import Rule, make_violation
from edikit.rules.violation import Severity


class AcmeRules:
    rules: ClassVar[list[Rule]] = [
        Rule(
            "ACME001",
            "department-required",
            Severity.ERROR,
            "An ACME purchase order names its department in REF*DP.",
            "Add REF*DP with the department number.",
        )
    ]

    def check(self, transaction: Transaction) -> None:
        if transaction.set_id != "850":
            return
        if not any(s.tag == "REF" and s[1] == "DP" for s in transaction.segments):
            where = transaction.context.locate(transaction.header)
            transaction.violations.append(make_violation("ACME001", "no REF*DP", where))


plugin = AcmeRules()
