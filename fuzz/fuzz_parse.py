"""Fuzz ``edikit.parse`` (and ``edikit.stream``) with any bytes.

Promised (as tests/property/test_properties.py states it): no exception at all; every
violation is a registered code; ``edikit.serialize`` gives the input back byte for byte unless
the input was refused as UTF-16/32 (EDI003). Also: streaming the same bytes in small chunks
gives the same transaction sets, the typed documents build, and the envelope tree renders as
``edikit parse`` prints it (text and JSON).

    python fuzz/fuzz_parse.py build/fuzz/parse build/fuzz-seeds/x12 -dict=fuzz/x12.dict
"""

from __future__ import annotations

import io
import json
import zlib

from harness import BrokenPromiseError, fuzz, instrument_edikit, round_trip_differs

instrument_edikit()

from rich.console import Console  # noqa: E402

import edikit  # noqa: E402
from edikit.api import ParsedFile  # noqa: E402
from edikit.report.parse_output import file_to_json, print_file  # noqa: E402
from edikit.rules.registry import REGISTRY  # noqa: E402

REFUSED_ENCODING = "EDI003"


def test_one_input(data: bytes) -> None:
    try:
        x12 = edikit.parse(data)
    except edikit.InputError:
        return  # documented for unreadable input (bytes are always readable, so far)
    check_parsed(x12, data)
    check_stream(x12, data)
    x12.documents  # noqa: B018  (the typed models are built on first use)
    for document in x12.documents:
        document.model_dump()  # every computed field, as JSON output would read it
    render_tree(x12)


def check_parsed(x12: ParsedFile, data: bytes) -> None:
    codes = {v.code for v in x12.all_violations()}
    unknown = codes - set(REGISTRY)
    if unknown:
        raise BrokenPromiseError(f"unregistered violation codes {sorted(unknown)}", min(unknown))
    if REFUSED_ENCODING not in codes:
        back = edikit.serialize(x12)
        if back != data:
            raise round_trip_differs(x12, data, back)


def check_stream(x12: ParsedFile, data: bytes) -> None:
    """Read in chunks of 16 to 79 bytes (the encoding is sniffed from the first 16), the same
    transaction sets come out."""
    chunk_size = 16 + zlib.crc32(data) % 64
    streamed = list(edikit.stream(data, chunk_size=chunk_size))
    got = [[s.raw for s in tx.all_segments()] for tx in streamed]
    want = [[s.raw for s in tx.all_segments()] for tx in x12.transactions]
    if got != want:
        raise BrokenPromiseError(
            f"stream(chunk_size={chunk_size}) read {len(got)} transaction sets, parse {len(want)}"
            " (or their segments differ)"
        )


def render_tree(x12: ParsedFile) -> None:
    json.dumps(file_to_json(x12, True), ensure_ascii=False)
    print_file(Console(file=io.StringIO(), width=100, highlight=False), x12, True)


if __name__ == "__main__":
    fuzz(test_one_input)
