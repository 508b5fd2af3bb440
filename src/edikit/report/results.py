"""What a validation run hands to the reporters: per input file, the violations outside any
transaction set and, per transaction set (document), its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from edikit.rules.violation import Severity, Violation


@dataclass(slots=True)
class DocumentResult:
    """One transaction set: ``name`` reads ``850 0001`` (ST01 ST02)."""

    name: str
    set_id: str
    control_number: str
    interchange_control: str
    group_control: str | None
    line: int | None
    violations: list[Violation] = field(default_factory=list)


@dataclass(slots=True)
class FileResult:
    """One input. ``error`` is set when the file could not be read at all (then
    ``violations`` holds the EDI005 violation that says so)."""

    path: str
    violations: list[Violation] = field(default_factory=list)
    documents: list[DocumentResult] = field(default_factory=list)
    error: str | None = None

    def all_violations(self) -> list[Violation]:
        found = list(self.violations)
        for document in self.documents:
            found.extend(document.violations)
        return found

    def count(self, severity: Severity) -> int:
        return sum(1 for v in self.all_violations() if v.severity is severity)
