"""How many findings a report lists: the caps the rule set applied (per file, per code), and
the note that says what they left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class FindingLimits:
    """At most ``per_rule`` findings of one code and ``per_file`` findings in all are listed
    for one file (``None``: no cap). The command line's defaults are :data:`DEFAULT_LIMITS`:
    400,000 bad segments in one file make a report of a few megabytes, not gigabytes."""

    per_file: int | None = 10_000
    per_rule: int | None = 1_000

    @classmethod
    def of(cls, rules: RuleSet) -> FindingLimits:
        return cls(rules.max_per_file, rules.max_per_rule)


DEFAULT_LIMITS: Final = FindingLimits()
NO_LIMITS: Final = FindingLimits(None, None)


def omitted_note(result: FileResult, limits: FindingLimits) -> str:
    """One line on what a file's report leaves out, for people."""
    codes = ", ".join(
        f"{item.count:,} {item.code} {item.severity.value}" for item in result.omitted
    )
    caps = []
    if limits.per_rule is not None:
        caps.append(f"{limits.per_rule:,} per code")
    if limits.per_file is not None:
        caps.append(f"{limits.per_file:,} per file")
    listed = f"the report lists at most {' and '.join(caps)}; " if caps else ""
    return (
        f"{result.omitted_count:,} more findings not listed ({codes}): {listed}"
        "--max-findings and --max-findings-per-rule raise the caps"
    )
