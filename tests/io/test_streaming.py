"""Streaming holds one transaction set at a time: memory does not grow with the file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import edikit
from edikit import X12Writer


def ship_notice_file(path: Path, transactions: int, items: int = 400) -> Path:
    writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"))
    group = writer.group("SH", "BRAND", "RETAILER")
    for number in range(transactions):
        body: list[list[str]] = [["BSN", "00", f"SHIP{number}", "20240105", "1200"]]
        for item in range(items):
            body += [
                ["HL", str(item + 1), "", "I"],
                ["LIN", "", "UP", "012345678905"],
                ["SN1", "", "6", "EA"],
            ]
        group.transaction("856", body)
    path.write_bytes(writer.to_bytes())
    return path


def peak_while_streaming(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in edikit.stream(path, chunk_size=1 << 14))
        return tracemalloc.get_traced_memory()[1] if count else 0
    finally:
        tracemalloc.stop()


def test_stream_memory_is_bounded_by_the_largest_transaction(tmp_path: Path) -> None:
    small = peak_while_streaming(ship_notice_file(tmp_path / "small.edi", transactions=4))
    large = peak_while_streaming(ship_notice_file(tmp_path / "large.edi", transactions=40))
    # Ten times the data (many chunks of 16 KiB), about the same peak: one chunk and one
    # transaction set.
    assert large < small * 1.5, (small, large)


def test_parse_keeps_everything_stream_keeps_counts(tmp_path: Path) -> None:
    path = ship_notice_file(tmp_path / "asn.edi", transactions=3, items=5)
    streamed = edikit.stream(path)
    sets = list(streamed)
    assert [len(tx.segments) for tx in sets] == [16, 16, 16]
    assert streamed.file.parts == []  # nothing kept behind, not even the envelope
    assert [tx.context.transaction for tx in sets] == [0, 1, 2]
    assert len(edikit.parse(path).groups[0].transactions) == 3
