"""Issue 10 item 1: a character ``str.isdigit()`` accepts but ``int()`` refuses (latin-1
0xB2, 0xB3, 0xB9: ``²³¹``) in any numeric element is a located violation, never a traceback;
and every conversion of a number from the input goes through the ASCII helpers of
``edikit.io.datatypes``."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.io.datatypes import MAX_DIGITS, as_decimal, as_int, is_digits
from edikit.models.documents import Invoice, PurchaseOrder, ShipNotice
from edikit.report.ack import ack_for_group, group_documents, group_violations
from edikit.rules.crossdoc.timing import at
from edikit.rules.registry import REGISTRY

REPO = Path(__file__).resolve().parent.parent.parent
CHAIN = REPO / "fixtures" / "chains" / "clean"
SRC = REPO / "src" / "edikit"
# Characters that isdigit() (or isnumeric()) accepts in latin-1 and int() refuses.
FALSE_DIGITS = ["\xb2", "\xb3", "\xb9", "\xbc", "\xbd", "\xbe"]


def chain(name: str) -> bytes:
    return (CHAIN / f"{name}.edi").read_bytes()


def with_char(data: bytes, segment: bytes, char: str, element: int = 1) -> bytes:
    """``data`` with ``char`` put in front of element ``element`` of the first ``segment``."""
    start = data.index(b"\n" + segment + b"*") + 1
    at_ = start
    for _ in range(element):
        at_ = data.index(b"*", at_) + 1
    return data[:at_] + char.encode("latin-1") + data[at_:]


SITES = [
    ("850", b"SE", 1),
    ("850", b"SE", 2),
    ("850", b"GE", 1),
    ("850", b"GE", 2),
    ("850", b"IEA", 1),
    ("850", b"IEA", 2),
    ("850", b"GS", 6),
    ("850", b"CTT", 1),
    ("850", b"CTT", 2),
    ("850", b"PO1", 2),
    ("850", b"PO1", 4),
    ("850", b"BEG", 5),
    ("856", b"HL", 1),
    ("856", b"HL", 2),
    ("856", b"CTT", 1),
    ("856", b"SN1", 2),
    ("856", b"BSN", 3),
    ("856", b"BSN", 4),
    ("810", b"TDS", 1),
    ("810", b"IT1", 2),
    ("810", b"IT1", 4),
    ("810", b"BIG", 1),
    ("810", b"GS", 4),
    ("810", b"GS", 5),
]


def everything(data: bytes) -> edikit.FileResult:
    """Every reading path a user has: parse, documents, validate, ack, validate_set."""
    parsed = edikit.parse(data)
    for document in parsed.documents:
        document.model_dump(mode="json")
    checked = edikit.validate(data)
    edikit.build_ack(checked)
    edikit.validate_set([data, chain("850")])
    for _ in edikit.stream(data):
        pass
    return checked


@pytest.mark.parametrize("char", FALSE_DIGITS)
@pytest.mark.parametrize(("name", "segment", "element"), SITES)
def test_a_false_digit_in_a_numeric_element_is_reported(
    name: str, segment: bytes, element: int, char: str
) -> None:
    data = with_char(chain(name), segment, char, element)
    checked = everything(data)
    found = checked.all_violations()
    assert found, "the damaged element must be reported"
    assert all(v.code in REGISTRY for v in found)
    tag = segment.decode()
    here = [v for v in found if v.location.segment_id == tag and v.location.element == element]
    if tag not in ("BSN", "BIG") or element != 3:  # dates are checked by their own rule
        assert here, [str(v) for v in found]
    for violation in here:
        assert violation.location.line is not None and violation.location.column is not None


def test_a_false_digit_in_sac05_does_not_stop_the_invoice_total() -> None:
    data = chain("810").replace(b"TDS*101400~", b"SAC*C*D240***\xb2500~\nTDS*101400~")
    checked = everything(data)
    assert any(v.location.segment_id == "SAC" for v in checked.all_violations())


def test_counts_are_compared_whatever_their_length() -> None:
    """A count longer than int() converts (4,300 digits) is read as digits, and reported."""
    long_count = b"9" * 5000
    data = chain("850").replace(b"SE*7*0001~", b"SE*" + long_count + b"*0001~")
    data = data.replace(b"GE*1*101~", b"GE*0000000001*101~")
    checked = everything(data)
    codes = [v.code for v in checked.all_violations()]
    assert "EDI132" in codes and "EDI122" not in codes  # leading zeros are the same count
    message = next(v.message for v in checked.all_violations() if v.code == "EDI132")
    assert "(5000 digits)" in message and len(message) < 200


def test_an_invoice_total_of_maximum_length_numbers_is_computed_exactly() -> None:
    """IT102 R 1/15 times IT104 R 1/17 needs 32 digits, past Decimal's default 28."""
    data = chain("810").replace(
        b"IT1*1*12*PR*54.50", b"IT1*1*999999999999999*PR*9999999999999999.9"
    )
    checked = everything(data)
    assert any(v.code == "EDI505" for v in checked.all_violations())


def test_a_huge_exponent_is_no_number_and_stops_nothing() -> None:
    data = chain("810").replace(b"IT1*1*12*PR*54.50", b"IT1*1*1E999999*PR*9E999999")
    everything(data)
    data = chain("850").replace(b"CTT*2*18", b"CTT*2*1E999999")
    everything(data)


