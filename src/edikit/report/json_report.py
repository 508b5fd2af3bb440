"""``edikit validate --format json`` (docs/validate-json.md), versioned by its ``schema``
field; fields are only ever added within one schema version."""

from __future__ import annotations

from typing import Any

from edikit.rules.result import FileResult
from edikit.vocabulary import Severity, Violation

VALIDATE_SCHEMA = "edikit.validate/1"
JsonObject = dict[str, Any]


def validate_json(results: list[FileResult]) -> JsonObject:
    files = [file_json(result) for result in results]
    total = {s.value: sum(r.count(s) for r in results) for s in Severity}
    return {"schema": VALIDATE_SCHEMA, "summary": total, "files": files}


def file_json(result: FileResult) -> JsonObject:
    return {
        "file": result.path,
        "error": result.error,
        "summary": {s.value: result.count(s) for s in Severity},
        "violations": [violation_to_json(v) for v in result.violations],
        "documents": [
            {
                "name": d.name,
                "set_id": d.set_id,
                "control_number": d.control_number,
                "interchange_control": d.interchange_control,
                "group_control": d.group_control,
                "line": d.line,
                "violations": [violation_to_json(v) for v in d.violations],
                "omitted": d.omitted,
            }
            for d in result.documents
        ],
        "suppressed": result.suppressed,
        "omitted": result.omitted,
    }


def violation_to_json(violation: Violation) -> JsonObject:
    """A finding as data: everything but the excerpt (which is for people)."""
    return violation.model_dump(mode="json", exclude_none=True, exclude={"excerpt"})
