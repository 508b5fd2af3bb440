"""Envelope checks: one small input per code, each reported once at the right place."""

from __future__ import annotations

import pytest

import edikit
from edikit.io.segment import Segment
from edikit.rules.registry import REGISTRY
from tests.helpers import interchange, isa

GOOD = interchange()


def codes(data: str | bytes) -> list[str]:
    return [v.code for v in edikit.parse(data, structure=False).all_violations()]


def only(data: str | bytes, code: str) -> edikit.Violation:
    found = edikit.parse(data, structure=False).all_violations()
    assert [v.code for v in found] == [code], found
    return found[0]


def test_clean_interchange_has_no_violations() -> None:
    assert codes(GOOD) == []


FAULTS: list[tuple[str | bytes, str]] = [
    (b"", "EDI001"),
    (b"  \r\n", "EDI001"),
    (b"hello world", "EDI002"),
    (b"UNA:+.? 'UNB+UNOA:1", "EDI002"),
    ("\ufeff".encode("utf-16"), "EDI003"),
    ("junk" + GOOD, "EDI004"),
    (GOOD + "GS*PO", "EDI004"),
    (GOOD.replace("PO1*1*1*EA", "po1*1*1*EA"), "EDI006"),
    (GOOD.removesuffix("~\n"), "EDI007"),
    (b"ISA*00*" + b"GS*PO~" * 3, "EDI101"),  # as a str, too few separators: a path
    (GOOD.replace("SENDER         ", "SENDER"), "EDI102"),
    (GOOD.replace("*240105*", "*241305*"), "EDI103"),
    (GOOD.replace("*P*>~", "*P*~~").replace("PO1*1*1*EA", "PO1*1*1*EA"), "EDI104"),
    (GOOD.replace("*P*>~", "*X*>~"), "EDI103"),
    (GOOD.replace("*00401*", "*00040*"), "EDI103"),  # five digits, but no version
    (GOOD.replace("*20240105*", "*2024010*"), "EDI105"),
    (GOOD.replace("*SENDER*RECEIVER*", "*SENDER*   *"), "EDI105"),  # GS03 all spaces
    (GOOD.replace("*1*X*004010~", "*1*Q*004010~"), "EDI105"),  # GS07 T or X
    (GOOD.replace("*1*X*004010~", "*1*X*4010~"), "EDI105"),  # not a version/release
    (GOOD.replace("ST*850*", "ST*85X*"), "EDI105"),  # not a transaction set
    (GOOD.replace("SE*4*0001", "SE*4*0001*9"), "EDI106"),
    (GOOD.replace("IEA*1*000000001~\n", ""), "EDI110"),
    (GOOD.replace("IEA*1*000000001", "IEA*1*000000002"), "EDI111"),
    (GOOD.replace("IEA*1*", "IEA*2*"), "EDI112"),
    (GOOD.replace("GE*1*1~\n", ""), "EDI120"),
    (GOOD.replace("GE*1*1", "GE*1*2"), "EDI121"),
    (GOOD.replace("GE*1*1", "GE*3*1"), "EDI122"),
    (GOOD.replace("SE*4*0001~\n", ""), "EDI130"),
    (GOOD.replace("SE*4*0001", "SE*4*0002"), "EDI131"),
    (GOOD.replace("SE*4*", "SE*5*"), "EDI132"),
    (GOOD.replace("ST*850*0001~\n", ""), "EDI140"),
    (GOOD.replace("GE*1*1", "SE*4*0001~\nGE*1*1"), "EDI141"),
]


@pytest.mark.parametrize(("data", "code"), FAULTS)
def test_each_envelope_fault_is_reported_once(data: str | bytes, code: str) -> None:
    violation = only(data, code)
    assert violation.code in REGISTRY
    assert violation.message and violation.hint


def test_every_registered_code_is_triggered_by_a_test() -> None:
    # EDI005 (unreadable file) is tested in tests/cli; EDI123, EDI124 and EDI133 below.
    covered = {code for _, code in FAULTS} | {"EDI005", "EDI123", "EDI124", "EDI133"}
    assert covered == {code for code in REGISTRY if code < "EDI200"}


def test_empty_segment_is_reported_and_counted() -> None:
    """A stray terminator makes an empty segment: reported, and it counts toward SE01."""
    assert codes(GOOD.replace("PO1*1*1*EA~", "~PO1*1*1*EA~")) == ["EDI006", "EDI132"]


def test_duplicate_controls_and_group_type() -> None:
    two = interchange([["BEG*00*SA*1**20240105"], ["BEG*00*SA*2**20240105"]])
    assert codes(two.replace("ST*850*0002", "ST*850*0001").replace("SE*3*0002", "SE*3*0001")) == [
        "EDI133"
    ]
    assert codes(interchange(functional_id="SH")) == ["EDI124"]
    # every set X12 places in a functional group is checked, not only the retail ones
    assert codes(interchange(functional_id="PO", set_id="864")) == ["EDI124"]
    assert codes(interchange(functional_id="TX", set_id="864")) == []
    # a GS01 that is no functional identifier, and so not the 850's either
    assert codes(interchange(functional_id="P9")) == ["EDI105", "EDI124"]


