"""Messages a person can act on: where a missing segment belongs, what a segment is, what
the allowed codes mean, each element named once."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.report.text import names
from edikit.rules.registry import REGISTRY

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def messages(path: Path, profile: str | None = None) -> dict[str, list[str]]:
    rules = edikit.ruleset(profile) if profile else None
    found: dict[str, list[str]] = {}
    for violation in edikit.validate_file(path, rules).all_violations():
        found.setdefault(violation.code, []).append(violation.message)
    return found


def test_a_missing_segment_says_where_it_belongs_and_the_report_leads_with_it() -> None:
    path = FIXTURES / "structure" / "850-missing-beg.edi"
    [message] = messages(path)["EDI204"]
    assert message == "the mandatory segment BEG is missing; it belongs before this REF"
    output = CliRunner().invoke(main, ["validate", str(path)]).stdout
    line = next(line for line in output.splitlines() if "EDI204" in line)
    assert line.split("error", 1)[1].strip().startswith("the mandatory segment BEG")


def test_a_missing_segment_at_the_end_says_so(tmp_path: Path) -> None:
    text = (FIXTURES / "structure" / "810-missing-tds.edi").read_text()
    path = tmp_path / "810.edi"
    path.write_text(text)
    found = messages(path)["EDI204"]
    assert all("TDS" in m and ("before this" in m or "at the end" in m) for m in found)


def test_an_element_is_named_once_in_the_text_report(corpus: Path) -> None:
    path = corpus / "olmelabs__EdiEngine" / "850.SyntaxNotes.ERR.edi"
    output = CliRunner().invoke(main, ["validate", str(path)]).stdout
    assert not re.search(r"\b(\w+\d\d): \1\b", output)  # never "PO107: PO107 ..."
    assert "PO106 and PO107 go together" in output


def test_names_matches_whole_references_only() -> None:
    assert names("PO107 'X' is not a code", "PO107")
    assert names("it belongs before this REF", "REF")
    assert not names("PO1070 is long", "PO107") and not names("PREFIX", "REF")


def test_a_guideline_segment_is_named_with_what_it_is() -> None:
    path = FIXTURES / "profiles" / "nordstrom-example"
    found = [
        m
        for f in sorted(path.glob("*.edi"))
        for m in messages(f, "nordstrom-example").get("EDI401", [])
    ]
    assert any("TD1 (Carrier Details (Quantity and Weight))" in m for m in found)


def test_codes_a_guideline_allows_are_listed_with_their_meanings(tmp_path: Path) -> None:
    from edikit.rules.profile.guideline import with_meanings

    listed = with_meanings(["IA", "IR"], "PO1/ACK01")
    assert listed == ["IA (Item Accepted)", "IR (Item Rejected)"]
    assert with_meanings(["X"], "ZZZ/ZZZ01") == ["X"]  # an unknown segment: the codes alone


def test_no_template_puts_a_before_a_set_id_and_none_says_a_850() -> None:
    for code, rule in REGISTRY.items():
        for template in rule.messages.values():
            assert not re.search(r"\ba \{set_id\}|\ba 8\d\d\b", template), code


def test_out_of_order_earlier_names_the_segment_it_follows() -> None:
    template = REGISTRY["EDI203"].messages["earlier"]
    assert "{other}" in template and "later in" not in REGISTRY["EDI203"].messages["later"]
