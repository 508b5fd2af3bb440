"""The cross-document checks (EDI6xx) over document sets: the clean 850 > 855 > 856 > 810
chain in fixtures/chains/clean, and variations of it built in the tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.rules.crossdoc.timing import business_days_after
from edikit.vocabulary import Severity, Violation

CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"
ORDER, ACK, ASN, INVOICE = (CHAIN / f"{n}.edi" for n in ("850", "855", "856", "810"))


def _problems(files: list[edikit.FileResult]) -> list[Violation]:
    return [
        v
        for x12 in files
        for v in x12.all_violations()
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]


def _codes(files: list[edikit.FileResult]) -> list[str]:
    return [v.code for v in _problems(files)]


def _asn(text: str, tmp_path: Path, name: str) -> Path:
    """A variation of the chain's 856, written to ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text)
    return path


def _edited(source: Path, *replacements: tuple[str, str]) -> str:
    """The text of a chain document with each (old, new) replaced; old must be there."""
    text = source.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def _asn_text(*replacements: tuple[str, str]) -> str:
    return _edited(ASN, *replacements)


def test_clean_chain_has_no_problems_and_links_every_document() -> None:
    files = edikit.validate_set([ORDER, ACK, ASN, INVOICE])
    assert _problems(files) == []
    links = [v for x12 in files for v in x12.all_violations() if v.code == "EDI600"]
    assert sorted(v.location.transaction_set or "" for v in links) == ["810", "855", "856"]
    assert all(str(ORDER) in v.message for v in links)


def test_the_order_of_the_files_does_not_hide_the_link() -> None:
    assert _problems(edikit.validate_set([INVOICE, ASN, ACK, ORDER])) == []


def test_a_set_without_any_order_says_so_once_and_reports_no_unknown_po() -> None:
    """Ship notices, acknowledgments and invoices checked alone: no 850 at all, so no PO can
    be called unknown; one note (EDI621, information) on the first of them says why."""
    files = edikit.validate_set([ACK, ASN, INVOICE])
    assert _problems(files) == []
    notes = [v for x12 in files for v in x12.all_violations() if v.code == "EDI621"]
    assert [(v.location.transaction_set, v.severity) for v in notes] == [("855", Severity.INFO)]
    assert "4500012345" in notes[0].message


def test_with_another_order_in_the_set_every_later_document_names_an_unknown_po() -> None:
    other = ORDER.read_bytes().replace(b"4500012345", b"4500099999")
    files = edikit.validate_set([other, ACK, ASN, INVOICE])
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
    assert alone.exit_code == 0  # a ship notice alone: no PO to check against, said once
    report = json.loads(alone.output)
    codes = [v["code"] for f in report["files"] for d in f["documents"] for v in d["violations"]]
    assert "EDI601" not in codes
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
    assert "before the PO's first ship date 2026-11-25 (DTM*037)" in found[0].message
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
    assert [code for result in files for code in result.suppressed] == ["EDI605"]


