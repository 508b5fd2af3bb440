"""What validating one input gives: a :class:`FileResult`, immutable and plain data.

It holds every finding (outside any transaction set, and per document), the facts each
document states (:mod:`edikit.rules.facts`), a summary of the envelopes (who sent what to
whom, control numbers and counts), and what was left out: findings a profile suppressed and
findings past the caps. Reports, acknowledgments, the order book, cross-document rules and
the scorecard all read it; it pickles to another process or machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

from edikit.rules.facts import AnyFacts
from edikit.vocabulary import Severity, Violation


class Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GroupInfo(Result):
    """A functional group: GS01 functional ID, GS02/GS03 application sender and receiver,
    GS04/GS05 date and time, GS06 control number, GS08 version; GE01 as received (None
    without a GE) and the transaction sets it holds."""

    index: int
    interchange: int
    functional_id: str
    sender: str
    receiver: str
    date: str
    time: str
    control_number: str
    version: str
    declared: str | None = None
    transactions: int = 0


class InterchangeInfo(Result):
    """An interchange: ISA05/06 sender and ISA07/08 receiver (qualifier, ID), ISA09/10 date
    and time, ISA12 version, ISA13 control number, ISA15 usage (P, T, I), and its groups."""

    index: int
    sender: tuple[str, str]
    receiver: tuple[str, str]
    date: str
    time: str
    version: str
    control_number: str
    usage: str
    groups: tuple[GroupInfo, ...] = ()


class Omitted(Result):
    """Findings of one code and severity that the rule set's caps left out of a file's result
    (they still count: a left-out error still fails a run)."""

    code: str
    severity: Severity
    count: int


class DocumentResult(Result):
    """One transaction set: where it is, its findings, and its facts (for an 850, 855, 856 or
    810)."""

    set_id: str
    control_number: str
    implementation: str | None = None  # ST03
    interchange: int
    interchange_control: str
    group: int | None
    group_control: str | None
    transaction: int | None
    version: str = ""
    line: int | None = None
    segments: int = 0  # ST to SE, both counted
    violations: tuple[Violation, ...] = ()
    facts: AnyFacts | None = None

    @property
    def name(self) -> str:
        """``850 0001`` (ST01 ST02)."""
        return f"{self.set_id} {self.control_number}".strip()


class FileResult(Result):
    """One input. ``error`` is set when it could not be read at all (``violations`` then holds
    the EDI005 finding that says so)."""

    path: str
    codec: str = "latin-1"
    violations: tuple[Violation, ...] = ()
    documents: tuple[DocumentResult, ...] = ()
    interchanges: tuple[InterchangeInfo, ...] = ()
    segments: int = 0
    suppressed: dict[str, int] = {}
    omitted: tuple[Omitted, ...] = ()
    error: str | None = None

    def all_violations(self) -> list[Violation]:
        """Every finding, envelope-level first, then each document's, in input order."""
        found = list(self.violations)
        for document in self.documents:
            found.extend(document.violations)
        return sorted(found, key=_input_order)

    def count(self, severity: Severity) -> int:
        """Findings of ``severity`` listed (those left out past the caps are in ``omitted``)."""
        return sum(1 for v in self.iter_violations() if v.severity is severity)

    def iter_violations(self) -> Iterator[Violation]:
        yield from self.violations
        for document in self.documents:
            yield from document.violations

    @property
    def ok(self) -> bool:
        """No finding of severity error."""
        return not any(v.severity is Severity.ERROR for v in self.iter_violations())

    @property
    def facts(self) -> list[Any]:
        """The facts of every document that has them, in input order."""
        return [d.facts for d in self.documents if d.facts is not None]

    @property
    def omitted_count(self) -> int:
        """Findings left out past the caps."""
        return sum(o.count for o in self.omitted)

    def with_findings(
        self, found: Iterable[Violation], suppressed: Iterable[str] = ()
    ) -> FileResult:
        """A new result with ``found`` (cross-document findings) added to the documents they
        are about (by interchange, group and transaction set), the others at file level, and
        the codes of findings a profile ``suppressed`` counted."""
        extra = list(found)
        counted = Counter(self.suppressed)
        counted.update(suppressed)
        if not extra:
            return self.model_copy(update={"suppressed": dict(counted)}) if suppressed else self
        by_document: dict[tuple[int, int | None, int | None], list[Violation]] = {}
        loose: list[Violation] = []
        keys = {(d.interchange, d.group, d.transaction) for d in self.documents}
        for violation in extra:
            where = violation.location
            key = (where.interchange or 0, where.group, where.transaction)
            (by_document.setdefault(key, []) if key in keys else loose).append(violation)
        documents = tuple(
            d.model_copy(
                update={
                    "violations": tuple(
                        sorted(
                            (*d.violations, *by_document.get(_key(d), ())),
                            key=_input_order,
                        )
                    )
                }
            )
            if _key(d) in by_document
            else d
            for d in self.documents
        )
        return self.model_copy(
            update={
                "documents": documents,
                "violations": (*self.violations, *loose),
                "suppressed": dict(counted),
            }
        )


def _key(document: DocumentResult) -> tuple[int, int | None, int | None]:
    return (document.interchange, document.group, document.transaction)


def _input_order(violation: Violation) -> tuple[int, int, int]:
    location = violation.location
    offset = location.offset if location.offset is not None else -1
    return (offset, location.element or 0, location.component or 0)
