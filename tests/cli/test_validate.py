"""``edikit validate``: formats, selection, exit codes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit.cli import main

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
THREE_FAULTS = FIXTURES / "structure" / "850-three-faults.edi"
CLEAN = FIXTURES / "samples" / "856-pick-pack.edi"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.output


def test_clean_file_exits_0() -> None:
    code, output = run(str(CLEAN))
    assert code == 0 and "no problems" in output


def test_text_report_shows_the_segment_and_marks_the_element() -> None:
    code, output = run(str(THREE_FAULTS))
    assert code == 1
    assert "EDI201" in output and "EDI203" in output and "EDI204" in output
    assert ">     5 | ZZZ*1" in output  # the segment, between its neighbours
    assert "3 errors" in output


def test_text_report_marks_the_element(corpus: Path) -> None:
    code, output = run(str(corpus / "olmelabs__EdiEngine/850.SyntaxNotes.ERR.edi"))
    assert code == 1
    lines = output.splitlines()
    marked = lines.index(next(line for line in lines if "PO1*1*120*EA*9.25*TE*CB**PR" in line))
    assert lines[marked + 1].strip() == "^"  # under the empty PO107


def test_json_report(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, _ = run("--format", "json", "-o", str(out), str(THREE_FAULTS))
    assert code == 1
    report = json.loads(out.read_text())
    assert report["schema"] == "edikit.validate/1"
    assert report["summary"]["error"] == 3
    (document,) = report["files"][0]["documents"]
    assert [v["code"] for v in document["violations"]] == ["EDI204", "EDI201", "EDI203"]


def test_select_ignore_and_fail_on() -> None:
    code, output = run("--format", "json", "--select", "EDI201", str(THREE_FAULTS))
    violations = json.loads(output)["files"][0]["documents"][0]["violations"]
    assert [v["code"] for v in violations] == ["EDI201"] and code == 1
    code, output = run("--format", "json", "--ignore", "EDI2", str(THREE_FAULTS))
    assert json.loads(output)["summary"]["error"] == 0 and code == 0
    code, _ = run("--select", "EDI9", str(THREE_FAULTS))
    assert code == 2  # not a code prefix edikit has


def test_sarif_and_junit() -> None:
    code, output = run("--format", "sarif", str(THREE_FAULTS))
    sarif = json.loads(output)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["EDI204", "EDI201", "EDI203"]
    code, output = run("--format", "junit", str(THREE_FAULTS), str(CLEAN))
    assert code == 1
    suites = ET.fromstring(output)
    assert suites.tag == "testsuites" and int(suites.get("failures", "0")) == 1


def test_directory_and_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.edi").write_bytes(CLEAN.read_bytes())
    (folder / "b.edi").write_bytes(THREE_FAULTS.read_bytes())
    code, output = run("--format", "json", str(folder))
    assert code == 1 and len(json.loads(output)["files"]) == 2
    code, output = run("--format", "json", str(tmp_path / "missing.edi"))
    assert code == 3
    assert json.loads(output)["files"][0]["violations"][0]["code"] == "EDI005"


def test_edi_engine_syntax_note_errors(corpus: Path) -> None:
    """EdiEngine SyntaxNote_Edi850Fail: exactly 3 errors, P0607 at segment 13, C0506 and
    P0607 at segment 30."""
    x12 = edikit.validate(corpus / "olmelabs__EdiEngine/850.SyntaxNotes.ERR.edi")
    errors = [v for v in x12.all_violations() if v.severity is edikit.Severity.ERROR]
    found = [
        (v.location.segment_position, re.findall(r"\(([PC]\d+)\)", v.message)[0]) for v in errors
    ]
    assert sorted(found) == sorted([(13, "P0607"), (30, "C0506"), (30, "P0607")])


@pytest.mark.parametrize("name", ["850-clean", "856-clean", "810-clean", "855-clean"])
def test_clean_bases_validate_clean(name: str) -> None:
    x12 = edikit.validate(FIXTURES / "structure" / f"{name}.edi")
    assert [v for v in x12.all_violations() if v.severity.rank >= 1] == []


def test_streamed_json_keeps_the_shape_of_validate_json(tmp_path: Path) -> None:
    """The JSON the command writes as it goes is validate_json's, plus the caps' fields."""
    from edikit.report.json_report import validate_json

    code, output = run("--format", "json", str(THREE_FAULTS), str(CLEAN))
    assert code == 1
    streamed = json.loads(output)
    assert streamed.pop("max_findings") == {"per_file": 10_000, "per_rule": 1_000}
    assert streamed.pop("omitted") == 0
    for file in streamed["files"]:
        assert file.pop("omitted") == []
    rules = edikit.ruleset(min_severity="warning")
    results = [edikit.validate_file(p, rules, name=str(p)) for p in (THREE_FAULTS, CLEAN)]
    expected = validate_json(results)
    del expected["max_findings"], expected["omitted"]
    for file in expected["files"]:
        del file["omitted"]
    assert streamed == expected
