"""Turn what ``edikit.validate`` found into the reporters' input (:mod:`results`), keeping
only the codes a :class:`~edikit.rules.engine.Selection` allows."""

from __future__ import annotations

from edikit.io.envelope import X12File
from edikit.location import Location
from edikit.report.results import DocumentResult, FileResult
from edikit.rules.engine import Selection
from edikit.rules.registry import make_violation
from edikit.rules.violation import Violation

EVERYTHING = Selection()


def file_result(x12: X12File, selection: Selection = EVERYTHING) -> FileResult:
    documents = [
        DocumentResult(
            name=f"{tx.set_id} {tx.control_number}",
            set_id=tx.set_id,
            control_number=tx.control_number,
            interchange_control=tx.context.interchange_control,
            group_control=tx.context.group_control,
            line=tx.header.line or None,
            violations=sorted(selection.apply(tx.violations), key=_input_order),
        )
        for tx in x12.transactions
    ]
    return FileResult(
        path=x12.name or "<input>", violations=selection.apply(x12.violations), documents=documents
    )


def _input_order(violation: Violation) -> tuple[int, int, int]:
    location = violation.location
    return (location.offset or 0, location.element or 0, location.component or 0)


def unreadable_result(path: str, reason: str) -> FileResult:
    violation = make_violation("EDI005", reason, Location(file=path))
    return FileResult(path=path, violations=[violation], error=reason)
