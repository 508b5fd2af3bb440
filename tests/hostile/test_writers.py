"""Issue 10 item 16: edikit never writes what it would itself reject. Control numbers,
segment IDs, values and envelope fields are checked before a byte is written."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit import Delimiters, X12Writer
from edikit.cli import main
from edikit.io.segment import Segment
from edikit.io.writer import GroupWriter

WHEN = datetime(2024, 1, 5, 12, 30)
CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"


def writer(**options: object) -> X12Writer:
    fields: dict[str, object] = {
        "sender": ("ZZ", "BRAND"),
        "receiver": ("ZZ", "RETAILER"),
        "timestamp": WHEN,
        **options,
    }
    return X12Writer(**fields)  # type: ignore[arg-type]


def group(**options: object) -> tuple[X12Writer, GroupWriter]:
    made = writer(**options)
    return made, made.group("PO", "BRAND", "RETAILER")


@pytest.mark.parametrize("number", [0, -5, 1_000_000_000, 99_999_999_999])
def test_an_interchange_control_number_out_of_range_is_refused(number: int) -> None:
    made, _ = group(control_number=number)
    with pytest.raises(ValueError, match="from 1 to 999,999,999"):
        made.to_bytes()


@pytest.mark.parametrize("number", [0, -1, 1_000_000_000])
def test_a_group_control_number_out_of_range_is_refused(number: int) -> None:
    with pytest.raises(ValueError, match="GS06"):
        writer().group("PO", "BRAND", "RETAILER", control_number=number)


@pytest.mark.parametrize("number", ["7", 7.0, True, None])
def test_a_control_number_that_is_no_int_is_refused(number: object) -> None:
    made, _ = group(control_number=number)
    with pytest.raises(TypeError, match="ISA13 must be an int"):
        made.to_bytes()


def test_the_largest_control_number_is_written_and_reads_clean() -> None:
    made, po = group(control_number=999_999_999)
    po.transaction("850", [["BEG", "00", "SA", "PO1", "", "20240105"]])
    x12 = edikit.parse(made.to_bytes(), structure=False)
    assert x12.interchanges[0].control_number == "999999999"
    assert x12.all_violations() == []


@pytest.mark.parametrize(
    "tag", ["BE*G", "B~", "", "B", "BEGX", "beg", "N1 ", "B>G", "\xc9G", "BÉG"]
)
def test_a_segment_id_that_is_no_segment_id_is_refused(tag: str) -> None:
    _, po = group()
    with pytest.raises(ValueError, match="not a segment ID"):
        po.transaction("850", [[tag, "00"]])
    with pytest.raises(ValueError, match="not a segment ID"):
        Segment.build(tag, ["00"], Delimiters())


@pytest.mark.parametrize("tag", ["ST", "SE", "GS", "GE", "ISA", "IEA"])
def test_envelope_segments_in_a_body_are_refused(tag: str) -> None:
    _, po = group()
    with pytest.raises(ValueError, match="written by edikit"):
        po.transaction("850", [[tag, "1"]])


def test_a_segment_id_that_is_no_str_is_a_type_error() -> None:
    _, po = group()
    with pytest.raises(TypeError, match="segment ID is a str"):
        po.transaction("850", [[5, "00"]])


@pytest.mark.parametrize("value", ["PO*1", "PO~1", "PO>1", "A^B"])
def test_values_holding_any_delimiter_are_refused(value: str) -> None:
    _, po = group(version="00501")
    with pytest.raises(ValueError, match="cannot escape"):
        po.transaction("850", [["BEG", "00", "SA", value]])
    with pytest.raises(ValueError, match="cannot escape"):
        po.transaction("850", [["PO1", "1", ["EA", value]]])


def test_ints_and_decimals_are_written_in_plain_digits() -> None:
    made, po = group()
    po.transaction(
        "850",
        [["PO1", 1, 12, "PR", Decimal("54.50"), "", "UP", "012345678905"], ["CTT", 1, -3]],
    )
    x12 = edikit.parse(made.to_bytes(), structure=False)
    body = x12.transactions[0].segments
    assert [s.raw for s in body] == ["PO1*1*12*PR*54.50**UP*012345678905", "CTT*1*-3"]
    assert Segment.build("MEA", [Decimal("1E+3"), [1, 2]], Delimiters()).raw == "MEA*1000*1>2"


@pytest.mark.parametrize("value", [1.5, None, True, object(), b"12"])
def test_other_values_are_a_type_error(value: object) -> None:
    _, po = group()
    with pytest.raises(TypeError, match="must be a str, int or Decimal"):
        po.transaction("850", [["PO1", "1", value]])  # type: ignore[list-item]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_decimals_that_are_no_number_are_refused(value: Decimal) -> None:
    _, po = group()
    with pytest.raises(ValueError, match="not a number"):
        po.transaction("850", [["PO1", "1", value]])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sender": ("Z", "BRAND")}, "sender qualifier"),
        ({"receiver": ("Z2", "RETAILER")}, "not an interchange ID qualifier"),
        ({"sender": ("ZZ", "")}, "under 1"),
        ({"sender": ("ZZ", "   ")}, "blank"),
        ({"sender": ("ZZ", "B" * 16)}, "over 15"),
        ({"receiver": ("ZZ", "RE*TAILER")}, "cannot escape"),
        ({"receiver": "RETAILER"}, "pair"),
        ({"version": "0040"}, "ISA12"),
        ({"version": "0040\xb2"}, "ISA12"),
        ({"usage": "X"}, "ISA15"),
        ({"suffix": "x"}, "suffix"),
        ({"delimiters": Delimiters(" ", ">", "~")}, "space"),
    ],
)
def test_envelope_fields_are_checked(options: dict[str, object], message: str) -> None:
    made, po = group(**options) if "delimiters" not in options else (writer(**options), None)
    with pytest.raises((ValueError, TypeError), match=message):
        made.to_bytes()
    del po


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("P", "BRAND", "RETAILER"), "GS01"),
        (("PO", "B", "RETAILER"), "GS02"),
        (("PO", "BRAND", "R*"), "GS03"),
        (("PO", "BRAND", "RETAILER", ""), "GS08"),
    ],
)
def test_group_fields_are_checked(arguments: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        writer().group(*arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("set_id", "control", "message"),
    [("85", None, "ST01"), ("8*0", None, "ST01"), ("850", "1", "ST02"), ("850", "1~", "ST02")],
)
def test_transaction_header_fields_are_checked(
    set_id: str, control: str | None, message: str
) -> None:
    _, po = group()
    with pytest.raises(ValueError, match=message):
        po.transaction(set_id, [["BEG", "00"]], control_number=control)


def test_a_segment_read_with_other_delimiters_is_rewritten_with_the_writers() -> None:
    read = edikit.parse((CHAIN / "850.edi").read_bytes().replace(b"*", b"|").replace(b">~", b":~"))
    made, po = group(version="00501")
    body = list(read.transactions[0].segments)
    po.transaction("850", body)
    x12 = edikit.parse(made.to_bytes())
    assert [s.elements for s in x12.transactions[0].segments] == [s.elements for s in body]
    composite = Segment.build(
        "PO1", ["1", ["A", "B"], [["C", "D"], ["E"]]], Delimiters("|", ":", "~", "!")
    )
    made, po = group(version="00501")
    po.transaction("850", [composite])
    written = edikit.parse(made.to_bytes(), structure=False).transactions[0].segments[0]
    assert written.raw == "PO1*1*A>B*C>D^E"


def test_written_interchanges_always_read_clean() -> None:
    made, po = group()
    po.transaction("850", [["BEG", "00", "SA", "PO1", "", "20240105"], ["PO1", 1, 2, "EA"]])
    x12 = edikit.parse(made.to_bytes(), structure=False)
    assert x12.all_violations() == []


@pytest.mark.parametrize("number", ["-5", "0", "1000000000", "99999999999", "x"])
def test_ack_control_number_option_is_range_checked(tmp_path: Path, number: str) -> None:
    result = CliRunner().invoke(main, ["ack", str(CHAIN / "850.edi"), "--control-number", number])
    assert result.exit_code == 2
    assert "--control-number" in result.output


def test_build_ack_refuses_a_control_number_out_of_range() -> None:
    x12 = edikit.validate(CHAIN / "850.edi")
    with pytest.raises(ValueError, match="from 1 to 999,999,999"):
        edikit.build_ack(x12, control_number=99_999_999_999)
    ack = edikit.build_ack(x12, control_number=999_999_999)
    assert edikit.parse(ack).all_violations() == []
