"""``edikit profile test DIR``: a folder of sample documents, each with an expectation file,
checked against a profile, so a repository of profiles can gate every change.

For ``NAME.edi`` (or ``.x12``, ``.txt``) the expectation is ``NAME.expected.yaml``::

    profile: nordstrom-example      # an ID or a path (relative to the expectation file)
    violations:                     # every error and warning expected, in input order
      - {code: EDI401, segment: HL, position: 16}

An empty list means the document must pass. A document without an expectation file fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edikit.api import load_profile, validate
from edikit.errors import InputError, ProfileError, ProfileProblem
from edikit.io.datatypes import as_int
from edikit.location import Location
from edikit.profiles.loader import read_yaml
from edikit.quoting import quote
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity, Violation

DOCUMENT_SUFFIXES = (".edi", ".x12", ".txt")
Expected = tuple[str, str | None, int | None]


@dataclass(slots=True)
class CaseResult:
    document: Path
    expected: list[Expected] = field(default_factory=list)
    found: list[Expected] = field(default_factory=list)
    error: str | None = None
    profile_error: bool = False  # the error is the profile's (a configuration error)
    suppressed: set[str] = field(default_factory=set)  # codes a suppression removed
    suppressions: set[str] = field(default_factory=set)  # codes the profile suppresses

    @property
    def passed(self) -> bool:
        return self.error is None and self.expected == self.found


def run_folder(folder: Path, profile: str | None = None) -> list[CaseResult]:
    documents = sorted(p for p in folder.rglob("*") if p.suffix in DOCUMENT_SUFFIXES)
    return [run_case(document, profile) for document in documents]


def run_case(document: Path, profile: str | None = None) -> CaseResult:
    result = CaseResult(document)
    expectation = document.with_suffix(".expected.yaml")
    if not expectation.exists():
        result.error = f"no expectation file {expectation.name}"
        return result
    try:
        data = read_yaml(expectation) or {}
        if not isinstance(data, dict):
            raise ProfileError(
                ProfileProblem(str(expectation), "an expectation file is a mapping", 1, 1)
            )
        reference = profile or data.get("profile")
        if isinstance(reference, str) and reference.endswith((".yaml", ".yml")):
            reference = str((expectation.parent / reference).resolve())
        result.expected = [_expected(item) for item in data.get("violations") or []]
    except (ProfileError, KeyError, TypeError, ValueError) as exc:
        result.error = str(exc)
        return result
    try:
        resolved = load_profile(reference) if reference else None
    except ProfileError as exc:
        result.error, result.profile_error = str(exc), True
        return result
    try:
        checked = validate(document, profile=resolved)
    except InputError as exc:
        result.error = str(exc)
        return result
    result.suppressed = set(checked.suppressed)
    result.suppressions = {s.code for s in resolved.profile.suppress} if resolved else set()
    result.found = [
        (v.code, v.location.segment_id, v.location.segment_position)
        for v in checked.all_violations()
        if v.severity.rank >= 1
    ]
    return result


def unused_suppressions(results: list[CaseResult]) -> list[str]:
    """Suppressed codes that removed nothing in any document of the run: stale entries."""
    declared = set().union(*(case.suppressions for case in results))
    used = set().union(*(case.suppressed for case in results))
    return sorted(declared - used)


def _expected(item: dict[str, object]) -> Expected:
    position = item.get("position")
    segment = item.get("segment")
    number = position if isinstance(position, int) else as_int(str(position))
    if position is not None and (number is None or isinstance(position, bool)):
        raise ValueError(f"position {quote(str(position))} is not a segment position (1, 2...)")
    return (str(item["code"]), str(segment) if segment is not None else None, number)


def as_file_results(results: list[CaseResult]) -> list[FileResult]:
    """One JUnit-style result per document: a failure lists what differed."""
    reports = []
    for case in results:
        violations: list[Violation] = []
        if not case.passed:
            violations.append(
                Violation(
                    code="EDI005" if case.error else "EDI203",
                    severity=Severity.ERROR,
                    message=case.error or difference(case),
                    location=Location(file=str(case.document)),
                )
            )
        document = DocumentResult(
            set_id=case.document.name,
            control_number="",
            interchange=0,
            interchange_control="",
            group=None,
            group_control=None,
            transaction=None,
            violations=tuple(violations),
        )
        reports.append(FileResult(path=str(case.document), documents=(document,)))
    return reports


def difference(case: CaseResult) -> str:
    missing = [e for e in case.expected if e not in case.found]
    extra = [f for f in case.found if f not in case.expected]
    return f"expected but not found: {missing}; found but not expected: {extra}"
