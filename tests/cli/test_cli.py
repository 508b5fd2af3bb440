"""The command line: output for people and programs, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from edikit.cli import main
from tests.helpers import interchange


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def test_parse_text_clean_file_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, "po.edi", interchange())
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert "850 0001" in result.output and "BEG*00*SA*PO1**20240105" in result.output


def test_parse_json_is_the_documented_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "po.edi", interchange())
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(path)])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["schema"] == "edikit.parse/1"
    (file,) = document["files"]
    transaction = file["interchanges"][0]["groups"][0]["transactions"][0]
    assert transaction["set_id"] == "850"
    assert transaction["segments"][1] == {
        "id": "BEG",
        "elements": ["00", "SA", "PO1", "", "20240105"],
        "position": 2,
        "index": 3,
        "line": 4,
        "column": 1,
        "offset": interchange().index("BEG"),
    }
    assert file["violations"] == []
    document = transaction["document"]
    assert (document["type"], document["number"], document["date"]) == (
        "PurchaseOrder", "PO1", "2024-01-05",
    )  # fmt: skip
    assert document["lines"][0]["quantity"] == "1"


def test_violations_exit_1_and_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.edi", interchange().replace("SE*4*", "SE*5*"))
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(path)])
    assert result.exit_code == 1
    (violation,) = json.loads(result.output)["files"][0]["violations"]
    assert violation["code"] == "EDI132"
    assert violation["location"]["line"] == 6 and violation["location"]["element"] == 1
    text = CliRunner().invoke(main, ["parse", str(path)])
    assert text.exit_code == 1 and "EDI132" in text.output and "bad.edi:6:4" in text.output


def test_fail_on_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "po.edi", interchange(functional_id="SH"))
    assert CliRunner().invoke(main, ["parse", str(path)]).exit_code == 0
    assert CliRunner().invoke(main, ["parse", "--fail-on", "warning", str(path)]).exit_code == 1


def test_unreadable_inputs_exit_3(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["parse", str(tmp_path / "missing.edi")])
    assert missing.exit_code == 3 and "cannot read" in missing.output
    as_json = CliRunner().invoke(main, ["parse", "--format", "json", str(tmp_path / "gone")])
    (entry,) = json.loads(as_json.stdout)["files"]
    assert [v["code"] for v in entry["violations"]] == ["EDI005"]
    not_x12 = write(tmp_path, "note.txt", "hello")
    assert CliRunner().invoke(main, ["parse", str(not_x12)]).exit_code == 3


def test_usage_error_exits_2() -> None:
    assert CliRunner().invoke(main, ["parse", "--format", "xml", "x"]).exit_code == 2
    assert CliRunner().invoke(main, ["parse"]).exit_code == 2
