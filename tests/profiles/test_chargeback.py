"""Chargebacks in profiles: a note (text) or data (amount, per, currency) that findings carry
and the scorecard adds up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import edikit
from edikit.errors import ProfileError
from edikit.vocabulary import Fee

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "samples" / "856-pick-pack.edi"
# The first carton's SSCC with a wrong check digit: one EDI502.
BAD_SSCC = SAMPLE.read_bytes().replace(b"00008123450000000016", b"00008123450000000017")


def _profile(tmp_path: Path, rules: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"id: cb-test\ntitle: chargebacks\nextends: retail-common\nrules:\n{rules}")
    return path


def _sscc_finding(profile: Path) -> edikit.Violation:
    result = edikit.validate(BAD_SSCC, profile=profile)
    [finding] = [v for v in result.all_violations() if v.code == "EDI502"]
    return finding


def test_a_structured_chargeback_reaches_the_finding(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path, "  - code: EDI502\n    chargeback: {amount: 25, per: document, currency: EUR}\n"
    )
    finding = _sscc_finding(profile)
    assert finding.fee == Fee(amount=Decimal("25.00"), per="document", currency="EUR")
    assert finding.chargeback == "25.00 EUR per document"


def test_a_note_beside_the_amount_is_what_findings_show(tmp_path: Path) -> None:
    rules = "  - code: EDI502\n    chargeback: {amount: 1.5, note: offset 953 per carton}\n"
    finding = _sscc_finding(_profile(tmp_path, rules))
    assert finding.chargeback == "offset 953 per carton"
    assert finding.fee == Fee(amount=Decimal("1.50"), per="finding", currency="USD")


def test_the_text_form_is_still_accepted_and_has_no_fee(tmp_path: Path) -> None:
    finding = _sscc_finding(_profile(tmp_path, "  - code: EDI502\n    chargeback: $5 a carton\n"))
    assert finding.chargeback == "$5 a carton"
    assert finding.fee is None


def test_a_child_profile_replaces_its_parents_chargeback_whole(tmp_path: Path) -> None:
    parent = _profile(tmp_path, "  - code: EDI502\n    chargeback: {amount: 25}\n", "parent.yaml")
    child = tmp_path / "child.yaml"
    child.write_text(
        f"id: cb-child\ntitle: child\nextends: {parent}\n"
        "rules:\n  - code: EDI502\n    chargeback: see the routing guide\n"
    )
    finding = _sscc_finding(child)
    assert finding.chargeback == "see the routing guide"
    assert finding.fee is None


@pytest.mark.parametrize(
    ("chargeback", "says"),
    [
        ("{amount: -1}", "greater than or equal to 0"),
        ("{amount: 5, per: carton}", "'finding', 'document' or 'order'"),
        ("{amount: 5, currency: dollars}", "pattern"),
        ("{amount: 5, rate: 3}", "rate"),
    ],
)
def test_a_wrong_chargeback_is_a_profile_error_at_its_place(
    tmp_path: Path, chargeback: str, says: str
) -> None:
    profile = _profile(tmp_path, f"  - code: EDI502\n    chargeback: {chargeback}\n")
    with pytest.raises(ProfileError) as raised:
        edikit.load_profile(profile)
    assert says in str(raised.value)
    assert "p.yaml:6" in str(raised.value)


def test_the_json_report_carries_the_fee(tmp_path: Path) -> None:
    from edikit.report.json_report import violation_to_json

    profile = _profile(tmp_path, "  - code: EDI502\n    chargeback: {amount: 25, per: order}\n")
    data = violation_to_json(_sscc_finding(profile))
    assert data["fee"] == {"amount": "25.00", "per": "order", "currency": "USD"}
