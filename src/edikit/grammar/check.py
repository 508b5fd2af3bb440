"""Run the loop grammar on a transaction set read by the envelope stage."""

from __future__ import annotations

from edikit.grammar.hierarchy import build_hierarchy
from edikit.grammar.parse import parse_loops
from edikit.io.envelope import Transaction
from edikit.io.segment import Segment
from edikit.rules.registry import make_violation
from edikit.x12.structure import known_segments, resolve_version, structure


def check_structure(transaction: Transaction, warn_version: bool = True) -> None:
    """Attach the loop tree (``transaction.loop``) and structural violations (EDI2xx).

    ``warn_version`` reports (EDI208) that a group version edikit has no tables for is read
    through the nearest one; the caller passes False after the first set of a group.
    """
    context = transaction.context
    gs08 = context.version or ""
    version, exact = resolve_version(gs08)
    if not exact and warn_version:
        transaction.violations.append(
            make_violation(
                "EDI208",
                f"version {gs08!r} is read with the {version} segment tables",
                context.locate(transaction.header),
            )
        )
    compiled = structure(transaction.set_id, version)
    if compiled is None:
        transaction.violations.append(
            make_violation(
                "EDI207",
                f"no {version} segment table for transaction set {transaction.set_id!r}: "
                "its structure was not checked",
                context.locate(transaction.header, 1),
            )
        )
        return

    def report(
        code: str, message: str, segment: Segment, path: str | None, element: int | None = None
    ) -> None:
        location = context.locate(segment, element)
        if path:
            location = location.model_copy(update={"loop_path": path})
        transaction.violations.append(make_violation(code, message, location))

    transaction.loop = parse_loops(
        transaction.all_segments(), compiled, report, known_segments(version)
    )
    if transaction.set_id == "856":
        transaction.hierarchy = build_hierarchy(
            list(transaction.loop.loops("HL")),
            lambda code, message, segment, element: report(code, message, segment, "HL", element),
        )
