"""A rule in Python: purchase orders must name a department (REF*DP). The rule itself is
described in ``catalog/ACME001/`` as edikit's own rules are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from edikit.grammar.transaction import ParsedTransaction
from edikit.vocabulary import Problem


class AcmeRules:
    catalog = Path(__file__).resolve().parent / "catalog"

    def check(self, parsed: ParsedTransaction) -> Iterator[Problem]:
        if parsed.set_id != "850":
            return
        if not any(s.tag == "REF" and s[1] == "DP" for s in parsed.segments):
            yield Problem("ACME001", parsed.context.locate(parsed.header))


plugin = AcmeRules()