def test_models_read_false_digits_as_no_value() -> None:
    order = edikit.parse(with_char(chain("850"), b"CTT", "\xb2")).documents[0]
    assert isinstance(order, PurchaseOrder) and order.line_count is None
    odd = chain("850").replace(b"PO1*1*12*PR*54.50", b"PO1*1*1_2*PR* 54.50")
    order = edikit.parse(odd).documents[0]
    assert isinstance(order, PurchaseOrder)
    assert order.lines[0].quantity is None and order.lines[0].unit_price is None
    asn = edikit.parse(with_char(chain("856"), b"SN1", "\xb3", 2)).documents[0]
    assert isinstance(asn, ShipNotice) and asn.items[0].quantity is None
    invoice = edikit.parse(with_char(chain("810"), b"BIG", "\xb9")).documents[0]
    assert isinstance(invoice, Invoice) and invoice.date is None


def test_the_acknowledgment_counts_what_was_received_for_a_false_digit_count() -> None:
    checked = edikit.validate(with_char(chain("850"), b"GE", "\xb2"))
    group = checked.interchanges[0].groups[0]
    answer = ack_for_group(group, group_documents(checked, group), group_violations(checked, group))
    assert answer.included == 1
    assert edikit.parse(edikit.build_ack(checked)).all_violations() == []


def test_the_acknowledgment_writes_no_false_digit_control_number() -> None:
    checked = edikit.validate(with_char(chain("850"), b"GS", "\xb3", 6))
    group = checked.interchanges[0].groups[0]
    answer = ack_for_group(group, group_documents(checked, group), group_violations(checked, group))
    assert answer.control_number == "0"
    assert edikit.parse(edikit.build_ack(checked)).all_violations() == []


def test_envelope_dates_with_false_digits_are_no_time() -> None:
    assert at("2026110\xb2", "0930", None) is None
    assert at("2026111", "0930", None) is None  # strptime would read a 7-digit date
    assert at("20261101", "09\xb230", None) is None
    assert at("20261101", "0930", None) is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("007", 7),
        ("123", 123),
        ("", None),
        ("\xb2", None),
        ("1\xb3", None),
        (" 5", None),
        ("5 ", None),
        ("1_000", None),
        ("+5", None),
        ("-5", None),
        ("\u0665", None),  # ARABIC-INDIC DIGIT FIVE: int() reads it as 5
        ("0" * 10_000 + "42", 42),
        ("9" * (MAX_DIGITS + 1), None),
    ],
)
def test_as_int_reads_ascii_digits_only(value: str, expected: int | None) -> None:
    assert as_int(value) == expected


def test_as_int_signed() -> None:
    assert as_int("-5", signed=True) == -5
    assert as_int("--5", signed=True) is None
    assert as_int("-", signed=True) is None
    assert as_int("-\xb2", signed=True) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("54.50", Decimal("54.50")),
        ("-1.5", Decimal("-1.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("1E3", Decimal("1E3")),
        ("", None),
        (".", None),
        ("-", None),
        ("NaN", None),
        ("Infinity", None),
        ("inf", None),
        ("1_0", None),
        (" 5", None),
        ("+5", None),
        ("5\xb2", None),
        ("1E999999", None),
        ("1" * (MAX_DIGITS + 1), None),
        ("0." + "0" * 500 + "1", Decimal("1E-501")),
    ],
)
def test_as_decimal_reads_the_x12_number_form_only(value: str, expected: Decimal | None) -> None:
    assert as_decimal(value) == expected


def test_as_decimal_with_implied_decimals() -> None:
    assert as_decimal("12345", 2) == Decimal("123.45")


def test_is_digits() -> None:
    assert is_digits("0123456789")
    assert not is_digits("")
    assert not any(is_digits(c) for c in FALSE_DIGITS)


def test_no_str_digit_test_outside_the_helpers() -> None:
    """isdigit()/isdecimal()/isnumeric() say yes to characters int() refuses: every test of
    input text goes through edikit.io.datatypes (the one place allowed to call them)."""
    offenders = []
    pattern = re.compile(r"\.(isdigit|isdecimal|isnumeric)\(")
    for path in SRC.rglob("*.py"):
        if path.name == "datatypes.py" and path.parent.name == "io":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def hostile_folder(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "inbox"
    folder.mkdir()
    files = []
    for number, (name, segment, element) in enumerate(SITES):
        path = folder / f"{number:02d}-{name}-{segment.decode()}{element:02d}.edi"
        path.write_bytes(with_char(chain(name), segment, "\xb2", element))
        files.append(path)
    clean = folder / "99-clean.edi"
    clean.write_bytes(chain("850"))
    return [*files, clean]


def test_validate_reports_every_file_of_a_folder_with_false_digits(tmp_path: Path) -> None:
    files = hostile_folder(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(files[0].parent)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [Path(f["file"]).name for f in report["files"]] == [p.name for p in files]
    assert all(f["summary"]["error"] for f in report["files"][:-1])


def test_parse_json_reports_every_file_with_false_digits(tmp_path: Path) -> None:
    files = hostile_folder(tmp_path)
    result = CliRunner().invoke(main, ["parse", "--format", "json", *map(str, files)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    report = json.loads(result.output)
    assert len(report["files"]) == len(files)


def test_ack_of_a_file_with_false_digits(tmp_path: Path) -> None:
    path = tmp_path / "in.edi"
    path.write_bytes(with_char(chain("850"), b"GE", "\xb3"))
    result = CliRunner().invoke(main, ["ack", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"ISA")


def test_book_add_records_every_file_with_false_digits(tmp_path: Path) -> None:
    files = hostile_folder(tmp_path)
    book = tmp_path / "book.sqlite"
    result = CliRunner().invoke(main, ["book", "add", "--book", str(book), *map(str, files)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1)
