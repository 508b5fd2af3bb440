"""The command line under hostile input (issue 10): huge elements and floods of findings give
bounded reports written as they go, unreadable inputs are findings with exit 3, and reports
that cannot be written are a message with exit 2; never a traceback."""

from __future__ import annotations

import io
import json
import os
import pathlib
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import edikit
from edikit.cli import main
from edikit.many import unreadable
from edikit.report.json_report import write_validate_json
from edikit.report.junit import write_junit
from edikit.report.limits import FindingLimits
from edikit.report.sarif import write_sarif

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
CLEAN_850 = (FIXTURES / "structure" / "850-clean.edi").read_text()
THREE_FAULTS = FIXTURES / "structure" / "850-three-faults.edi"


def invoke(*args: str, timeout: float = 120) -> Result:
    """The command in this process, in a thread so that a hang fails the test."""
    found: list[Result] = []
    worker = threading.Thread(
        target=lambda: found.append(CliRunner().invoke(main, list(args))), daemon=True
    )
    worker.start()
    worker.join(timeout)
    assert found, f"edikit {' '.join(args)} took more than {timeout} s"
    result = found[0]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def bad_dates(path: Path, count: int) -> Path:
    """An 850 with ``count`` DTM segments whose date is not a date (EDI307 each)."""
    text = CLEAN_850.replace("DTM*010*20261115~\n", "DTM*010*2026XX15~\n" * count)
    path.write_text(text.replace("SE*11*0001", f"SE*{10 + count}*0001"))
    return path


# -- item 7: a 10 MB element -------------------------------------------------------------------
@pytest.fixture(scope="module")
def huge_element(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "850-huge.edi"
    path.write_text(CLEAN_850.replace("4500012345", "4" * 10_000_000))
    return path


def test_text_report_of_a_10mb_element_shows_a_window(huge_element: Path) -> None:
    result = invoke("validate", str(huge_element), timeout=60)
    assert result.exit_code == 1
    assert len(result.output) < 10_000  # was 10 MB wrapped, in 55 s
    lines = result.output.splitlines()
    context = next(i for i, line in enumerate(lines) if line.startswith("           >     4 | "))
    assert "| BEG*00*SA*" + "4" * 46 in lines[context] and lines[context].endswith("…")
    assert len(lines[context]) < 1000  # a window, not the segment
    marker = lines[context + 1]
    assert marker.strip().startswith("^") and marker.index("^") == lines[context].index("4444")
    assert "10,000,0" in result.output  # the message says how long what it cut was


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit"])
def test_machine_reports_of_a_10mb_element_are_bounded(
    huge_element: Path, output_format: str
) -> None:
    result = invoke("validate", "--format", output_format, str(huge_element), timeout=60)
    assert result.exit_code == 1 and len(result.output) < 20_000


def test_the_text_context_marks_an_element_in_a_long_segment() -> None:
    long_name = "N" * 1000
    text = CLEAN_850.replace("PID*F****RUNNER 200 BLACK 10", f"PID*F****{long_name}*XX")
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"edikit-window-{os.getpid()}.edi"
    path.write_text(text)
    try:
        result = invoke("validate", str(path))
    finally:
        path.unlink()
    lines = result.output.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("           >") and number + 1 < len(lines) and "^" in lines[number + 1]:
            assert len(line) <= 1000  # a window around the element, never wrapped
            start = lines[number + 1].index("^")
            assert line[start - 1] in "*…"  # the marker starts at an element


# -- item 8: caps, in every format, and writers that stream -----------------------------------
def test_findings_are_capped_per_rule_with_a_summary_in_every_format(tmp_path: Path) -> None:
    path = bad_dates(tmp_path / "dates.edi", 3_000)
    text = invoke("validate", str(path))
    assert text.exit_code == 1
    assert "2,000 more findings not listed (2,000 EDI307 error)" in text.output
    report = json.loads(invoke("validate", "--format", "json", str(path)).output)
    assert report["omitted"] == 2_000 and report["max_findings"] == {
        "per_file": 10_000,
        "per_rule": 1_000,
    }
    (file,) = report["files"]
    assert file["omitted"] == [{"code": "EDI307", "severity": "error", "count": 2_000}]
    listed = [v for d in file["documents"] for v in d["violations"] if v["code"] == "EDI307"]
    assert len(listed) == 1_000
    sarif = json.loads(invoke("validate", "--format", "sarif", str(path)).output)
    (run,) = sarif["runs"]
    assert len([r for r in run["results"] if r["ruleId"] == "EDI307"]) == 1_000
    assert run["properties"]["omitted"][0]["count"] == 2_000
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "2,000 more findings not listed" in note["message"]["text"]
    junit = ET.fromstring(invoke("validate", "--format", "junit", str(path)).output)
    (omitted,) = [case for case in junit.iter("testcase") if case.get("name") == "omitted"]
    failure = omitted.find("failure")
    assert failure is not None and failure.text == "2000 EDI307 error"
    assert junit.get("failures") == "2"  # the document and the findings left out


def test_max_findings_raises_and_removes_the_caps(tmp_path: Path) -> None:
    path = bad_dates(tmp_path / "dates.edi", 1_500)
    report = json.loads(
        invoke("validate", "--format", "json", "--max-findings", "all", str(path)).output
    )
    assert report["omitted"] == 0 and report["summary"]["error"] == 1_501
    report = json.loads(
        invoke("validate", "--format", "json", "--max-findings", "100", str(path)).output
    )
    assert report["summary"]["error"] == 100 and report["omitted"] == 1_401
    report = json.loads(
        invoke("validate", "--format", "json", "--max-findings-per-rule", "all", str(path)).output
    )
    assert report["omitted"] == 0
    assert invoke("validate", "--max-findings", "0", str(path)).exit_code == 2


def test_findings_left_out_still_decide_the_exit_code(tmp_path: Path) -> None:
    result = invoke("validate", "--max-findings", "1", "--format", "json", str(THREE_FAULTS))
    report = json.loads(result.output)
    assert report["summary"]["error"] == 1 and report["omitted"] == 2
    assert result.exit_code == 1
    warning_only = tmp_path / "w.edi"
    warning_only.write_text(CLEAN_850)
    assert invoke("validate", "--max-findings", "1", str(warning_only)).exit_code == 0


class Recording(io.StringIO):
    """A stream that remembers the largest single write."""

    largest = 0

    def write(self, text: str) -> int:
        self.largest = max(self.largest, len(text))
        return super().write(text)


@pytest.mark.parametrize(
    "writer",
    [
        write_validate_json,
        write_sarif,
        write_junit,
    ],
)
def test_reports_are_written_as_they_go(
    tmp_path: Path, writer: Callable[[Any, io.StringIO], None]
) -> None:
    every = edikit.ruleset(max_per_rule=None, max_per_file=None)
    results = [edikit.validate_file(bad_dates(tmp_path / "dates.edi", 2_000), every)]
    out = Recording()
    writer(results, out)
    assert len(out.getvalue()) > 150_000 and out.largest < 5_000


# -- item 9: nothing unreadable passes silently -----------------------------------------------
def test_an_unreadable_subfolder_is_a_finding_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "a.edi").write_text(CLEAN_850)
    (inbox / "locked" / "b.edi").write_bytes(THREE_FAULTS.read_bytes())
    original = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == inbox / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("validate", "--format", "json", str(inbox))
    assert result.exit_code == 3
    files = {f["file"]: f for f in json.loads(result.output)["files"]}
    locked = files[str(inbox / "locked")]
    assert "Permission denied" in locked["error"]
    assert locked["violations"][0]["code"] == "EDI005"


