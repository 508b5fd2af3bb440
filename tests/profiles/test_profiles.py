"""Profiles: loading, extends and merging, the narrowing-only rule, lint errors with their
place in the YAML, and what a profile adds to validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit.api import load_profile
from edikit.cli import main
from edikit.errors import ProfileError
from edikit.profiles.loader import builtin_ids

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
SAMPLE_ASN = FIXTURES / "samples" / "856-pick-pack.edi"
EXAMPLES = ["dicks-example", "macys-example", "nordstrom-example", "zappos-example"]


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtins_load_and_chain() -> None:
    assert set(EXAMPLES) | {"x12", "retail-common"} <= set(builtin_ids())
    for reference in EXAMPLES:
        resolved = load_profile(reference)
        assert [p.profile.id for p in resolved.chain] == [reference, "retail-common", "x12"]
        assert resolved.chain[0].profile.example
        rules = [
            r for t in resolved.profile.transactions.values() for r in (*t.segments, *t.elements)
        ]
        assert rules and all(r.citation is not None for r in rules), reference


def test_child_rule_replaces_the_parent_rule_for_the_same_path() -> None:
    dicks = load_profile("dicks-example").profile.transactions["856"].segments
    paths = [rule.path for rule in dicks]
    assert len(paths) == len(set(paths))
    macys = load_profile("macys-example").profile
    shapes = [u for u in macys.rules if u.use == "asn.shapes"]
    assert len(shapes) == 1 and shapes[0].with_ == {"allowed": ["pick-and-pack"]}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    segments:\n      - {path: BEG, usage: optional}\n",
            6,
            "the standard requires it",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    segments:\n      - {path: BEG, max_use: 3, usage: required}\n",
            6,
            "widens the standard",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '856':\n    elements:\n      - {path: 'HL[I]/HL04', codes: ['9']}\n",
            6,
            "not codes of element 736",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    elements:\n      - {path: BEG03, max_length: 40, usage: required}\n",
            6,
            "max_length 40 widens",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    segments:\n      - {path: ZZZ, usage: required}\n",
            6,
            "ZZZ is not a segment of the 850",
        ),
        ("id: w\ntitle: W\nrules:\n  - use: magic.rule\n", 4, "unknown rule 'magic.rule'"),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    elements:\n      - {path: BEG03, usage: required, pattern: '(a+'}\n",
            6,
            "is not a regular expression",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    elements:\n      - {path: BEG03, usage: required, pattern: '(a)\\1'}\n",
            6,
            "no backreferences or lookaround",
        ),
        (
            "id: w\ntitle: W\ntransactions:\n  '850':\n    segments:\n      - {path: BEG, usage: required\n",
            7,
            "not valid YAML",
        ),
        ("id: w\ntitle: W\nfrobnicate: 1\n", 3, "Extra inputs are not permitted"),
    ],
)
def test_lint_rejects_with_the_place(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    assert message in str(raised.value)
    assert f"{path}:{line}:" in str(raised.value)
    [problem] = [p for p in raised.value.problems if message in p.message]
    assert (problem.source, problem.line) == (str(path), line)
    result = CliRunner().invoke(main, ["profile", "lint", str(path)])
    assert result.exit_code == 2 and message in result.output


def test_profile_error_lists_every_problem_with_its_place(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id: w\ntitle: W\nsuppress:\n  - {code: EDI999, reason: none}\nrules:\n  - use: magic.rule\n",
    )
    with pytest.raises(ProfileError) as raised:
        edikit.ruleset(str(path))
    problems = raised.value.problems
    assert [(p.source, p.line, p.column) for p in problems] == [
        (str(path), 4, 5),
        (str(path), 6, 5),
    ]
    assert "no code 'EDI999'" in problems[0].message
    assert "unknown rule 'magic.rule'" in problems[1].message
    assert str(raised.value).splitlines() == [str(p) for p in problems]


def test_lint_accepts_the_builtins() -> None:
    result = CliRunner().invoke(main, ["profile", "lint", *EXAMPLES])
    assert result.exit_code == 0, result.output


def test_profile_findings_carry_their_source_and_citation() -> None:
    x12 = edikit.validate(SAMPLE_ASN, profile="nordstrom-example")
    findings = [v for v in x12.all_violations() if v.code.startswith("EDI4")]
    assert {v.code for v in findings} == {"EDI401"}
    assert {v.source for v in findings} == {"profile:nordstrom-example"}
    assert all(v.citation and "Nordstrom 856 4010" in v.citation for v in findings)
    paths = sorted(str(v.args["path"]) for v in findings)
    assert any("TD1 (Carrier Details (Quantity and Weight))" in v.message for v in findings)
    assert paths == ["HL[O]/N1", "HL[O]/REF", "HL[O]/TD1"]


def test_severity_override_and_suppression(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id: mine\ntitle: Mine\nextends: nordstrom-example\n"
        "severities: {EDI401: warning}\n"
        "suppress:\n  - {code: EDI506, reason: we ship S>O>I by agreement}\n",
    )
    x12 = edikit.validate(SAMPLE_ASN, profile=path)
    found = [v for v in x12.all_violations() if v.code == "EDI401"]
    assert found and all(v.severity is edikit.Severity.WARNING for v in found)


def test_envelope_and_element_rules(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "id: mine\ntitle: Mine\nextends: x12\n"
        "envelope: {retailer: {qualifier: ZZ, id: SOMEONEELSE}, usage: [P]}\n"
        "tables: {dcs: ['0099']}\n"
        "transactions:\n  '856':\n    elements:\n"
        "      - {path: 'N1[ST]/N104', usage: required, table: dcs}\n"
        "      - {path: 'HL[O]/PRF01', usage: required, pattern: '45[0-9]{8}', case: upper}\n",
    )
    x12 = edikit.validate(SAMPLE_ASN, profile=path)
    found = sorted((v.code, v.location.reference()) for v in x12.all_violations())
    assert found == [("EDI409", "ISA08"), ("EDI409", "ISA15"), ("EDI411", "N104")]


def test_validate_cli_with_profile() -> None:
    result = CliRunner().invoke(
        main, ["validate", "--profile", "nordstrom-example", str(SAMPLE_ASN)]
    )
    assert result.exit_code == 1 and "EDI401" in result.output and "source: " in result.output
    unknown = CliRunner().invoke(main, ["validate", "--profile", "no-such", str(SAMPLE_ASN)])
    assert unknown.exit_code == 2 and "no profile 'no-such'" in unknown.output


def test_profile_show_resolved_and_list() -> None:
    shown = CliRunner().invoke(main, ["profile", "show", "nordstrom-example", "--resolved"])
    assert shown.exit_code == 0 and "HL[P]/MAN[GM]" in shown.output  # from retail-common
    listed = CliRunner().invoke(main, ["profile", "list"])
    assert "example to adapt" in listed.output and "retail-common" in listed.output


def test_situational_rule_characters_and_named_rules(tmp_path: Path) -> None:
    profile = write(
        tmp_path,
        "id: mine\ntitle: Mine\nextends: x12\n"
        "rules:\n  - {use: asn.one_per_shipment}\n  - {use: invoice.unique_item}\n"
        "transactions:\n  '850':\n    segments:\n"
        "      - {path: 'N1[ST]', usage: situational, when: {element: BEG02, in: [DS]}}\n"
        "    elements:\n      - {path: BEG03, characters: 'A-Z0-9'}\n",
    )
    drop_ship = (FIXTURES / "structure" / "850-clean.edi").read_text().replace("*SA*", "*DS*", 1)
    found = [v.code for v in edikit.validate(drop_ship, profile=profile).all_violations()]
    assert "EDI401" not in found  # the clean 850 has an N1*ST
    without_n1 = "\n".join(line for line in drop_ship.splitlines() if not line.startswith("N1*"))
    without_n1 = without_n1.replace("SE*11*", "SE*10*") + "\n"
    found = [v.code for v in edikit.validate(without_n1, profile=profile).all_violations()]
    assert "EDI401" in found
    standalone = without_n1.replace("*DS*", "*SA*", 1)
    found = [v.code for v in edikit.validate(standalone, profile=profile).all_violations()]
    assert "EDI401" not in found  # the condition does not hold
    lower = drop_ship.replace("BEG*00*DS*4500012345", "BEG*00*DS*po-4500012345", 1)
    found = [v.code for v in edikit.validate(lower, profile=profile).all_violations()]
    assert "EDI408" in found


def test_suppressing_an_unknown_code_is_a_lint_error(tmp_path: Path) -> None:
    path = write(tmp_path, "id: w\ntitle: W\nsuppress:\n  - {code: EDI999, reason: because}\n")
    with pytest.raises(ProfileError, match="no code 'EDI999'"):
        load_profile(path)


def test_profile_test_reports_unused_suppressions(tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "asn.edi").write_bytes(SAMPLE_ASN.read_bytes())
    profile = write(
        tmp_path,
        "id: mine\ntitle: Mine\nextends: nordstrom-example\nsuppress:\n"
        "  - {code: EDI401, reason: we agreed on a shorter ASN}\n"
        "  - {code: EDI402, reason: an old exception}\n",
    )
    (folder / "asn.expected.yaml").write_text(f"profile: {profile}\nviolations: []\n")
    result = CliRunner().invoke(main, ["profile", "test", str(folder)])
    assert result.exit_code == 0, result.output
    assert "suppression of EDI402 matched nothing" in result.output
    assert "EDI401 matched nothing" not in result.output


def test_the_documented_example_profile_loads(tmp_path: Path) -> None:
    guide = (FIXTURES.parent / "docs" / "profiles.md").read_text(encoding="utf-8")
    example = guide.split("## Writing one", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    resolved = load_profile(write(tmp_path, example))
    assert resolved.profile.transactions["850"].segments[-1].usage == "situational"
