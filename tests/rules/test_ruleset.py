"""Composing a RuleSet from the catalog and a profile, and resolving problems through it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from edikit.errors import ProfileError
from edikit.location import Location
from edikit.profiles.loader import load_profile
from edikit.rules.compose import compose, profile_rule_key
from edikit.rules.ruleset import MAX_ARGUMENT, standard_ruleset
from edikit.vocabulary import Problem, Severity

HERE = Location(file="x.edi", line=3, column=1)


def _profile(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("id: p\ntitle: P\nextends: x12\n" + body, encoding="utf-8")
    return path


def test_standard_rules_are_the_catalog() -> None:
    rules = standard_ruleset()
    violation = rules.resolve(Problem("EDI132", HERE, {"declared": 9, "count": 8}))
    assert violation is not None
    assert (violation.code, violation.rule_id, violation.severity) == (
        "EDI132",
        "EDI132",
        Severity.ERROR,
    )
    assert violation.source == "standard"
    assert violation.message == "SE01 says 9 segments; ST..SE holds 8"
    assert violation.args == {"declared": 9, "count": 8}


def test_a_stage_may_lower_a_finding_the_profile_did_not_set() -> None:
    rules = standard_ruleset()
    problem = Problem("EDI105", HERE, {"element": "GS08"}, "missing", Severity.WARNING)
    violation = rules.resolve(problem)
    assert violation is not None and violation.severity is Severity.WARNING
    assert violation.message == "GS08 is missing"


def test_profile_sets_id_severity_citation_chargeback_of_a_code(tmp_path: Path) -> None:
    path = _profile(
        tmp_path,
        "rules:\n"
        "  - code: EDI132\n"
        "    id: '3.1'\n"
        "    severity: warning\n"
        "    citation: {document: Guide, section: '3.1'}\n"
        "    chargeback: $50 a document\n",
    )
    rules = compose(load_profile(path))
    violation = rules.resolve(Problem("EDI132", HERE, {"message": "m"}))
    assert violation is not None
    assert violation.rule_id == "3.1"
    assert violation.severity is Severity.WARNING
    assert violation.citation == "Guide, 3.1"
    assert violation.chargeback == "$50 a document"
    assert violation.source == "profile:p"


def test_profile_severity_wins_over_the_stage(tmp_path: Path) -> None:
    rules = compose(load_profile(_profile(tmp_path, "severities: {EDI105: error}\n")))
    problem = Problem("EDI105", HERE, {"message": "m"}, severity=Severity.WARNING)
    violation = rules.resolve(problem)
    assert violation is not None and violation.severity is Severity.ERROR


def test_named_rule_governs_its_codes(tmp_path: Path) -> None:
    path = _profile(
        tmp_path,
        "rules:\n  - use: asn.over_shipment\n    id: OS-1\n    with: {tolerance_percent: 5}\n",
    )
    rules = compose(load_profile(path))
    assert rules.params("EDI603")["tolerance_percent"] == 5
    assert rules.params("EDI619")["tolerance_percent"] == 5
    assert rules.rules["EDI603"].id == rules.rules["EDI619"].id == "OS-1"


def test_rules_only_a_profile_switches_on(tmp_path: Path) -> None:
    assert not standard_ruleset().is_on("EDI616")
    path = _profile(tmp_path, "rules:\n  - use: timing.ship_notice\n    with: {hours: 2}\n")
    assert compose(load_profile(path)).is_on("EDI616")
    assert standard_ruleset().is_on("EDI603")


def test_suppressed_and_unselected_findings_are_left_out(tmp_path: Path) -> None:
    path = _profile(tmp_path, "suppress:\n  - {code: EDI506, reason: the DC accepts S>O>I}\n")
    rules = compose(load_profile(path), ignore=["EDI3"])
    assert rules.resolve(Problem("EDI506", HERE, {"message": "m"})) is None
    assert rules.resolve(Problem("EDI301", HERE, {"message": "m"})) is None
    assert rules.resolve(Problem("EDI132", HERE, {"message": "m"})) is not None
    assert rules.is_on("EDI506")  # still looked for: its suppression is counted
    assert not rules.is_on("EDI301")


def test_profile_rules_carry_their_own_settings(tmp_path: Path) -> None:
    path = _profile(
        tmp_path,
        'transactions:\n  "856":\n    segments:\n'
        "      - {path: 'HL[S]/TD5', usage: required, id: '4.2.1', severity: warning}\n",
    )
    rules = compose(load_profile(path))
    problem = Problem("EDI401", HERE, {"message": "m"}, rule=profile_rule_key("856", "segments", 0))
    violation = rules.resolve(problem)
    assert violation is not None
    assert (violation.rule_id, violation.severity) == ("4.2.1", Severity.WARNING)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("rules:\n  - code: EDI999\n", "no code 'EDI999'"),
        ("rules:\n  - use: asn.nothing\n", "unknown rule 'asn.nothing'"),
        ("rules:\n  - use: timing.invoice\n", "business_days"),
        ("rules:\n  - use: timing.invoice\n    with: {business_days: -1}\n", "business_days"),
        (
            "rules:\n  - use: ctt.counts\n    with: {asn: cartons}\n",
            "one of hl, items, lines, none",
        ),
        ("rules:\n  - use: ctt.counts\n    with: {boxes: 1}\n", "takes no parameter boxes"),
        ("severities: {EDI999: error}\n", "no code 'EDI999'"),
    ],
)
def test_what_a_profile_says_of_the_catalog_is_checked(
    tmp_path: Path, body: str, expected: str
) -> None:
    with pytest.raises(ProfileError, match=expected) as raised:
        compose(load_profile(_profile(tmp_path, body)))
    assert "p.yaml:" in str(raised.value)


def test_long_arguments_are_cut_in_findings() -> None:
    value = "X" * 10_000
    violation = standard_ruleset().resolve(Problem("EDI004", HERE, {"text": value}))
    assert violation is not None
    assert len(violation.message) < 200 and "10,000 characters" in violation.message
    assert violation.args["text"] == value[:MAX_ARGUMENT]


def test_a_template_and_its_caller_that_disagree_still_give_a_message() -> None:
    violation = standard_ruleset().resolve(Problem("EDI132", HERE, {"declared": 9}))
    assert violation is not None
    assert violation.message.startswith("SE01 says {declared} segments")
    assert "declared=9" in violation.message


def test_a_rule_set_pickles() -> None:
    rules = compose(load_profile("zappos-example"), select=["EDI"], minimum=Severity.WARNING)
    again = pickle.loads(pickle.dumps(rules))
    assert again == rules
