"""Tokenizer: delimiters per interchange, positions, formatting kept, chunk boundaries."""

from __future__ import annotations

import pytest

import edikit
from edikit.io.decode import open_source
from edikit.io.delimiters import Delimiters, read_isa
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap, Tokenizer
from tests.helpers import interchange, isa


def tokens(data: bytes | str, chunk_size: int = 1 << 20) -> list[Segment | Gap]:
    return list(Tokenizer(open_source(data, chunk_size=chunk_size)))


def segments(data: bytes, chunk_size: int = 1 << 20) -> list[Segment]:
    return [t for t in tokens(data, chunk_size) if isinstance(t, Segment)]


def test_fixed_width_isa_gives_its_delimiters() -> None:
    header = read_isa(isa(version="00501", isa11="^", component=":") + "~")
    assert not isinstance(header, str)
    assert header.delimiters == Delimiters("*", ":", "~", "^")
    assert header.fixed_width and header.length == 106


def test_repetition_separator_only_from_00402() -> None:
    header = read_isa(isa(version="00401", isa11="U") + "~")
    assert not isinstance(header, str)
    assert header.delimiters.repetition is None


def test_isa_without_isa16_reads_like_peers() -> None:
    text = isa()[:-1] + "~\nGS*PO"  # ISA16 dropped: '~' becomes ISA16, LF the terminator
    header = read_isa(text)
    assert not isinstance(header, str)
    assert (header.delimiters.component, header.delimiters.segment) == ("~", "\n")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ISA", "ends inside"),
        ("ISA1", "cannot be an element separator"),
        ("ISA*00*00", "ISA has 2 elements"),
        (isa()[:-2] + "*GS", "no segment terminator"),
    ],
)
def test_unreadable_isa_says_why(text: str, reason: str) -> None:
    result = read_isa(text)
    assert isinstance(result, str) and reason in result


@pytest.mark.parametrize(
    ("terminator", "suffix"),
    [("~", ""), ("~", "\n"), ("~", "\r\n"), ("\n", ""), ("\x15", "\r\n"), ("'", "\n")],
)
def test_layouts_round_trip_and_positions(terminator: str, suffix: str) -> None:
    text = interchange(terminator=terminator, suffix=suffix)
    x12 = edikit.parse(text)
    assert x12.ok, x12.all_violations()
    assert edikit.serialize(x12).decode("latin-1") == text
    beg = x12.transactions[0].segments[0]
    assert beg.tag == "BEG" and beg[3] == "PO1"
    assert text[beg.offset : beg.offset + 3] == "BEG"
    one_per_line = "\n" in terminator + suffix
    assert beg.line == (4 if one_per_line else 1)
    assert beg.position == 2 and beg.index == 3


def test_bom_and_indentation_are_formatting() -> None:
    text = "\ufeff" + interchange(suffix="\n\t  ")
    x12 = edikit.parse(text)
    assert x12.ok
    assert edikit.serialize(x12) == text.encode("utf-8")
    assert x12.transactions[0].segments[0].trailer == "\n\t  "


def test_several_interchanges_with_different_delimiters() -> None:
    first = interchange()
    second = interchange(terminator="\x15", suffix="").replace("*", "|")
    x12 = edikit.parse(first + second)
    assert [ic.delimiters.element for ic in x12.interchanges] == ["*", "|"]
    assert [ic.delimiters.segment for ic in x12.interchanges] == ["~", "\x15"]
    assert x12.ok


@pytest.mark.parametrize("chunk_size", [1, 7, 64, 105, 106, 107, 4096])
def test_chunk_boundaries_do_not_change_tokens(chunk_size: int) -> None:
    text = (interchange() + " \n" + interchange(terminator="\n", suffix="")) * 2
    expected = segments(text.encode())
    got = segments(text.encode(), chunk_size=chunk_size)
    assert len(expected) == 32
    assert [(t.raw, t.terminator, t.trailer, t.offset, t.line, t.column) for t in got] == [
        (t.raw, t.terminator, t.trailer, t.offset, t.line, t.column) for t in expected
    ]


def test_text_outside_interchanges_becomes_gaps() -> None:
    text = "junk\n" + interchange() + "trailing junk"
    found = tokens(text)
    assert isinstance(found[0], Gap) and found[0].text == "junk\n"
    assert isinstance(found[-1], Gap) and found[-1].text == "trailing junk"
    assert found[-1].offset == text.index("trailing")


def test_multibyte_terminator_keeps_byte_offsets() -> None:
    text = interchange(terminator="…", suffix="\r\n")
    data = text.encode("utf-8")
    x12 = edikit.parse(data)
    assert len(x12.transactions) == 1
    beg = x12.transactions[0].segments[0]
    assert data[beg.offset : beg.offset + 3] == b"BEG"
    assert edikit.serialize(x12) == data


def test_segment_elements_components_repetitions() -> None:
    delimiters = Delimiters("*", ":", "~", "^")
    segment = Segment.build("PO1", ["1", "2", ["EA", "X"], [["A", "B"], ["C"]], "", ""], delimiters)
    assert segment.raw == "PO1*1*2*EA:X*A:B^C"
    assert segment[3] == "EA:X" and segment.components(3) == ["EA", "X"]
    assert segment.repetitions(4) == ["A:B", "C"]
    assert segment[9] == "" and len(segment) == 4
