"""``edikit explain``: the annotated tree, checked by golden files (text and JSON), the JSON
validated against the published schema, and the tree's shape, names, meanings and findings."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from edikit.cli import main
from edikit.report.explain import ExplainedLoop, ExplainedSegment, Explanation, explain

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "explain"
SCHEMA = json.loads((REPO / "docs" / "explain-schema.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("EDIKIT_UPDATE_GOLDEN") == "1"  # rewrite the golden files
# Every sample and chain document, and structure fixtures with findings to place.
DOCUMENTS = [
    "fixtures/samples/856-pick-pack.edi",
    *(f"fixtures/chains/clean/{name}.edi" for name in ("850", "855", "856", "810")),
    "fixtures/structure/850-three-faults.edi",
    "fixtures/structure/856-hl-parent.edi",
    "fixtures/structure/997-clean.edi",
]
SAMPLE = REPO / "fixtures" / "samples" / "856-pick-pack.edi"


def _golden_name(document: str) -> str:
    return document.removeprefix("fixtures/").replace("/", "-").removesuffix(".edi")


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["explain", *args])


def _check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with EDIKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs (if the change is meant: EDIKIT_UPDATE_GOLDEN=1)"
    )


@pytest.mark.parametrize("document", DOCUMENTS)
def test_explain_text_matches_its_golden_file(
    document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = _run(document)
    assert result.exit_code in (0, 1), result.output
    _check_golden(GOLDEN / f"{_golden_name(document)}.txt", result.output)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_explain_json_matches_its_golden_file_and_the_schema(
    document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = _run(document, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    _check_golden(GOLDEN / f"{_golden_name(document)}.json", result.output)


def test_the_published_schema_is_current() -> None:
    from tests.test_docs import load_tool

    assert load_tool("gen_report_schemas").main(["--check"]) == 0


def _labels(node: ExplainedLoop, depth: int = 0) -> list[tuple[int, str]]:
    found = [(depth, node.label)]
    for child in node.children:
        if isinstance(child, ExplainedLoop):
            found += _labels(child, depth + 1)
    return found


def _document_tree(explanation: Explanation) -> ExplainedLoop:
    tree = explanation.interchanges[0].groups[0].documents[0].tree
    assert tree is not None
    return tree


def _segments(node: ExplainedLoop) -> list[ExplainedSegment]:
    found: list[ExplainedSegment] = []
    for child in node.children:
        found += _segments(child) if isinstance(child, ExplainedLoop) else [child]
    return found


def test_a_ship_notice_is_drawn_shipment_order_pack_item() -> None:
    tree = _document_tree(explain(SAMPLE))
    levels = [(d, label.split(" (")[0]) for d, label in _labels(tree) if "(HL" in label]
    assert levels == [
        (1, "Shipment"),
        (2, "Order"),
        (3, "Pack"),
        (4, "Item"),
        (3, "Pack"),
        (4, "Item"),
    ]
    summaries = {loop.label: loop.summary for loop in _loops(tree)}
    assert summaries["Pack (HL 3)"] == "SSCC 00008123450000000016"
    assert summaries["Order (HL 2)"] == "PO 4500012345"
    assert "UPC 012345678905" in (summaries["Item (HL 4)"] or "")
    assert "6 PR shipped" in (summaries["Item (HL 4)"] or "")


def _loops(node: ExplainedLoop) -> list[ExplainedLoop]:
    found = [node]
    for child in node.children:
        if isinstance(child, ExplainedLoop):
            found += _loops(child)
    return found


def test_segments_elements_and_codes_are_named() -> None:
    explanation = explain(SAMPLE)
    interchange = explanation.interchanges[0]
    assert interchange.usage == "T" and interchange.usage_meaning == "Test Data"
    assert interchange.sender.id == "STRIDEFOOTWEAR"
    assert interchange.groups[0].functional_name == "Ship Notice/Manifest (856)"
    hl = next(s for s in _segments(_document_tree(explanation)) if s.tag == "HL")
    assert hl.name == "Hierarchical Level"
    level = next(e for e in hl.elements if e.reference == "HL03")
    assert (level.name, level.value, level.meaning) == ("Hierarchical Level Code", "S", "Shipment")


def test_a_finding_is_at_its_segment_with_its_element_flagged() -> None:
    bad = SAMPLE.read_bytes().replace(b"00008123450000000016", b"00008123450000000017")
    explanation = explain(bad)
    [man] = [s for s in _segments(_document_tree(explanation)) if s.findings and s.tag == "MAN"]
    assert [f.code for f in man.findings] == ["EDI502"]
    flagged = [e.reference for e in man.elements if e.flagged]
    assert flagged == ["MAN02"]
    assert explanation.counts["error"] == 1


def test_a_segment_outside_the_loops_is_drawn_where_it_stood() -> None:
    explanation = explain(REPO / "fixtures" / "structure" / "850-three-faults.edi")
    tags = [s.tag for s in _segments(_document_tree(explanation))]
    assert tags[tags.index("ZZZ") - 1 : tags.index("ZZZ") + 2] == ["REF", "ZZZ", "DTM"]
    document = explanation.interchanges[0].groups[0].documents[0]
    assert document.findings == []  # every finding is at its segment


def test_the_cap_on_segments_drawn_keeps_every_finding() -> None:
    bad = SAMPLE.read_bytes().replace(b"00008123450000000023", b"00008123450000000024")
    explanation = explain(bad, max_segments=5)
    document = explanation.interchanges[0].groups[0].documents[0]
    segments = _segments(_document_tree(explanation))
    assert len(segments) == 6  # five, and the MAN with its finding
    assert segments[-1].tag == "MAN" and segments[-1].findings
    assert document.omitted == 27 - 6


def test_a_deep_hierarchy_is_explained_without_recursion_errors() -> None:
    """A hostile 856 nests 3,000 levels: drawn nested to a depth, then flat."""
    levels = 3_000
    body = ["ST*856*0001", "BSN*00*X*20261120*0930"]
    body += [f"HL*{n}*{n - 1 if n > 1 else ''}*I" for n in range(1, levels + 1)]
    body += [f"SE*{len(body) + 1}*0001"]
    from edikit.rules.registry import in_example_envelope

    data = in_example_envelope("~\n".join(body) + "~\n").encode()
    explanation = explain(data, max_segments=None)
    tree = _document_tree(explanation)
    assert len([s for s in _segments(tree) if s.tag == "HL"]) == levels
    json.dumps(explanation.to_json())  # serializes too


def test_unreadable_input_is_a_finding_and_exit_3(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "missing.edi"), "--format", "json")
    assert result.exit_code == 3
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    assert [f["code"] for f in data["findings"]] == ["EDI005"]


def test_a_profile_brings_its_findings_and_chargebacks(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "id: cb\ntitle: cb\nextends: retail-common\nrules:\n"
        "  - code: EDI502\n    chargeback: {amount: 25, per: finding}\n"
    )
    bad = tmp_path / "asn.edi"
    bad.write_bytes(SAMPLE.read_bytes().replace(b"0000000016", b"0000000017"))
    result = _run(str(bad), "--profile", str(profile))
    assert result.exit_code == 1
    assert "EDI502 error" in result.output
    assert "chargeback: 25.00 USD per finding" in result.output


def test_max_segments_must_be_a_number_or_all() -> None:
    result = _run(str(SAMPLE), "--max-segments", "many")
    assert result.exit_code == 2
    assert "--max-segments" in result.output


def test_the_configuration_file_gives_explain_its_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p.yaml").write_text(
        "id: cb\ntitle: cb\nextends: retail-common\nrules:\n"
        "  - code: EDI502\n    chargeback: {amount: 25, per: finding}\n"
    )
    (tmp_path / "edikit.toml").write_text('profile = "p.yaml"\nfail-on = "warning"\n')
    (tmp_path / "asn.edi").write_bytes(SAMPLE.read_bytes().replace(b"0000000016", b"0000000017"))
    monkeypatch.chdir(tmp_path)
    configured = _run("asn.edi")
    assert configured.exit_code == 1
    assert "chargeback: 25.00 USD per finding" in configured.output
    isolated = CliRunner().invoke(main, ["--isolated", "explain", "asn.edi"])
    assert "chargeback: 25.00 USD" not in isolated.output


def test_standard_input_and_folders_are_explained(tmp_path: Path) -> None:
    piped = CliRunner().invoke(
        main, ["explain", "-", "--format", "json"], input=SAMPLE.read_bytes()
    )
    assert piped.exit_code == 0, piped.output
    data = json.loads(piped.output)
    jsonschema.validate(data, SCHEMA)
    assert data["file"] == "-" and data["interchanges"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "asn.edi").write_bytes(SAMPLE.read_bytes())
    (folder / "notes.txt").write_text("not X12")
    listed = CliRunner().invoke(main, ["explain", str(folder), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["file"].endswith("asn.edi")
    assert "skipped 1 not X12" in listed.stderr
