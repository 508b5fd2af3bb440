"""How a run picks its inputs and reports them, as linters do: folders read for their X12
files only, --include/--exclude and .gitignore, standard input, -q, --statistics,
--exit-zero, GitHub annotations, a total line, and settings from a configuration file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edikit.cli import main

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
CLEAN = FIXTURES / "samples" / "856-pick-pack.edi"
BROKEN = FIXTURES / "structure" / "850-missing-beg.edi"  # one EDI204
THREE_FAULTS = FIXTURES / "structure" / "850-three-faults.edi"


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder as users have them: X12 files among notes, data and a README."""
    root = tmp_path / "edi"
    (root / "inbound").mkdir(parents=True)
    shutil.copy(CLEAN, root / "asn.edi")
    shutil.copy(BROKEN, root / "inbound" / "po.txt")  # X12 without an X12 name: sniffed
    (root / "README.md").write_text("# Our EDI\n\nISA*00* is how every file starts.\n")
    (root / "partners.json").write_text('{"ISA": "ZZ"}\n')
    (root / "notes.yaml").write_text("ISA: 00\n")
    monkeypatch.chdir(tmp_path)  # no configuration file above
    return root


def test_a_folder_gives_its_x12_files_and_says_what_it_skipped(folder: Path) -> None:
    result = invoke("validate", "--format", "json", str(folder))
    report = json.loads(result.stdout)
    assert sorted(Path(f["file"]).name for f in report["files"]) == ["asn.edi", "po.txt"]
    assert result.exit_code == 1  # the EDI204 in po.txt, no longer hidden behind exit 3
    [note] = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert "3 not X12" in note and "README.md" in note and "partners.json" in note


def test_include_and_exclude_patterns(folder: Path) -> None:
    result = invoke("validate", "--format", "json", "--exclude", "inbound/", str(folder))
    assert [Path(f["file"]).name for f in json.loads(result.stdout)["files"]] == ["asn.edi"]
    assert "1 excluded (" in result.stderr and result.exit_code == 0
    result = invoke("validate", "--format", "json", "--include", "*.md", str(folder))
    names = sorted(Path(f["file"]).name for f in json.loads(result.stdout)["files"])
    assert names == ["README.md", "asn.edi", "po.txt"]  # asked for: read, and reported
    assert result.exit_code == 3


def test_a_file_named_on_the_command_line_is_always_read(folder: Path) -> None:
    result = invoke("validate", "--format", "json", str(folder / "README.md"))
    assert result.exit_code == 3
    assert json.loads(result.stdout)["files"][0]["violations"][0]["code"] == "EDI002"


def test_gitignore_of_the_repository_is_respected(folder: Path) -> None:
    (folder / ".git").mkdir()
    (folder / ".gitignore").write_text("inbound/\n")
    result = invoke("validate", "--format", "json", str(folder / "."))
    assert [Path(f["file"]).name for f in json.loads(result.stdout)["files"]] == ["asn.edi"]
    assert "1 in .gitignore" in result.stderr
    result = invoke("validate", "--format", "json", "--no-respect-gitignore", str(folder))
    assert len(json.loads(result.stdout)["files"]) == 2


def test_standard_input_as_dash() -> None:
    result = invoke("validate", "--format", "json", "-", stdin=BROKEN.read_bytes())
    report = json.loads(result.stdout)
    assert report["files"][0]["file"] == "-" and result.exit_code == 1
    codes = [v["code"] for d in report["files"][0]["documents"] for v in d["violations"]]
    assert codes == ["EDI204"]
    parsed = invoke("parse", "--format", "json", "-", stdin=CLEAN.read_bytes())
    assert json.loads(parsed.stdout)["files"][0]["file"] == "-" and parsed.exit_code == 0


def test_total_line_quiet_and_exit_zero(folder: Path) -> None:
    result = invoke("validate", str(folder))
    last = result.stdout.splitlines()[-1]
    assert re.fullmatch(
        r"2 files, 2 transaction sets: 1 error, 0 warnings, 0 info in \d+\.\d\d s", last
    )
    quiet = invoke("validate", "-q", str(folder))
    assert "asn.edi" not in quiet.stdout and "no problems" not in quiet.stdout
    assert "EDI204" in quiet.stdout and "transaction sets" not in quiet.stdout
    assert "skipped" not in quiet.stderr and quiet.exit_code == 1
    assert invoke("validate", "--exit-zero", str(folder)).exit_code == 0
    assert invoke("validate", "--exit-zero", str(folder / "README.md")).exit_code == 3


def test_statistics_count_findings_per_code() -> None:
    result = invoke("validate", "--statistics", str(THREE_FAULTS), str(BROKEN))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["2", "EDI204", "error", "mandatory-missing"]
    assert {line.split()[1] for line in lines[:-1]} == {"EDI204", "EDI201", "EDI203"}
    assert result.exit_code == 1
    data = json.loads(invoke("validate", "--statistics", "--format", "json", str(BROKEN)).stdout)
    assert data == [
        {"code": "EDI204", "name": "mandatory-missing", "severity": "error", "count": 1}
    ]
    refused = invoke("validate", "--statistics", "--format", "sarif", str(BROKEN))
    assert refused.exit_code == 2


