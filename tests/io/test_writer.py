"""Writing X12 from code: counts and control numbers filled in, output parses clean."""

from __future__ import annotations

from datetime import datetime

import pytest

import edikit
from edikit import Delimiters, X12Writer

WHEN = datetime(2024, 1, 5, 12, 30)


def make_writer(**options: object) -> X12Writer:
    writer = X12Writer(
        sender=("ZZ", "BRAND"),
        receiver=("ZZ", "RETAILER"),
        control_number=42,
        timestamp=WHEN,
        **options,  # type: ignore[arg-type]
    )
    group = writer.group("PO", "BRAND", "RETAILER")
    group.transaction(
        "850",
        [["BEG", "00", "SA", "PO123", "", "20240105"], ["PO1", "1", "6", "EA"], ["CTT", "1"]],
    )
    group.transaction("850", [["BEG", "00", "SA", "PO124", "", "20240105"], ["PO1", "1", "2"]])
    return writer


def test_written_interchange_is_valid_and_counted() -> None:
    x12 = edikit.parse(make_writer().to_bytes())
    assert x12.all_violations() == []
    interchange = x12.interchanges[0]
    assert interchange.control_number == "000000042" and interchange.trailer is not None
    assert interchange.trailer.raw == "IEA*1*000000042"
    group = x12.groups[0]
    assert group.trailer is not None and group.trailer.raw == "GE*2*1"
    first, second = x12.transactions
    assert first.trailer is not None and first.trailer.raw == "SE*5*0001"
    assert second.trailer is not None and second.trailer.raw == "SE*4*0002"
    assert len(interchange.header.raw) + 1 == 106


def test_written_text_round_trips() -> None:
    data = make_writer().to_bytes()
    assert edikit.serialize(edikit.parse(data)) == data


def test_005010_writes_a_repetition_separator() -> None:
    x12 = edikit.parse(make_writer(version="00501").to_bytes())
    assert x12.interchanges[0].delimiters.repetition == "^"
    assert x12.ok


def test_values_holding_a_delimiter_are_refused() -> None:
    writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"))
    group = writer.group("PO", "BRAND", "RETAILER")
    with pytest.raises(ValueError, match="cannot escape"):
        group.transaction("850", [["BEG", "00", "SA", "PO*1"]])
    with pytest.raises(ValueError, match="letter or digit"):
        X12Writer(sender=("ZZ", "A"), receiver=("ZZ", "B"), delimiters=Delimiters("A")).to_text()
