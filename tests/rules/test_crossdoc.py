"""The cross-document checks (EDI6xx) over document sets: the clean 850 > 855 > 856 > 810
chain in fixtures/chains/clean, and variations of it built in the tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import edikit
from edikit.cli.main import main
from edikit.rules.violation import Severity, Violation

CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"
ORDER, ACK, ASN, INVOICE = (CHAIN / f"{n}.edi" for n in ("850", "855", "856", "810"))


def _problems(files: list[edikit.X12File]) -> list[Violation]:
    return [
        v
        for x12 in files
        for v in x12.all_violations()
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]


def _codes(files: list[edikit.X12File]) -> list[str]:
    return [v.code for v in _problems(files)]


def _asn(text: str, tmp_path: Path, name: str) -> Path:
    """A variation of the chain's 856, written to ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text)
    return path


def _asn_text(*replacements: tuple[str, str]) -> str:
    text = ASN.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def test_clean_chain_has_no_problems_and_links_every_document() -> None:
    files = edikit.validate_set([ORDER, ACK, ASN, INVOICE])
    assert _problems(files) == []
    links = [v for x12 in files for v in x12.all_violations() if v.code == "EDI600"]
    assert sorted(v.location.transaction_set or "" for v in links) == ["810", "855", "856"]
    assert all(str(ORDER) in v.message for v in links)


def test_the_order_of_the_files_does_not_hide_the_link() -> None:
    assert _problems(edikit.validate_set([INVOICE, ASN, ACK, ORDER])) == []


def test_without_the_order_every_later_document_names_an_unknown_po() -> None:
    files = edikit.validate_set([ACK, ASN, INVOICE])
    found = [v for v in _problems(files) if v.code == "EDI601"]
    assert [(v.location.transaction_set, v.location.segment_id) for v in found] == [
        ("855", "BAK"),
        ("856", "PRF"),
        ("810", "BIG"),
    ]
    assert all("4500012345" in v.message for v in found)


def test_validating_alone_runs_no_cross_document_check() -> None:
    assert [v.code for v in edikit.validate(ASN).all_violations()] == []


def test_shipped_quantities_add_up_across_ship_notices(tmp_path: Path) -> None:
    """Two ship notices of 8 pairs each of a line ordered 12: the second one over-ships."""
    first = _asn(
        _asn_text(("SN1**12*PR", "SN1**8*PR"), ("CTT*6*18", "CTT*6*14")), tmp_path, "a.edi"
    )
    second = _asn(
        _asn_text(
            ("SN1**12*PR", "SN1**8*PR"),
            ("CTT*6*18", "CTT*6*14"),
            ("ASN100234", "ASN100235"),
            ("00008123450000000016", "00008123450000000030"),
            ("00008123450000000023", "00008123450000000047"),
            ("LIN**UP*012345678912*VN*RUN-200-10~\nSN1**6*PR", "LIN**VN*RUN-200-10~\nSN1**0*PR"),
        ),
        tmp_path,
        "b.edi",
    )
    files = edikit.validate_set([ORDER, first, second])
    found = _problems(files)
    assert [(v.code, v.location.file, v.location.element) for v in found] == [
        ("EDI603", str(second), 2)
    ]
    assert "16 PR" in found[0].message and "orders 12 PR" in found[0].message


def test_a_replacement_ship_notice_takes_the_place_of_the_original(tmp_path: Path) -> None:
    """BSN01 05 with the same BSN02 and the same cartons: nothing is counted twice and the
    SSCCs are not duplicates."""
    replacement = _asn(_asn_text(("BSN*00*", "BSN*05*")), tmp_path, "replace.edi")
    assert _problems(edikit.validate_set([ORDER, ASN, replacement])) == []


def test_a_second_original_with_the_same_number_is_reported(tmp_path: Path) -> None:
    again = _asn(ASN.read_text(), tmp_path, "again.edi")
    codes = _codes(edikit.validate_set([ORDER, ASN, again]))
    # the same BSN02, both SSCCs again, and both lines shipped twice
    assert sorted(codes) == ["EDI603", "EDI603", "EDI604", "EDI604", "EDI605"]


