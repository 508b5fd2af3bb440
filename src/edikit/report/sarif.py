"""Violations as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run per call: ``tool.driver.rules`` holds a descriptor for each code that occurs, one
artifact stands for each input file, and each violation becomes one result. The mapping is
documented in ``docs/report-formats.md``.

GitHub code scanning rejects a whole upload when one result has no physical location, or a
region it cannot turn into a line, so every result names its file and a region is written only
when the line is known. Whatever SARIF has no slot for stays in ``result.properties.location``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from edikit._version import __version__
from edikit.location import Location
from edikit.quoting import bounded
from edikit.report.limits import NO_LIMITS, FindingLimits, omitted_note
from edikit.rules.registry import REGISTRY, Rule
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity, Violation

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
# The key is versioned: if the recipe below ever changes, the key changes with it, so code
# scanning opens new alerts instead of silently matching old ones to different findings.
FINGERPRINT_KEY = "edikitViolation/v1"
_ACK_FIELDS = ("ta1", "ak905", "ak502", "ak304", "ak403")
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

JsonObject = dict[str, Any]


def to_sarif(
    results: list[FileResult],
    *,
    tool_version: str | None = None,
    limits: FindingLimits = NO_LIMITS,
) -> JsonObject:
    """The SARIF log for ``results``: one run, one result per violation (:func:`write_sarif`
    writes the same without holding it all in memory)."""
    run = _run(results, tool_version, limits)
    run["results"] = list(_results(results))
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def write_sarif(
    results: list[FileResult],
    out: IO[str],
    *,
    tool_version: str | None = None,
    limits: FindingLimits = NO_LIMITS,
) -> None:
    """Write the SARIF log for ``results`` to ``out``, one result at a time."""
    run = _run(results, tool_version, limits)
    head = json.dumps({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION}, indent=2)
    out.write(head[:-2] + ',\n  "runs": [\n    {\n')
    for key, value in run.items():
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n      ")
        out.write(f"      {json.dumps(key)}: {text},\n")
    out.write('      "results": [')
    for number, result in enumerate(_results(results)):
        text = json.dumps(result, indent=2, ensure_ascii=False).replace("\n", "\n        ")
        out.write(("," if number else "") + "\n        " + text)
    out.write("\n      ]\n    }\n  ]\n}\n")


def _run(results: list[FileResult], tool_version: str | None, limits: FindingLimits) -> JsonObject:
    codes = sorted({v.code for result in results for v in result.all_violations()})
    run: JsonObject = {
        "tool": {
            "driver": {
                "name": "edikit",
                "version": tool_version or __version__,
                "rules": [_rule_descriptor(code) for code in codes],
            }
        },
        "invocations": [_invocation(results, limits)],
        "artifacts": [_artifact(result.path) for result in results],
        # edikit reads X12 one byte per character, so a column is a code point as well.
        "columnKind": "unicodeCodePoints",
    }
    omitted = [
        {"file": r.path, "code": o.code, "severity": o.severity.value, "count": o.count}
        for r in results
        for o in r.omitted
    ]
    if omitted:
        run["properties"] = {
            "omitted": omitted,
            "maxFindings": {"perFile": limits.per_file, "perRule": limits.per_rule},
        }
    return run


def _results(results: list[FileResult]) -> Iterator[JsonObject]:
    codes = sorted({v.code for result in results for v in result.all_violations()})
    rule_index = {code: index for index, code in enumerate(codes)}
    for file_index, result in enumerate(results):
        for violation in result.all_violations():
            yield _result(violation, file_index, result.path, rule_index)


def artifact_uri(path: str) -> str:
    """``path`` as a URI reference: forward slashes, and percent-escapes for the characters a
    URI cannot hold (spaces, ``%``, ``#``, ``?``, non-ASCII)."""
    return quote(Path(path).as_posix(), safe="/:@!$&'()*+,;=")


def fingerprint(violation: Violation, path: str) -> str:
    """A stable identity for one finding: the code and where it is, by control numbers and
    positions rather than lines, so that an edit elsewhere in the file keeps the alert."""
    loc = violation.location
    parts = (
        violation.code,
        artifact_uri(path),
        loc.interchange_control,
        loc.group_control,
        loc.transaction_set,
        loc.transaction_control,
        loc.segment_position,
        loc.segment_id,
        loc.element,
        loc.component,
    )
    # The unit separator cannot occur in a path or a control number, so fields cannot run
    # into one another ("1"+"23" vs "12"+"3").
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def logical_name(location: Location) -> tuple[str, str] | None:
    """``interchange 000000001/group 1/850 0001/segment 12 PO1/element 3`` and its kind, or
    ``None`` when the location names no envelope, segment or element."""
    parts = _envelope_parts(location) + _segment_parts(location)
    if not parts:
        return None
    if location.element is not None:
        kind = "element"
    elif location.segment_id is not None:
        kind = "segment"
    else:
        kind = "module"
    return "/".join(parts), kind


def _envelope_parts(location: Location) -> list[str]:
    parts = []
    if location.interchange_control is not None:
        parts.append(f"interchange {location.interchange_control}")
    elif location.interchange is not None:
        # The index is 0-based and "#" keeps it from reading as a control number.
        parts.append(f"interchange #{location.interchange + 1}")
    if location.group_control is not None:
        parts.append(f"group {location.group_control}")
    elif location.group is not None:
        parts.append(f"group #{location.group + 1}")
    set_id, control = location.transaction_set, location.transaction_control
    if set_id is not None and control is not None:
        parts.append(f"{set_id} {control}")  # as DocumentResult.name reads: "850 0001"
    elif control is not None:
        parts.append(f"transaction {control}")
    elif set_id is not None:
        parts.append(set_id)
    elif location.transaction is not None:
        parts.append(f"transaction #{location.transaction + 1}")
    return parts


def _segment_parts(location: Location) -> list[str]:
    parts = []
    if location.segment_id is not None:
        position = location.segment_position
        prefix = "segment" if position is None else f"segment {position}"
        parts.append(f"{prefix} {location.segment_id}")
    for label, value in (
        ("element", location.element),
        ("component", location.component),
        ("repetition", location.repetition),
    ):
        if value is not None:
            parts.append(f"{label} {value}")
    return parts


def _rule_descriptor(code: str) -> JsonObject:
    rule = REGISTRY.get(code)
    if rule is None:
        # A code from outside the registry (a plug-in, a newer profile) still needs a
        # descriptor, or ruleIndex would point nowhere.
        return {"id": code}
    descriptor: JsonObject = {
        "id": code,
        "name": _pascal_case(rule.name),
        "shortDescription": {"text": rule.title},
        "help": {"text": rule.hint},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }
    rationale = getattr(rule, "rationale", None)
    if rationale:
        descriptor["fullDescription"] = {"text": str(rationale)}
    properties = _ack_codes(rule)
    if properties:
        descriptor["properties"] = properties
    return descriptor


def _ack_codes(rule: Rule) -> dict[str, str]:
    """The TA1/997/999 codes the rule maps to; getattr keeps this working if the registry
    drops or renames a column."""
    found = {name: getattr(rule, name, None) for name in _ACK_FIELDS}
    return {name: str(value) for name, value in found.items() if value is not None}


def _pascal_case(name: str) -> str:
    """``isa-not-fixed-width`` -> ``IsaNotFixedWidth``: SARIF asks for an identifier."""
    return "".join(word[:1].upper() + word[1:] for word in name.replace("_", "-").split("-"))


def _artifact(path: str) -> JsonObject:
    return {"location": {"uri": artifact_uri(path)}, "roles": ["analysisTarget"]}


def _result(
    violation: Violation, file_index: int, path: str, rule_index: dict[str, int]
) -> JsonObject:
    return {
        "ruleId": violation.code,
        "ruleIndex": rule_index[violation.code],
        "level": _LEVELS[violation.severity],
        "message": {"text": bounded(violation.message)},
        "locations": [_location(violation.location, file_index, path)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(violation, path)},
        "properties": _result_properties(violation),
    }


def _location(location: Location, file_index: int, path: str) -> JsonObject:
    physical: JsonObject = {"artifactLocation": {"uri": artifact_uri(path), "index": file_index}}
    region = _region(location)
    if region:
        physical["region"] = region
    sarif_location: JsonObject = {"physicalLocation": physical}
    logical = logical_name(location)
    if logical is not None:
        name, kind = logical
        entry = {"fullyQualifiedName": name, "kind": kind}
        if location.reference():
            entry["name"] = location.reference()
        sarif_location["logicalLocations"] = [entry]
    return sarif_location


def _region(location: Location) -> JsonObject:
    """Line, column and byte offset; empty without a line, since GitHub code scanning refuses
    a region it cannot place on a line (the offset is kept in the properties)."""
    if location.line is None:
        return {}
    region: JsonObject = {"startLine": location.line}
    if location.column is not None:
        region["startColumn"] = location.column
    if location.offset is not None:
        region["byteOffset"] = location.offset
    return region


def _result_properties(violation: Violation) -> JsonObject:
    properties: JsonObject = {
        "location": violation.location.model_dump(mode="json", exclude_none=True),
        "source": violation.source,
    }
    if violation.hint is not None:
        properties["hint"] = violation.hint
    if violation.citation is not None:
        properties["citation"] = violation.citation
    if violation.rule_id and violation.rule_id != violation.code:
        properties["rule_id"] = violation.rule_id  # the guideline's own number for the rule
    return properties


def _invocation(results: list[FileResult], limits: FindingLimits = NO_LIMITS) -> JsonObject:
    failed = [(index, result) for index, result in enumerate(results) if result.error]
    invocation: JsonObject = {"executionSuccessful": not failed}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{result.path}: {bounded(result.error or '')}"},
            "locations": [_location(Location(), index, result.path)],
        }
        for index, result in failed
    ]
    notifications += [
        {
            "level": "warning",
            "descriptor": {"id": "edikit.omitted-findings"},
            "message": {"text": f"{result.path}: {omitted_note(result, limits)}"},
            "locations": [_location(Location(), index, result.path)],
            "properties": {
                "omitted": [
                    {"code": o.code, "severity": o.severity.value, "count": o.count}
                    for o in result.omitted
                ]
            },
        }
        for index, result in enumerate(results)
        if result.omitted
    ]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
