"""``edikit profile test DIR``: a folder of sample documents, each with an expectation file,
checked against a profile, so a repository of profiles can gate every change.

For ``NAME.edi`` (or ``.x12``, ``.txt``) the expectation is ``NAME.expected.yaml``::

    profile: nordstrom-example      # an ID or a path (relative to the expectation file)
    violations:                     # every error and warning expected, in input order
      - {code: EDI401, segment: HL, position: 16, id: "4.2.1"}
      - {code: EDI409, segment: GS, element: 8}

Each expected finding names its code and may name its segment, position (in the transaction
set), element and rule id (``id``); only what it names is compared. An empty list means the
document must pass. A document without an expectation file fails. ``update=True`` writes each
expectation file from what was found (keeping the profile and the leading comment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from edikit.api import load_profile, validate
from edikit.errors import InputError, ProfileError, ProfileProblem
from edikit.io.datatypes import as_int
from edikit.location import Location
from edikit.profiles.loader import read_yaml
from edikit.quoting import quote
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity, Violation

DOCUMENT_SUFFIXES = (".edi", ".x12", ".txt")


@dataclass(frozen=True, slots=True)
class Expected:
    """One finding, as an expectation file states it or as found: what is None is not
    compared (an expectation that leaves out the element matches any element)."""

    code: str
    segment: str | None = None
    position: int | None = None
    element: int | None = None
    id: str | None = None

    def matches(self, found: Expected) -> bool:
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.code, found.code),
                (self.segment, found.segment),
                (self.position, found.position),
                (self.element, found.element),
                (self.id, found.id),
            )
        )

    def describe(self) -> str:
        """In words: ``EDI401 (rule 4.2.1) at HL, segment 16 of the set, element 03``."""
        where = []
        if self.segment is not None:
            where.append(f"at {self.segment}")
        if self.position is not None:
            where.append(f"segment {self.position} of the set")
        if self.element is not None:
            where.append(f"element {self.element:02d}")
        rule = f" (rule {self.id})" if self.id is not None and self.id != self.code else ""
        return f"{self.code}{rule} {', '.join(where)}".rstrip()

    def as_yaml(self) -> dict[str, object]:
        found: dict[str, object] = {"code": self.code}
        for name in ("segment", "position", "element"):
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        if self.id is not None and self.id != self.code:
            found["id"] = self.id
        return found


@dataclass(slots=True)
class CaseResult:
    document: Path
    expected: list[Expected] = field(default_factory=list)
    found: list[Expected] = field(default_factory=list)
    error: str | None = None
    profile_error: bool = False  # the error is the profile's (a configuration error)
    suppressed: set[str] = field(default_factory=set)  # codes a suppression removed
    suppressions: set[str] = field(default_factory=set)  # codes the profile suppresses
    updated: bool = False  # the expectation file was rewritten from what was found

    @property
    def passed(self) -> bool:
        if self.error is not None or len(self.expected) != len(self.found):
            return False
        return all(e.matches(f) for e, f in zip(self.expected, self.found, strict=True))


def run_folder(
    folder: Path, profile: str | None = None, *, update: bool = False
) -> list[CaseResult]:
    documents = sorted(p for p in folder.rglob("*") if p.suffix in DOCUMENT_SUFFIXES)
    return [run_case(document, profile, update=update) for document in documents]


def run_case(document: Path, profile: str | None = None, *, update: bool = False) -> CaseResult:
    result = CaseResult(document)
    expectation = document.with_suffix(".expected.yaml")
    if not expectation.exists():
        if not update or profile is None:
            result.error = f"no expectation file {expectation.name}"
            if update:
                result.error += " (--update needs --profile to write a new one)"
            return result
        expectation.write_text(f"profile: {profile}\nviolations: []\n", encoding="utf-8")
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
        Expected(
            v.code,
            v.location.segment_id,
            v.location.segment_position,
            v.location.element,
            v.rule_id,
        )
        for v in checked.all_violations()
        if v.severity.rank >= 1
    ]
    if update and not result.passed:
        write_expectation(expectation, result.found)
        result.expected, result.updated = list(result.found), True
    return result


def write_expectation(path: Path, found: list[Expected]) -> None:
    """Rewrite ``violations`` of an expectation file with what was found, keeping its leading
    comment lines and every other key."""
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    data = read_yaml(path) or {}
    data = data if isinstance(data, dict) else {}
    lines = [*comments]
    for key, value in data.items():
        if key != "violations":
            lines.append(yaml.safe_dump({key: value}, sort_keys=False).rstrip())
    if not found:
        lines.append("violations: []")
    else:
        lines.append("violations:")
        for item in found:
            flow = yaml.safe_dump(item.as_yaml(), default_flow_style=True, sort_keys=False)
            lines.append(f"  - {flow.strip()}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unused_suppressions(results: list[CaseResult]) -> list[str]:
    """Suppressed codes that removed nothing in any document of the run: stale entries."""
    declared = set().union(*(case.suppressions for case in results))
    used = set().union(*(case.suppressed for case in results))
    return sorted(declared - used)


def _expected(item: dict[str, object]) -> Expected:
    def number(name: str, what: str) -> int | None:
        value = item.get(name)
        if value is None:
            return None
        found = value if isinstance(value, int) else as_int(str(value))
        if found is None or isinstance(value, bool):
            raise ValueError(f"{name} {quote(str(value))} is not {what} (1, 2...)")
        return found

    segment, rule = item.get("segment"), item.get("id")
    return Expected(
        str(item["code"]),
        str(segment) if segment is not None else None,
        number("position", "a segment position"),
        number("element", "an element number"),
        str(rule) if rule is not None else None,
    )


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
    """What differed, in words: the findings expected and not found, those found and not
    expected (each with its rule id and place)."""
    missing = [e for e in case.expected if not any(e.matches(f) for f in case.found)]
    extra = [f for f in case.found if not any(e.matches(f) for e in case.expected)]
    parts = []
    if missing:
        parts.append("expected but not found: " + "; ".join(e.describe() for e in missing))
    if extra:
        parts.append("found but not expected: " + "; ".join(f.describe() for f in extra))
    if not parts:
        parts.append(
            "the same findings in another order: " + "; ".join(f.describe() for f in case.found)
        )
    return ". ".join(parts)
