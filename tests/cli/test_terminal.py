"""Text for people off a terminal (CI logs, ``> file``, ``| less``) is never wrapped or cut;
on a terminal (a real pseudo-terminal here) it fits the width and keeps the mark in place."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from click.testing import CliRunner

from edikit.cli import main
from tests.helpers import interchange

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
SAMPLE = FIXTURES / "samples" / "856-pick-pack.edi"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def edikit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """edikit in a process of its own, its output to a pipe (not a terminal)."""
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "edikit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def on_terminal(*args: str, columns: int = 80) -> str:
    """edikit's output on a pseudo-terminal ``columns`` wide, colour codes removed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "TERM")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "edikit", *args],
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def isa_fault(tmp_path: Path) -> Path:
    """An interchange whose ISA is 106 characters, with a fault in the ISA itself."""
    text = interchange().replace("*P*>~", "*X*>~", 1)  # ISA15 usage: neither P nor T
    path = tmp_path / ("a-rather-long-folder-name-" * 4) / "interchange-with-a-long-name.edi"
    path.parent.mkdir()
    path.write_text(text)
    return path


def test_a_report_in_a_log_keeps_the_isa_whole_and_the_mark_under_its_element(
    tmp_path: Path,
) -> None:
    path = isa_fault(tmp_path)
    result = edikit("validate", str(path))
    lines = result.stdout.splitlines()
    isa_line = next(line for line in lines if "ISA*00*" in line)
    assert isa_line.rstrip().endswith("*X*>~") or isa_line.rstrip().endswith("*X*>")
    mark = lines[lines.index(isa_line) + 1]
    assert set(mark.strip()) == {"^"}
    assert isa_line[mark.index("^")] == "X"  # the marker stands under ISA15
    assert str(path) in result.stdout.splitlines()  # the file name whole, on a line of its own


def test_the_summary_table_in_a_log_keeps_every_file_name_whole(tmp_path: Path) -> None:
    path = isa_fault(tmp_path)
    result = edikit("validate", str(path), str(SAMPLE))
    table = [line for line in result.stdout.splitlines() if "│" in line]
    assert any(str(path) in line for line in table)
    assert not any("…" in line for line in table)


def test_lists_have_one_entry_per_line_off_a_terminal() -> None:
    rules = edikit("rule").stdout.splitlines()
    assert all(re.match(r"^[A-Z0-9]+\s+(error|warning|info)\s+\S+: ", line) for line in rules)
    profiles = edikit("profile", "list").stdout.splitlines()
    assert any(line.startswith("dicks-example") and "example to adapt" in line for line in profiles)
    page = edikit("rule", "EDI132").stdout
    assert page.startswith("# EDI132 segment-count-mismatch")  # the page's text, greppable


def test_parse_tree_is_not_wrapped_off_a_terminal() -> None:
    lines = edikit("parse", "--no-segments", str(SAMPLE)).stdout.splitlines()
    interchange_line = next(line for line in lines if "interchange 000001001" in line)
    assert "usage T" in interchange_line and "(line 1)" in interchange_line


def test_on_a_terminal_a_long_segment_is_folded_with_the_mark_under_its_element(
    tmp_path: Path,
) -> None:
    path = isa_fault(tmp_path)
    screen = ANSI.sub("", on_terminal("validate", str(path), columns=60))
    lines = screen.splitlines()
    rows = [i for i, line in enumerate(lines) if " | " in line and ("ISA" in line or "|" in line)]
    first = next(i for i in rows if "ISA*00*" in lines[i])
    folded = [lines[first]]
    index = first + 1
    while lines[index].lstrip().startswith("|"):
        folded.append(lines[index])
        index += 1
    assert all(len(line) <= 60 for line in folded)
    body = "".join(line.split(" | ", 1)[1] if " | " in line else "" for line in folded)
    assert "*X*>" in body  # every character of the ISA is shown: folded, not cut
    mark_line = next(line for line in lines[first:] if set(line.strip()) == {"^"})
    marked_row = lines[lines.index(mark_line) - 1]
    assert marked_row[mark_line.index("^")] == "X"


def test_on_a_terminal_the_report_has_colour_and_a_progress_bar_runs(tmp_path: Path) -> None:
    path = isa_fault(tmp_path)
    raw = on_terminal("validate", str(path), str(SAMPLE), columns=100)
    assert "\x1b[" in raw  # colour codes: a terminal was detected
    assert "EDI1" in ANSI.sub("", raw)
    assert "validating" in raw and "━" in raw  # the progress bar, erased once done
    piped = edikit("validate", str(path), str(SAMPLE))
    assert "\x1b[" not in piped.stdout and "\x1b[" not in piped.stderr  # none in a log
    assert "validating" not in piped.stderr


def test_the_text_report_written_with_o_is_not_wrapped(tmp_path: Path) -> None:
    path = isa_fault(tmp_path)
    out = tmp_path / "report.txt"
    CliRunner().invoke(main, ["validate", "-o", str(out), str(path)])
    text = out.read_text()
    assert any("ISA*00*" in line and len(line) > 106 for line in text.splitlines())