def test_envelope_value_findings_name_the_list() -> None:
    isa12 = only(GOOD.replace("*00401*", "*00040*"), "EDI103")
    assert "'00040' is not an interchange control version" in isa12.message
    blank = only(GOOD.replace("*SENDER*RECEIVER*", "*  *RECEIVER*"), "EDI105")
    assert blank.location.reference() == "GS02"
    assert "only spaces" in blank.message
    release = only(GOOD.replace("*X*004010~", "*X*4010~"), "EDI105")
    assert release.location.reference() == "GS08"
    set_id = only(GOOD.replace("ST*850*", "ST*85X*"), "EDI105")
    assert "'85X' is not a transaction set identifier code (143)" in set_id.message
    # an industry suffix and any version X12 has published are fine
    assert codes(GOOD.replace("*X*004010~", "*X*004010VICS~")) == []
    assert codes(GOOD.replace("*X*004010~", "*X*006020~")) == []
    group = "GS*PO*SENDER*RECEIVER*20240105*1230*1*X*004010~\n"
    doubled = GOOD.replace("GE*1*1~\n", "GE*1*1~\n" + group + "GE*0*1~\n").replace(
        "IEA*1*", "IEA*2*"
    )
    assert codes(doubled) == ["EDI123"]


def test_location_names_element_line_column_and_transaction() -> None:
    bad = GOOD.replace("SE*4*0001", "SE*9*0001")
    violation = only(bad, "EDI132")
    location = violation.location
    assert (location.segment_id, location.element, location.segment_position) == ("SE", 1, 4)
    assert (location.line, location.column) == (6, 4)
    assert location.offset == bad.index("SE*9") + 3
    assert (location.transaction_control, location.transaction_set) == ("0001", "850")
    assert location.interchange_control == "000000001" and location.group_control == "1"
    assert location.reference() == "SE01"


def test_gs04_six_digits_is_a_warning_only_for_old_envelopes() -> None:
    short = GOOD.replace("*20240105*", "*240105*")
    assert (
        edikit.parse(short, structure=False).all_violations()[0].severity is edikit.Severity.ERROR
    )
    old = short.replace("*00401*", "*00300*")
    assert (
        edikit.parse(old, structure=False).all_violations()[0].severity is edikit.Severity.WARNING
    )


def test_service_segments_at_interchange_level() -> None:
    with_ta1 = GOOD.replace("GS*", "TA1*000000050*200229*1200*A*000~\nISB*1~\nGS*", 1)
    x12 = edikit.parse(with_ta1, structure=False)
    assert x12.ok
    assert [s.tag for s in x12.interchanges[0].parts if isinstance(s, Segment)] == [
        "TA1",
        "ISB",
    ]


def test_a_service_segment_inside_a_transaction_set_stays_where_it_was() -> None:
    # Found by fuzzing: the TA1 was filed with the group and written back after SE.
    data = GOOD.replace("BEG*", "TA1*000000050*200229*1200*A*000~\nBEG*", 1)
    x12 = edikit.parse(data)
    assert edikit.serialize(x12) == data.encode()
    found, count = x12.all_violations()
    assert (found.code, found.location.segment_id, found.location.segment_position) == (
        "EDI202",
        "TA1",
        2,
    )
    assert count.code == "EDI132"  # the TA1 is one of the set's segments: SE01 says one less


def test_segments_after_an_iea_without_elements_are_text_after_the_interchange() -> None:
    # Found by fuzzing: after "IEA~" the segments that followed were dropped.
    data = GOOD[: GOOD.index("IEA")] + "IEA~\nX~GS*PO*A*B~\nZZ~"
    x12 = edikit.parse(data, structure=False)
    assert edikit.serialize(x12) == data.encode()
    stray = [v for v in x12.all_violations() if v.code == "EDI004"]
    assert len(stray) == 1
    assert stray[0].location.line == data.count("\n", 0, data.index("X~")) + 1
    assert "'X~'" in stray[0].message


def test_truncated_file_reports_every_missing_trailer() -> None:
    cut = GOOD[: GOOD.index("PO1*")]  # inside BEG: its terminator is missing too
    assert codes(cut) == ["EDI110", "EDI120", "EDI130", "EDI007"]
    assert edikit.serialize(edikit.parse(cut, structure=False)).decode() == cut


def test_strict_modes_raise() -> None:
    bad = GOOD.replace("SE*4*", "SE*5*")
    with pytest.raises(edikit.EdiSyntaxError) as raised:
        edikit.parse(bad, errors="raise", structure=False)
    assert [v.code for v in raised.value.violations] == ["EDI132"]
    with pytest.raises(edikit.EdiSyntaxError):
        edikit.parse(bad, errors="first", structure=False)
    assert edikit.parse(GOOD, errors="raise").ok


def test_unreadable_path_is_an_input_error(tmp_path: object) -> None:
    with pytest.raises(edikit.InputError, match="cannot read"):
        edikit.parse("/nonexistent/file.edi")


def test_isa_helper_is_fixed_width() -> None:
    assert len(isa()) == 105
