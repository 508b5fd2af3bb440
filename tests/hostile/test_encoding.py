"""Issue 10 item 17: a NUL byte is data, not a sign of UTF-16; the encoding is told from
enough bytes however small the chunks read."""

from __future__ import annotations

import pytest

import edikit
from edikit.io.decode import sniff_encoding
from tests.helpers import interchange

GOOD = interchange().encode("latin-1")


def codes(data: bytes, chunk_size: int = 1 << 20) -> list[str]:
    stream = edikit.stream(data, chunk_size=chunk_size)
    for _ in stream:
        pass
    return [v.code for v in stream.violations]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 64, 1 << 20])
def test_a_leading_nul_byte_is_text_before_the_isa(chunk_size: int) -> None:
    x12 = edikit.parse(b"\x00" + GOOD)
    assert [v.code for v in x12.all_violations()] == ["EDI004"]
    assert x12.all_violations()[0].location.offset == 0
    assert len(x12.transactions) == 1
    assert edikit.serialize(x12) == b"\x00" + GOOD
    assert codes(b"\x00" + GOOD, chunk_size) == ["EDI004"]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 64, 1 << 20])
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16"),
        ("utf-16-be", "utf-16"),
        ("utf-32", "utf-32"),
        ("utf-32-le", "utf-32"),
        ("utf-32-be", "utf-32"),
    ],
)
def test_wide_encodings_are_still_refused(encoding: str, expected: str, chunk_size: int) -> None:
    data = interchange().encode(encoding)
    assert sniff_encoding(data) == expected
    assert codes(data, chunk_size) == ["EDI003"]


def test_nul_bytes_inside_the_first_bytes_are_data() -> None:
    assert sniff_encoding(b"\x00" + GOOD) == "latin-1"
    assert sniff_encoding(b"ISA*00*\x00\x00" + GOOD[9:]) == "latin-1"
    assert sniff_encoding(b"\x00\x00\x00") == "latin-1"


@pytest.mark.parametrize("chunk_size", [1, 2, 5])
def test_ebcdic_is_recognised_with_small_chunks(chunk_size: int) -> None:
    data = interchange().encode("cp037")
    stream = edikit.stream(data, chunk_size=chunk_size)
    assert len(list(stream)) == 1
    assert stream.file.codec == "cp037"