def test_an_unreadable_file_named_directly_is_exit_3_with_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.edi"
    secret.write_text(CLEAN_850)
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)  # what click checked
    original = pathlib.Path.open

    def opened(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", opened)
    for command in (["validate"], ["parse"], ["validate", "--format", "json"]):
        result = invoke(*command, str(secret))
        assert result.exit_code == 3, result.output
        assert "EDI005" in result.output or "Permission denied" in result.output
    result = invoke("ack", str(secret))
    assert result.exit_code == 3 and "Permission denied" in result.output


def test_broken_links_and_pipes_in_a_folder_are_findings(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.edi").write_text(CLEAN_850)
    (inbox / "gone.edi").symlink_to(tmp_path / "nowhere.edi")
    os.mkfifo(inbox / "pipe.edi")
    result = invoke("validate", "--format", "json", str(inbox), timeout=30)
    assert result.exit_code == 3
    files = {Path(f["file"]).name: f for f in json.loads(result.output)["files"]}
    assert set(files) == {"a.edi", "gone.edi", "pipe.edi"}
    assert "a link to nothing" in files["gone.edi"]["error"]
    assert "not a regular file" in files["pipe.edi"]["error"]
    assert files["a.edi"]["error"] is None


# -- item 10: reports that cannot be written ---------------------------------------------------
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit"])
def test_output_onto_a_full_disk_is_exit_2(output_format: str) -> None:
    result = invoke("validate", "--format", output_format, "-o", "/dev/full", str(THREE_FAULTS))
    assert result.exit_code == 2
    assert "cannot write the report to /dev/full: No space left on device" in result.output


def test_output_into_a_missing_or_read_only_folder_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no" / "such" / "report.json"
    result = invoke("validate", "--format", "json", "-o", str(missing), str(THREE_FAULTS))
    assert result.exit_code == 2 and "No such file or directory" in result.output
    under_a_file = tmp_path / "file.txt"
    under_a_file.write_text("")
    result = invoke("validate", "-o", str(under_a_file / "r.txt"), str(THREE_FAULTS))
    assert result.exit_code == 2 and "Not a directory" in result.output
    read_only = tmp_path / "read-only" / "report.sarif"
    original = pathlib.Path.open

    def opened(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == read_only:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", opened)
    result = invoke("validate", "--format", "sarif", "-o", str(read_only), str(THREE_FAULTS))
    assert result.exit_code == 2 and "Permission denied" in result.output


def test_ack_and_profile_test_onto_a_full_disk_are_exit_2(tmp_path: Path) -> None:
    result = invoke("ack", "-o", "/dev/full", str(FIXTURES / "structure" / "850-clean.edi"))
    assert result.exit_code == 2 and "No space left on device" in result.output
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "po.edi").write_text(CLEAN_850)
    (folder / "po.expected.yaml").write_text("profile: x12\nviolations: []\n")
    result = invoke("profile", "test", str(folder), "--format", "junit", "-o", "/dev/full")
    assert result.exit_code == 2 and "No space left on device" in result.output


def test_streamed_junit_is_the_document_to_junit_makes(tmp_path: Path) -> None:
    from edikit.report.junit import to_junit

    limits = FindingLimits(10, 5)
    rules = edikit.ruleset(max_per_rule=5, max_per_file=10)
    capped = edikit.validate_file(bad_dates(tmp_path / "dates.edi", 30), rules)
    results = [capped, unreadable(Path("gone.edi"), "cannot read it")]
    out = io.StringIO()
    write_junit(results, out, limits=limits)
    assert out.getvalue() == to_junit(results, limits=limits)
