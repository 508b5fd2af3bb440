"""The HTML reports without a browser: one self-contained page, everything from the input
escaped, the script allowed by its hash only. (tests/browser opens them in Chromium.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from edikit.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "samples" / "856-pick-pack.edi"
HOSTILE = b'<script>document.title="pwned"</script>'


def hostile_document(tmp_path: Path) -> Path:
    """The sample with ``<script>`` in an element value (PID05) and in a bad SSCC's place."""
    data = SAMPLE.read_bytes().replace(b"RUNNER 200 BLACK SIZE 10", HOSTILE)
    path = tmp_path / "hostile.edi"
    path.write_bytes(data.replace(b"00008123450000000016", b"00008123450000000017"))
    return path


def _html(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_a_value_carrying_script_is_escaped(tmp_path: Path) -> None:
    page = _html("explain", "--format", "html", str(hostile_document(tmp_path)))
    assert HOSTILE.decode() not in page
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # edikit's own, at the end


def test_only_the_reports_own_script_may_run() -> None:
    page = _html("explain", "--format", "html", str(SAMPLE))
    [policy] = re.findall(r'Content-Security-Policy" content="([^"]+)"', page)
    [script] = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_the_page_needs_nothing_from_the_network() -> None:
    page = _html("explain", "--format", "html", str(SAMPLE))
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<link" not in page


def test_validate_html_has_the_summary_tree_and_rule_text(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = CliRunner().invoke(
        main,
        [
            "validate",
            "--format",
            "html",
            "-o",
            str(output),
            str(hostile_document(tmp_path)),
            str(REPO / "fixtures" / "chains" / "clean"),
        ],
    )
    assert result.exit_code == 1, result.output
    page = output.read_text(encoding="utf-8")
    assert '<td class="num" id="count-files">5</td>' in page
    assert 'data-rule="EDI502"' in page and 'id="rule-EDI502"' in page
    assert '<li class="flagged"><i>MAN02</i>' in page
    assert "Why it matters." in page  # the rule's page text, linked from its findings