def test_a_tolerance_that_is_not_a_percentage_is_a_profile_error(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(_PROFILE.replace("tolerance_percent: 20", "tolerance_percent: lots"))
    result = CliRunner().invoke(main, ["validate", "--set", "--profile", str(profile), str(ASN)])
    assert result.exit_code == 2
    assert "tolerance_percent must be a number from 0 to 100" in result.output


# -- 855 echo (EDI613) ------------------------------------------------------------------------
def _ack_text(*replacements: tuple[str, str]) -> str:
    return _edited(ACK, *replacements)


def test_an_acknowledgment_echoes_the_order_unless_its_status_says_otherwise(
    tmp_path: Path,
) -> None:
    dearer = ("PO1*1*12*PR*54.50", "PO1*1*12*PR*56.00")
    cases = {
        # accepted (IA) at another price: reported on PO104
        "ia-price": ((dearer,), [("EDI613", "PO1", 4)]),
        # IP: accepted, price changed
        "ip-price": ((dearer, ("ACK*IA*12*PR", "ACK*IP*12*PR")), []),
        # accepted, 10 of 12 on the PO1 and the ACK: reported on PO102 once
        "ia-quantity": (
            (("PO1*1*12*PR", "PO1*1*10*PR"), ("ACK*IA*12*PR", "ACK*IA*10*PR")),
            [("EDI613", "PO1", 2)],
        ),
        # the PO1 echoes 12, but the ACKs accept 10 without a quantity status: on ACK02
        "ack-total": ((("ACK*IA*12*PR", "ACK*IA*10*PR"),), [("EDI613", "ACK", 2)]),
        # 10 accepted, 2 backordered: the statuses say why the ACK02s differ
        "split": (
            (("ACK*IA*12*PR", "ACK*IA*10*PR~\nACK*IB*2*PR"), ("SE*8*0001", "SE*9*0001")),
            [],
        ),
        # another UPC under the same line number, as accepted; IS (substitution) allows it
        "ia-product": (
            (("PO1*1*12*PR*54.50**UP*012345678905", "PO1*1*12*PR*54.50**UP*012345678929"),),
            [("EDI613", "PO1", 7)],
        ),
        "is-product": (
            (
                ("PO1*1*12*PR*54.50**UP*012345678905", "PO1*1*12*PR*54.50**UP*012345678929"),
                ("ACK*IA*12*PR", "ACK*IS*12*PR"),
            ),
            [],
        ),
        # no ACK segment: the line claims no change, and echoes the PO
        "no-ack": ((("ACK*IA*12*PR~\n", ""), ("SE*8*0001", "SE*7*0001")), []),
        # cases of 12 (PO4) for 12 pairs ordered: the same quantity in the PO's unit
        "cases": (
            (
                (
                    "PO1*1*12*PR*54.50**UP*012345678905",
                    "PO1*1*1*CA*54.50**UP*012345678905~\nPO4*12",
                ),
                ("ACK*IA*12*PR", "ACK*IA*1*CA"),
                ("SE*8*0001", "SE*9*0001"),
            ),
            [],
        ),
    }
    for name, (swaps, expected) in cases.items():
        path = tmp_path / f"{name}.edi"
        path.write_text(_ack_text(*swaps))
        found = _problems(edikit.validate_set([ORDER, path]))
        got = [(v.code, v.location.segment_id, v.location.element) for v in found]
        assert got == expected, (name, [v.message for v in found])


def test_a_rejected_line_is_not_held_to_the_order(tmp_path: Path) -> None:
    path = tmp_path / "855.edi"
    path.write_text(
        _ack_text(("PO1*1*12*PR*54.50", "PO1*1*0*PR*0"), ("ACK*IA*12*PR", "ACK*IR*12*PR"))
    )
    assert _problems(edikit.validate_set([ORDER, path])) == []


# -- invoice lines on a ship notice (EDI614) --------------------------------------------------
def test_an_invoice_line_for_an_item_no_ship_notice_carried(tmp_path: Path) -> None:
    """The ship notice carries line 1 only; the invoice bills both lines."""
    one_line = _asn(
        _asn_text(
            (
                "HL*5*2*P~\nMAN*GM*00008123450000000023~\nHL*6*5*I~\n"
                "LIN**UP*012345678912*VN*RUN-200-10~\nSN1**6*PR~\n",
                "",
            ),
            ("CTT*6*18", "CTT*4*12"),
            ("SE*18*0001", "SE*13*0001"),
        ),
        tmp_path,
        "856.edi",
    )
    found = _problems(edikit.validate_set([ORDER, one_line, INVOICE]))
    assert [(v.code, v.location.line, v.location.element) for v in found] == [("EDI614", 6, 7)]
    assert "UP 012345678912" in found[0].message


# -- units of measure -------------------------------------------------------------------------
def test_cases_are_converted_through_the_pack_size(tmp_path: Path) -> None:
    """The PO orders 2 cases of 6 pairs (PO4*6); the ship notice counts pairs."""
    order = tmp_path / "850.edi"
    order.write_text(
        ORDER.read_text()
        .replace("PO1*1*12*PR*54.50**UP*012345678905", "PO1*1*2*CA*327.00**UP*012345678905~\nPO4*6")
        .replace("SE*7*0001", "SE*8*0001")
    )
    assert "EDI603" not in _codes(edikit.validate_set([order, ASN]))  # 12 pairs = 2 cases
    over = _asn(
        _asn_text(("SN1**12*PR", "SN1**13*PR"), ("CTT*6*18", "CTT*6*19")), tmp_path, "a.edi"
    )
    [found] = [v for v in _problems(edikit.validate_set([order, over])) if v.code == "EDI603"]
    assert "(13 PR here)" in found.message and "orders 2 CA" in found.message


def test_units_the_documents_do_not_relate_are_not_compared(tmp_path: Path) -> None:
    """Pairs shipped against a line ordered in eaches: no pack size says how many."""
    order = tmp_path / "850.edi"
    order.write_text(ORDER.read_text().replace("PO1*1*12*PR", "PO1*1*12*EA"))
    over = _asn(
        _asn_text(("SN1**12*PR", "SN1**99*PR"), ("CTT*6*18", "CTT*6*105")), tmp_path, "a.edi"
    )
    assert "EDI603" not in _codes(edikit.validate_set([order, over]))


# -- timing (EDI615-EDI617) -------------------------------------------------------------------
_TIMING = """
id: timing-guideline
title: "855 in 48 hours, ASN in 2 hours, invoice in 3 business days"
extends: x12
rules:
  - use: timing.acknowledgment
    with: {hours: 48}
    citation: {document: "Vendor guide", section: "4.2 acknowledgments"}
  - use: timing.ship_notice
    with: {hours: 2}
  - use: timing.invoice
    with: {business_days: 3}
"""
_UTC = dt.UTC


def _timing_profile(tmp_path: Path) -> Path:
    path = tmp_path / "timing.yaml"
    path.write_text(_TIMING)
    return path


def _shipped_at(tmp_path: Path, dtm: str) -> Path:
    return _asn(
        _asn_text(("TD5*B*2*UPSN~\n", f"TD5*B*2*UPSN~\n{dtm}~\n"), ("SE*18*0001", "SE*19*0001")),
        tmp_path,
        "856-dtm.edi",
    )


def test_acknowledgment_window_from_received_times(tmp_path: Path) -> None:
    profile = _timing_profile(tmp_path)
    received = {
        str(ORDER): dt.datetime(2026, 11, 2, 8, 0, tzinfo=_UTC),
        str(ACK): dt.datetime(2026, 11, 4, 9, 0, tzinfo=_UTC),  # 49 hours later
    }
    files = edikit.validate_set([ORDER, ACK], profile=profile, received=received)
    [late] = _problems(files)
    assert (late.code, late.location.segment_id, late.location.element) == ("EDI615", "BAK", 3)
    assert "49.0 hours" in late.message and "the limit is 48 hours" in late.message
    assert late.source == "profile:timing-guideline"
    assert late.citation is not None and "4.2 acknowledgments" in late.citation
    received[str(ACK)] = dt.datetime(2026, 11, 4, 7, 0, tzinfo=_UTC)
    assert _problems(edikit.validate_set([ORDER, ACK], profile=profile, received=received)) == []
    # without a profile there is no limit to break
    assert _problems(edikit.validate_set([ORDER, ACK], received=received)) == []


def test_the_clean_chain_is_on_time_by_its_envelopes(tmp_path: Path) -> None:
    """850 sent 2026-11-01 08:00, 855 2026-11-02 09:30 (25.5 hours); the ship notice has no
    DTM*011, so neither it nor the invoice has a ship time to be late against."""
    files = edikit.validate_set([ORDER, ACK, ASN, INVOICE], profile=_timing_profile(tmp_path))
    assert _problems(files) == []


def test_ship_notice_window_reads_the_dtm_time_code(tmp_path: Path) -> None:
    """The 856's group is dated 2026-11-20 09:30 (UTC): shipped at 06:00 UTC is 3.5 hours
    before it; at 06:00 Eastern Standard Time (11:00 UTC) it shipped after the ASN."""
    profile = _timing_profile(tmp_path)
    late = _shipped_at(tmp_path, "DTM*011*20261120*0600")
    [found] = _problems(edikit.validate_set([ORDER, late], profile=profile))
    assert (found.code, found.location.segment_id, found.location.element) == ("EDI616", "DTM", 2)
    assert "3.5 hours" in found.message
    eastern = _shipped_at(tmp_path, "DTM*011*20261120*0600*ES")
    assert _problems(edikit.validate_set([ORDER, eastern], profile=profile)) == []


def test_invoice_window_counts_business_days_from_the_last_shipment(tmp_path: Path) -> None:
    """Shipped Friday 2026-11-13; the invoice's group is dated Saturday 2026-11-21: Monday to
    Friday is 5 business days. (The ship notice's own window is left out of this profile.)"""
    profile = tmp_path / "invoice-only.yaml"
    profile.write_text(_TIMING.replace("  - use: timing.ship_notice\n    with: {hours: 2}\n", ""))
    shipped = _shipped_at(tmp_path, "DTM*011*20261113*1700")
    found = _problems(edikit.validate_set([ORDER, shipped, INVOICE], profile=profile))
    assert [(v.code, v.location.segment_id) for v in found] == [("EDI617", "BIG")]
    assert "5 business days" in found[0].message and "the limit is 3" in found[0].message
    wednesday = _shipped_at(tmp_path, "DTM*011*20261118*1700")  # to Saturday: 2 days
    assert _problems(edikit.validate_set([ORDER, wednesday, INVOICE], profile=profile)) == []


def test_business_days() -> None:
    friday = dt.date(2026, 11, 20)
    assert business_days_after(friday, friday) == 0
    assert business_days_after(friday, dt.date(2026, 11, 22)) == 0  # the weekend
    assert business_days_after(friday, dt.date(2026, 11, 23)) == 1
    assert business_days_after(friday, dt.date(2026, 11, 27)) == 5
    assert business_days_after(friday, dt.date(2026, 12, 4)) == 10
    assert business_days_after(friday, dt.date(2026, 11, 19)) == 0


def test_timing_limits_are_checked_when_the_profile_loads(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(
        _TIMING.replace("hours: 48", "hours: -1").replace("business_days: 3", "business_days: 2.5")
    )
    result = CliRunner().invoke(main, ["validate", "--set", "--profile", str(profile), str(ASN)])
    assert result.exit_code == 2
    assert "timing.acknowledgment: hours must be a number of hours above 0" in result.output
    assert "timing.invoice: business_days must be a whole number" in result.output


def test_cli_times_are_the_envelopes_unless_received_is_given(tmp_path: Path) -> None:
    """Shipped 06:00, the ship notice's group dated 09:30: late by the envelope; on time when
    it was received at 07:00 (a file's modification time is never used)."""
    profile = _timing_profile(tmp_path)
    late = _shipped_at(tmp_path, "DTM*011*20261120*0600")
    args = [
        "validate",
        "--set",
        "--profile",
        str(profile),
        "--format",
        "json",
        str(ORDER),
        str(late),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    report = json.loads(result.output)
    codes = [v["code"] for f in report["files"] for d in f["documents"] for v in d["violations"]]
    assert codes == ["EDI616"]
    on_time = CliRunner().invoke(main, [*args, "--received", "2026-11-20T07:00"])
    assert on_time.exit_code == 0, on_time.output


def test_a_store_of_the_distribution_is_not_compared_with_the_po_buyer(tmp_path: Path) -> None:
    """The PO's heading N1*BY is the retailer's head office; its SDQ sends line 1 to stores
    0042 and 0043. An order level for store 0043 is not a different buyer (EDI611)."""
    order = tmp_path / "850.edi"
    order.write_text(
        ORDER.read_text()
        .replace(
            "N1*ST*FOOT RETAILER DC 0042*92*0042~\n",
            "N1*ST*FOOT RETAILER DC 0042*92*0042~\nN1*BY*HEAD OFFICE*92*0001~\n",
        )
        .replace(
            "PO1*1*12*PR*54.50**UP*012345678905~\n",
            "PO1*1*12*PR*54.50**UP*012345678905~\nSDQ*PR*92*0042*8*0043*4~\n",
        )
        .replace("SE*7*0001", "SE*9*0001")
    )
    store = _asn(
        _asn_text(
            ("PRF*4500012345~\n", "PRF*4500012345~\nN1*BY*STORE 43*92*0043~\n"),
            ("SN1**12*PR", "SN1**4*PR"),
            ("CTT*6*18", "CTT*6*10"),
            ("SE*18*0001", "SE*19*0001"),
        ),
        tmp_path,
        "856.edi",
    )
    assert _problems(edikit.validate_set([order, store])) == []
    elsewhere = _asn(store.read_text().replace("92*0043", "92*0001"), tmp_path, "856-hq.edi")
    assert _codes(edikit.validate_set([order, elsewhere])) == ["EDI618"]


def test_the_window_falls_back_to_requested_ship_and_cancel_dates(tmp_path: Path) -> None:
    """Without DTM*037/038 the PO's window is DTM*010 (requested ship) to DTM*001 (cancel)."""
    for dates, shipped, expected in (
        ("DTM*010*20261115~\nDTM*001*20261130", "20261120", []),
        ("DTM*010*20261122~\nDTM*001*20261130", "20261120", ["(DTM*010)"]),
        ("DTM*010*20261101~\nDTM*001*20261110", "20261120", ["(DTM*001)"]),
        ("DTM*037*20261118~\nDTM*010*20261122", "20261120", []),  # 037 comes first
    ):
        order = tmp_path / "850.edi"
        order.write_text(
            ORDER.read_text()
            .replace("**20261101~\n", f"**20261101~\n{dates}~\n", 1)
            .replace("SE*7*0001", "SE*9*0001")
        )
        notice = _shipped_at(tmp_path, f"DTM*011*{shipped}")
        found = _problems(edikit.validate_set([order, notice]))
        assert [v.message[v.message.index("(DTM") :][:9] for v in found] == expected, dates
        assert all(v.code == "EDI612" for v in found)
