"""``edikit validate --format json`` (docs/validate-json.md), written as it goes: one violation
at a time to the output, never one document of every finding in memory first.

:func:`validate_json` builds the same document in memory, for small runs and tests.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import IO, Any

from edikit.quoting import bounded
from edikit.report.limits import NO_LIMITS, FindingLimits
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity, Violation

VALIDATE_SCHEMA = "edikit.validate/1"


def validate_json(results: list[FileResult], limits: FindingLimits = NO_LIMITS) -> dict[str, Any]:
    """The JSON report of ``results`` as a dict (what :func:`write_validate_json` writes)."""
    buffer = io.StringIO()
    write_validate_json(results, buffer, limits)
    loaded: dict[str, Any] = json.loads(buffer.getvalue())
    return loaded


def write_validate_json(
    results: list[FileResult], out: IO[str], limits: FindingLimits = NO_LIMITS
) -> None:
    """Write the JSON report of ``results`` to ``out``."""
    total = {s.value: sum(r.count(s) for r in results) for s in Severity}
    out.write("{\n")
    out.write(f'  "schema": {_dump(VALIDATE_SCHEMA)},\n')
    out.write(f'  "summary": {_dump(total, 1)},\n')
    caps = {"per_file": limits.per_file, "per_rule": limits.per_rule}
    out.write(f'  "max_findings": {_dump(caps, 1)},\n')
    out.write(f'  "omitted": {sum(r.omitted_count for r in results)},\n')
    out.write('  "files": [')
    for number, result in enumerate(results):
        out.write(",\n    {" if number else "\n    {")
        _write_file(result, out)
        out.write("\n    }")
    out.write("\n  ]\n}\n" if results else "]\n}\n")


def _write_file(result: FileResult, out: IO[str]) -> None:
    pad = " " * 6
    out.write(f'\n{pad}"file": {_dump(result.path)},')
    out.write(f'\n{pad}"error": {_dump(result.error)},')
    summary = {s.value: result.count(s) for s in Severity}
    out.write(f'\n{pad}"summary": {_dump(summary, 3)},')
    omitted = [
        {"code": item.code, "severity": item.severity.value, "count": item.count}
        for item in result.omitted
    ]
    out.write(f'\n{pad}"omitted": {_dump(omitted, 3)},')
    out.write(f'\n{pad}"suppressed": {_dump(result.suppressed, 3)},')
    out.write(f'\n{pad}"violations": ')
    _write_violations(result.violations, out, 3)
    out.write(f',\n{pad}"documents": [')
    for number, document in enumerate(result.documents):
        out.write(",\n        {" if number else "\n        {")
        inner = " " * 10
        head = {
            "name": document.name,
            "set_id": document.set_id,
            "control_number": document.control_number,
            "interchange_control": document.interchange_control,
            "group_control": document.group_control,
            "line": document.line,
        }
        for key, value in head.items():
            out.write(f"\n{inner}{_dump(key)}: {_dump(value)},")
        out.write(f'\n{inner}"violations": ')
        _write_violations(document.violations, out, 5)
        out.write("\n        }")
    out.write(f"\n{pad}]" if result.documents else "]")


def _write_violations(violations: Iterable[Violation], out: IO[str], level: int) -> None:
    pad = "  " * (level + 1)
    wrote = False
    for violation in violations:
        out.write(",\n" if wrote else "[\n")
        out.write(pad + _dump(violation_to_json(violation), level + 1))
        wrote = True
    out.write(f"\n{'  ' * level}]" if wrote else "[]")


def violation_to_json(violation: Violation) -> dict[str, Any]:
    """A violation as the JSON reports give it, its message bounded."""
    data = violation.model_dump(mode="json", exclude_none=True, exclude={"excerpt"})
    data["message"] = bounded(violation.message)
    return data


def _dump(value: object, level: int = 0) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level) if level else text