def test_a_gtin_14_on_the_ship_notice_matches_the_upc_on_the_order(tmp_path: Path) -> None:
    gtin = _asn(_asn_text(("LIN**UP*012345678905", "LIN**UK*00012345678905")), tmp_path, "gtin.edi")
    assert _problems(edikit.validate_set([ORDER, gtin])) == []


def test_an_item_matched_by_vendor_item_number_only(tmp_path: Path) -> None:
    by_style = _asn(
        _asn_text(("LIN**UP*012345678912*VN*RUN-200-10", "LIN**VN*RUN-200-10")),
        tmp_path,
        "style.edi",
    )
    assert _problems(edikit.validate_set([ORDER, by_style])) == []
    other = _asn(
        _asn_text(("LIN**UP*012345678912*VN*RUN-200-10", "LIN**VN*RUN-300-10")),
        tmp_path,
        "other.edi",
    )
    found = _problems(edikit.validate_set([ORDER, other]))
    assert [(v.code, v.location.segment_id, v.location.line) for v in found] == [
        ("EDI602", "LIN", 17)
    ]


def test_quantities_in_different_units_are_not_compared(tmp_path: Path) -> None:
    """Pack-size conversion is not done: 2 cases (CA) of a line ordered in pairs are not
    claimed to over-ship, nor to fit."""
    cases = _asn(
        _asn_text(("SN1**12*PR", "SN1**20*CA"), ("CTT*6*18", "CTT*6*26")), tmp_path, "ca.edi"
    )
    assert "EDI603" not in _codes(edikit.validate_set([ORDER, cases]))


def test_duplicate_invoice_numbers_across_files(tmp_path: Path) -> None:
    again = tmp_path / "810-again.edi"
    again.write_text(INVOICE.read_text())
    found = _problems(edikit.validate_set([ORDER, ASN, INVOICE, again]))
    # the same number, and both lines billed a second time
    assert [(v.code, v.location.file, v.location.segment_id) for v in found] == [
        ("EDI606", str(again), "BIG"),
        ("EDI609", str(again), "IT1"),
        ("EDI609", str(again), "IT1"),
    ]


def test_the_order_of_the_files_does_not_matter_for_invoices() -> None:
    """The set is checked in the order the documents travel: the invoice named first is
    still compared with the ship notice named after it."""
    assert _problems(edikit.validate_set([INVOICE, ASN, ORDER])) == []


def test_an_invoice_before_any_ship_notice_bills_unshipped_goods() -> None:
    """One finding on BIG04 (the PO has no ship notice at all), not one per line."""
    found = _problems(edikit.validate_set([ORDER, INVOICE]))
    assert [(v.code, v.location.line, v.location.element) for v in found] == [("EDI614", 4, 4)]
    assert "no ship notice for PO" in found[0].message


def test_acknowledgment_checks(tmp_path: Path) -> None:
    """A line-detail 855 that leaves out line 2 and answers line 1 twice; a header-only
    acknowledgment (AK) is not expected to list lines."""
    partial = tmp_path / "855.edi"
    partial.write_text(
        ACK.read_text().replace(
            "PO1*2*6*PR*60.00**UP*012345678912*VN*RUN-200-10", "PO1*3*6*PR*54.50**UP*012345678905"
        )
    )
    found = _problems(edikit.validate_set([ORDER, partial]))
    assert [(v.code, v.location.segment_id, v.location.element) for v in found] == [
        ("EDI607", "BAK", 2),
        ("EDI608", "PO1", 1),
    ]
    header_only = tmp_path / "855-ak.edi"
    header_only.write_text(partial.read_text().replace("BAK*00*AC*", "BAK*00*AK*"))
    assert _problems(edikit.validate_set([ORDER, header_only])) == []


def test_invoice_price_is_the_order_price(tmp_path: Path) -> None:
    dearer = tmp_path / "810.edi"
    dearer.write_text(
        INVOICE.read_text()
        .replace("IT1*2*6*PR*60.00", "IT1*2*6*PR*61.00")
        .replace("TDS*101400", "TDS*102000")
    )
    found = _problems(edikit.validate_set([ORDER, ASN, dearer]))
    assert [(v.code, v.location.element) for v in found] == [("EDI610", 4)]
    assert "61 a unit" in found[0].message and "orders at 60" in found[0].message


