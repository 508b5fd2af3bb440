"""``edikit profile draft``: a profile drafted from accepted documents loads, passes those
documents, marks every rule as observed, and catches a document that leaves out what all of
them carried. ``edikit profile test --update`` writes expectation files that then pass."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Final

import yaml
from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.profile_draft import draft
from edikit.vocabulary import Severity

FIXTURES: Final = Path(__file__).resolve().parent.parent.parent / "fixtures" / "profiles"
ACCEPTED: Final = sorted(FIXTURES.glob("nordstrom-example/*-pass.edi"))


def _problems(path: Path, profile: Path) -> list[str]:
    result = edikit.validate(path, profile=profile)
    return [
        f"{v.code} {v.message}" for v in result.all_violations() if v.severity is not Severity.INFO
    ]


def test_the_draft_passes_the_documents_it_was_drawn_from(tmp_path: Path) -> None:
    profile = tmp_path / "draft.yaml"
    profile.write_text(draft(ACCEPTED, "acme-draft", "retail-common"), encoding="utf-8")
    loaded = edikit.load_profile(profile)
    assert loaded.profile.extends is None and loaded.id == "acme-draft"
    for document in ACCEPTED:
        assert _problems(document, profile) == [], document.name
    asn = loaded.profile.transactions["856"]
    assert "HL[S]/TD5" in {rule.path for rule in asn.segments}
    assert asn.hierarchy is not None and asn.hierarchy.parents["I"] == ["P"]


def test_every_rule_is_marked_as_observed(tmp_path: Path) -> None:
    text = draft(ACCEPTED, "acme-draft", None)
    data = yaml.safe_load(text)
    assert data["citation"]["document"].startswith("DRAFT: observed")
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("- {path:"):
            assert lines[number - 1].lstrip().startswith("# observed:"), line


def test_the_draft_catches_what_every_accepted_document_carried(tmp_path: Path) -> None:
    profile = tmp_path / "draft.yaml"
    profile.write_text(draft(ACCEPTED, "acme-draft", None), encoding="utf-8")
    missing = FIXTURES / "nordstrom-example" / "856-no-s-td5.edi"
    found = edikit.validate(missing, profile=profile).all_violations()
    drafted = [v for v in found if v.code == "EDI401"]
    assert drafted and all((v.citation or "").startswith("DRAFT") for v in drafted)


def test_the_command_writes_the_draft_and_refuses_an_empty_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "draft.yaml"
    folder = tmp_path / "accepted"
    folder.mkdir()
    for document in ACCEPTED:
        shutil.copy(document, folder / document.name)
    result = runner.invoke(main, ["profile", "draft", str(folder), "--id", "acme", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["profile", "lint", str(out)]).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = runner.invoke(main, ["profile", "draft", str(empty)])
    assert refused.exit_code == 2
    assert "no X12 documents" in refused.output


def test_update_writes_expectations_that_then_pass(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    source = FIXTURES / "nordstrom-example"
    for name in ("856-no-s-td5", "856-pass"):
        shutil.copy(source / f"{name}.edi", folder / f"{name}.edi")
    stale = source / "856-no-s-td5.expected.yaml"
    (folder / "856-no-s-td5.expected.yaml").write_text(
        stale.read_text("utf-8").replace("EDI401", "EDI402"), encoding="utf-8"
    )
    runner = CliRunner()
    failed = runner.invoke(main, ["profile", "test", str(folder)])
    assert failed.exit_code == 1
    assert "expected but not found: EDI402 at HL" in failed.output
    assert "found but not expected: EDI401 at HL, segment 3 of the set" in failed.output
    updated = runner.invoke(
        main, ["profile", "test", str(folder), "--update", "--profile", "nordstrom-example"]
    )
    assert updated.exit_code == 0, updated.output
    assert "upd " in updated.output
    written = (folder / "856-pass.expected.yaml").read_text("utf-8")
    assert yaml.safe_load(written) == {"profile": "nordstrom-example", "violations": []}
    kept = (folder / "856-no-s-td5.expected.yaml").read_text("utf-8")
    assert kept.startswith("#") and "EDI401" in kept
    again = runner.invoke(main, ["profile", "test", str(folder)])
    assert again.exit_code == 0, again.output


def test_a_draft_from_vics_documents_names_codes_lengths_and_the_version(tmp_path: Path) -> None:
    """ASNs in 004010VICS (a GS08 with an industry identifier) are read with the 004010
    dictionary; the draft keeps the GS08 value, the codes used and the fixed lengths."""
    accepted = sorted(FIXTURES.glob("kohls-example/*-pass.edi"))
    out = tmp_path / "draft.yaml"
    command = ["profile", "draft", *map(str, accepted), "--extends", "retail-common"]
    result = CliRunner().invoke(main, [*command, "--id", "kohls-draft", "-o", str(out)])
    assert result.exit_code == 0, result.output
    loaded = edikit.load_profile(out)
    asn = loaded.profile.transactions["856"]
    assert asn.version_rule is not None and "004010VICS" in asn.version_rule.accept
    rules = {rule.path: rule for rule in asn.elements}
    assert rules["BSN05"].codes == ["0001"]
    invoice = loaded.profile.transactions["810"]
    upc = {rule.path: rule for rule in invoice.elements}["IT107"]
    assert (upc.min_length, upc.max_length) == (12, 12)
    for document in accepted:
        assert _problems(document, out) == [], document.name