def test_github_annotations() -> None:
    result = invoke("validate", "--output-format", "github", str(BROKEN))
    [line] = result.stdout.splitlines()
    assert line.startswith(f"::error file={BROKEN},line=4,col=1,title=EDI204 mandatory-missing::")
    assert result.exit_code == 1


def test_github_annotation_escapes_what_workflow_commands_reserve(tmp_path: Path) -> None:
    from edikit.location import Location
    from edikit.report.github import annotation
    from edikit.vocabulary import Severity, Violation

    violation = Violation(
        code="EDI204",
        severity=Severity.WARNING,
        message="100% wrong\nsecond line",
        location=Location(file="a,b:c.edi", line=3, column=2),
    )
    line = annotation("a,b:c.edi", violation)
    assert line.startswith("::warning file=a%2Cb%3Ac.edi,line=3,col=2,")
    assert line.endswith("::100%25 wrong%0Asecond line")


def test_settings_from_pyproject_and_options_override_them(folder: Path) -> None:
    project = folder / "pyproject.toml"
    project.write_text('[tool.edikit]\nfail-on = "warning"\nexclude = ["inbound/"]\n')
    os.chdir(folder / "inbound")  # found from the current folder upward
    result = invoke("validate", "--format", "json", str(folder))
    assert [Path(f["file"]).name for f in json.loads(result.stdout)["files"]] == ["asn.edi"]
    result = invoke("validate", "--format", "json", "--exclude", "nothing", str(folder))
    assert len(json.loads(result.stdout)["files"]) == 2  # the option wins
    assert result.exit_code == 1


def test_edikit_toml_wins_in_its_folder_and_profile_paths_are_relative_to_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "pyproject.toml").write_text('[tool.edikit]\nselect = ["EDI9"]\n')
    (folder / "profiles").mkdir()
    source = FIXTURES.parent / "src" / "edikit" / "profiles" / "builtin" / "retail-common.yaml"
    shutil.copy(source, folder / "profiles" / "ours.yaml")
    (folder / "edikit.toml").write_text(
        'profile = "profiles/ours.yaml"\nselect = ["EDI2"]\nfail-on = "info"\n'
    )
    monkeypatch.chdir(folder / "inbound")
    result = invoke("validate", "--format", "json", str(folder / "inbound" / "po.txt"))
    codes = {
        v["code"]
        for d in json.loads(result.stdout)["files"][0]["documents"]
        for v in d["violations"]
    }
    assert codes == {"EDI204"}


def test_a_bad_setting_is_a_usage_error_that_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "edikit.toml").write_text("fail_on = 'error'\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", str(CLEAN))
    assert result.exit_code == 2
    assert "edikit.toml: 'fail_on' is not an edikit setting" in result.stderr
    (tmp_path / "edikit.toml").write_text("fail-on = 'loud'\n")
    result = invoke("validate", str(CLEAN))
    assert result.exit_code == 2 and "fail-on must be error, warning or info" in result.stderr
    (tmp_path / "edikit.toml").write_text("fail-on = \n")
    assert invoke("validate", str(CLEAN)).exit_code == 2
    assert invoke("--isolated", "validate", str(CLEAN)).exit_code == 0  # no file read


def test_parse_reads_folders_as_validate_does(folder: Path) -> None:
    result = invoke("parse", "--format", "json", "--no-segments", str(folder))
    files = json.loads(result.stdout)["files"]
    assert sorted(Path(f["file"]).name for f in files) == ["asn.edi", "po.txt"]
    assert "skipped 3 not X12" in result.stderr


def test_a_real_process_in_a_pipe_reads_stdin_and_exits_1() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "edikit", "validate", "--output-format", "github", "-"],
        input=BROKEN.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.decode().startswith("::error file=-,line=4,")


def test_the_distribution_is_edikit_x12_and_installs_the_edikit_command() -> None:
    from importlib.metadata import distribution

    found = distribution("edikit-x12")
    assert found.metadata["Name"] == "edikit-x12"
    assert any(e.name == "edikit" and e.group == "console_scripts" for e in found.entry_points)


def test_a_copied_ship_notice_is_timed_by_its_envelope_not_its_file(tmp_path: Path) -> None:
    """A file checked out or copied weeks later keeps the GS04/GS05 its sender wrote: its
    modification time never makes it late (EDI616)."""
    from tests.rules.test_crossdoc import ORDER, _shipped_at, _timing_profile

    profile = _timing_profile(tmp_path)
    on_time = _shipped_at(tmp_path, "DTM*011*20261120*0900")  # the group is dated 09:30
    weeks_later = on_time.stat().st_mtime + 30 * 24 * 3600
    os.utime(on_time, (weeks_later, weeks_later))
    result = invoke(
        "validate",
        "--set",
        "--profile",
        str(profile),
        "--format",
        "json",
        str(ORDER),
        str(on_time),
    )
    report = json.loads(result.stdout)
    codes = [v["code"] for f in report["files"] for d in f["documents"] for v in d["violations"]]
    assert "EDI616" not in codes and result.exit_code == 0
