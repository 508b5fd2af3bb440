"""Issue 10 item 3: reading is linear in the number of interchanges, groups and transaction
sets (no list rebuilt per item), and ``stream`` keeps nothing per interchange or group."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

import edikit
from edikit.io.envelope import Group, Interchange, X12File
from tests.helpers import interchange, isa


def many_interchanges(count: int, groups: int = 1, sets: int = 1) -> bytes:
    """``count`` small interchanges of ``groups`` groups of ``sets`` 850s each."""
    out: list[str] = []
    for number in range(1, count + 1):
        control = f"{number:09d}"
        segments = [isa(control=control)]
        for group in range(1, groups + 1):
            segments.append(f"GS*PO*SENDER*RECEIVER*20240105*1230*{group}*X*004010")
            for item in range(1, sets + 1):
                st = f"{item:04d}"
                segments += [f"ST*850*{st}", "BEG*00*SA*PO1**20240105", "PO1*1*1*EA", f"SE*4*{st}"]
            segments.append(f"GE*{sets}*{group}")
        segments.append(f"IEA*{groups}*{control}")
        out.append("~\n".join(segments) + "~\n")
    return "".join(out).encode("latin-1")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the calls of the properties that build a list, while a test runs."""
    counted: dict[str, int] = {}

    def wrap(owner: type, name: str) -> None:
        original: Callable[[Any], list[Any]] = getattr(owner, name).fget
        key = f"{owner.__name__}.{name}"

        def counting(self: Any) -> list[Any]:
            counted[key] = counted.get(key, 0) + 1
            return original(self)

        monkeypatch.setattr(owner, name, property(counting))

    wrap(X12File, "interchanges")
    wrap(X12File, "groups")
    wrap(X12File, "transactions")
    wrap(Interchange, "groups")
    wrap(Group, "transactions")
    return counted


def run_everything(data: bytes) -> None:
    """Every reading path: parse, stream, validate, the acknowledgment."""
    edikit.parse(data)
    for _ in edikit.stream(data):
        pass
    edikit.build_ack(edikit.validate(data))


@pytest.mark.parametrize(
    ("small", "large"), [((40, 1), (160, 1)), ((1, 40), (1, 160)), ((10, 10), (40, 10))]
)
def test_no_list_is_rebuilt_per_interchange_or_group(
    calls: dict[str, int], small: tuple[int, int], large: tuple[int, int]
) -> None:
    """Four times the groups: each file-wide list is still built a fixed number of times, and
    an interchange's (group's) list a fixed number of times per interchange (group), so the
    calls grow four times at most, where a rebuild per item would grow them sixteen."""
    run_everything(many_interchanges(*small))
    before = dict(calls)
    calls.clear()
    run_everything(many_interchanges(*large))
    after = dict(calls)
    assert set(after) == set(before)
    for name in ("X12File.interchanges", "X12File.groups", "X12File.transactions"):
        assert after.get(name, 0) == before.get(name, 0), (name, before, after)
    for name in ("Interchange.groups", "Group.transactions"):
        assert after.get(name, 0) <= 4 * before.get(name, 0), (name, before, after)


def peak(function: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def drain(data: bytes) -> tuple[edikit.TransactionStream, edikit.ParsedTransaction | None]:
    stream = edikit.stream(data, chunk_size=1 << 14)
    last = None
    for last in stream:  # noqa: B007  (the last set read is what the test looks at)
        pass
    return stream, last


@pytest.mark.parametrize(("groups", "sets", "count"), [(1, 1, 300), (10, 1, 40), (1, 10, 40)])
def test_stream_keeps_nothing_per_interchange_or_group(groups: int, sets: int, count: int) -> None:
    small = many_interchanges(count, groups, sets)
    large = many_interchanges(count * 8, groups, sets)
    small_peak = peak(lambda: drain(small))
    large_peak = peak(lambda: drain(large))
    assert large_peak < small_peak * 1.5 + (1 << 20), (small_peak, large_peak)
    stream, last = drain(large)
    assert stream.file.parts == []  # nothing of what was read is kept
    assert last is not None
    assert last.context.interchange == count * 8 - 1 and last.context.group == groups - 1
    assert stream.violations == []


def test_stream_keeps_no_text_outside_interchanges() -> None:
    data = many_interchanges(1000).replace(b"IEA*1*", b"IEA*1*").replace(b"~\nISA", b"~\njunk\nISA")
    stream, _ = drain(data)
    assert stream.file.parts == []
    assert [v.code for v in stream.violations] == ["EDI004"] * 999
    parsed = edikit.parse(data)
    assert edikit.serialize(parsed) == data  # parse keeps it all


def test_parse_still_keeps_everything() -> None:
    data = many_interchanges(30, 3, 2)
    x12 = edikit.parse(data)
    assert len(x12.interchanges) == 30 and len(x12.groups) == 90 and len(x12.transactions) == 180
    assert [ic.index for ic in x12.interchanges] == list(range(30))
    assert [g.index for g in x12.interchanges[5].groups] == [0, 1, 2]
    assert edikit.serialize(x12) == data
    assert x12.all_violations() == []


@pytest.mark.parametrize(
    "segment",
    [
        "BEG*00*SA*{big}**20240105",  # EDI304, AN too long
        "BEG*00*SA*PO1**{big}",  # EDI307 date
        "PO1*1*{big}*EA",  # EDI305 numeric
        "PO1*1*1*EA***UP*{big}",  # EDI501 GTIN
        "CTT*1*{big}",  # EDI504 hash total
    ],
)
def test_a_value_of_megabytes_is_not_copied_into_its_finding(segment: str) -> None:
    big = "9" * (2 << 20) if "{big}*EA" in segment or "CTT" in segment else "A" * (2 << 20)
    body = ["BEG*00*SA*PO1**20240105", "PO1*1*1*EA", segment.format(big=big)]
    found = edikit.validate(interchange([body]).encode("latin-1")).all_violations()
    assert found
    assert all(len(v.message) < 600 for v in found), [len(v.message) for v in found]
    assert all(len(str(v.args)) < 2000 for v in found)  # what a finding keeps is cut too
    assert any("2,097,152 characters" in v.message for v in found)