def test_cli_set_flag_reports_and_exits_non_zero() -> None:
    runner = CliRunner()
    alone = runner.invoke(main, ["validate", "--set", "--format", "json", str(ASN)])
    assert alone.exit_code == 1
    report = json.loads(alone.output)
    codes = [v["code"] for f in report["files"] for d in f["documents"] for v in d["violations"]]
    assert codes == ["EDI601"]
    chain = runner.invoke(main, ["validate", "--set", str(CHAIN)])
    assert chain.exit_code == 0, chain.output
    assert runner.invoke(main, ["validate", str(ASN)]).exit_code == 0


def test_ship_to_and_ship_window_against_the_order(tmp_path: Path) -> None:
    order = tmp_path / "850.edi"
    order.write_text(
        ORDER.read_text()
        .replace("**20261101~\n", "**20261101~\nDTM*037*20261125~\n")
        .replace("SE*7*0001", "SE*8*0001")
    )
    notice = _asn(
        _asn_text(
            ("TD5*B*2*UPSN~\n", "TD5*B*2*UPSN~\nDTM*011*20261120~\nN1*ST*DC 43*92*0043~\n"),
            ("SE*18*0001", "SE*20*0001"),
        ),
        tmp_path,
        "856.edi",
    )
    found = _problems(edikit.validate_set([order, notice]))
    assert [(v.code, v.location.segment_id, v.location.element) for v in found] == [
        ("EDI612", "DTM", 2),
        ("EDI611", "N1", 4),
    ]
    assert "before the PO's ship-not-before date 2026-11-25" in found[0].message
    # the chain's own PO (ship-to 0042, no window) against a ship notice without N1 or DTM
    assert _problems(edikit.validate_set([ORDER, ASN])) == []


_PROFILE = """
id: chain-guideline
title: "Over-shipment tolerance, a softer item rule, resent ASNs accepted"
extends: x12
rules:
  - use: asn.over_shipment
    with: {tolerance_percent: 20}
severities:
  EDI602: warning
suppress:
  - code: EDI605
    reason: the retailer's network resends ASNs under the same number
"""


def test_a_profile_sets_tolerance_severities_and_suppressions(tmp_path: Path) -> None:
    profile = tmp_path / "guideline.yaml"
    profile.write_text(_PROFILE)
    over_by_2 = _asn(
        _asn_text(("SN1**12*PR", "SN1**14*PR"), ("CTT*6*18", "CTT*6*20")), tmp_path, "a.edi"
    )
    assert "EDI603" in _codes(edikit.validate_set([ORDER, over_by_2]))
    assert _problems(edikit.validate_set([ORDER, over_by_2], profile=profile)) == []  # 14 <= 14.4
    over_by_3 = _asn(
        _asn_text(("SN1**12*PR", "SN1**15*PR"), ("CTT*6*18", "CTT*6*21")), tmp_path, "b.edi"
    )
    [found] = _problems(edikit.validate_set([ORDER, over_by_3], profile=profile))
    assert found.code == "EDI603" and "14.4 with the profile's tolerance" in found.message
    stranger = _asn(
        _asn_text(("LIN**UP*012345678912*VN*RUN-200-10", "LIN**VN*RUN-300-10")), tmp_path, "c.edi"
    )
    [softer] = _problems(edikit.validate_set([ORDER, stranger], profile=profile))
    assert (softer.code, softer.severity) == ("EDI602", Severity.WARNING)
    resent = _asn(
        ASN.read_text()
        .replace("00008123450000000016", "00008123450000000030")
        .replace("00008123450000000023", "00008123450000000047"),
        tmp_path,
        "d.edi",
    )
    files = edikit.validate_set([ORDER, ASN, resent], profile=profile)
    assert "EDI605" not in _codes(files)
    assert [v.code for x12 in files for v in x12.suppressed] == ["EDI605"]


def test_a_tolerance_that_is_not_a_percentage_is_a_profile_error(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(_PROFILE.replace("tolerance_percent: 20", "tolerance_percent: lots"))
    result = CliRunner().invoke(main, ["validate", "--set", "--profile", str(profile), str(ASN)])
    assert result.exit_code == 2
    assert "tolerance_percent must be a number from 0 to 100" in result.output
