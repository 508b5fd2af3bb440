"""Fuzz ``edikit.validate`` with any bytes, without a profile and with a built-in one, and
render what it finds with every report writer of ``edikit validate --format``.

Promised: no exception at all (a document's problems are violations); every violation is a
registered code; the bytes still round-trip (validation reads, it does not change); the text
report prints, the JSON and SARIF reports are JSON, the JUnit report is well-formed XML.

Each input is validated twice: without a profile, and with the built-in profile that a CRC of
the input picks (retail-common, x12 or one of the retailer examples), so the same input always
meets the same profile. The reports are written for the second (rendering is most of the cost
of an input, and a profile's findings are the richer set).

    python fuzz/fuzz_validate.py build/fuzz/validate build/fuzz-seeds/x12 -dict=fuzz/x12.dict
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zlib

from harness import BrokenPromiseError, fuzz, instrument_edikit, round_trip_differs

instrument_edikit()

from rich.console import Console  # noqa: E402

import edikit  # noqa: E402
from edikit.io.envelope import X12File  # noqa: E402
from edikit.profiles.loader import ResolvedProfile, builtin_ids, load_profile  # noqa: E402
from edikit.report.build import file_result  # noqa: E402
from edikit.report.junit import to_junit  # noqa: E402
from edikit.report.sarif import to_sarif  # noqa: E402
from edikit.report.text import print_file  # noqa: E402
from edikit.report.tree import validate_json  # noqa: E402
from edikit.rules.registry import REGISTRY  # noqa: E402
from edikit.rules.violation import Severity  # noqa: E402

PROFILES: list[ResolvedProfile] = [load_profile(name) for name in builtin_ids()]
REFUSED_ENCODING = "EDI003"


def test_one_input(data: bytes) -> None:
    profile = PROFILES[zlib.crc32(data) % len(PROFILES)]
    x12 = edikit.validate(data, name="fuzz.edi")
    check(x12, data)
    x12 = edikit.validate(data, name="fuzz.edi", profile=profile)
    check(x12, data)
    render(x12)


def check(x12: X12File, data: bytes) -> None:
    codes = {v.code for v in x12.all_violations()}
    unknown = codes - set(REGISTRY)
    if unknown:
        raise BrokenPromiseError(f"unregistered violation codes {sorted(unknown)}", min(unknown))
    if REFUSED_ENCODING not in codes:
        back = edikit.serialize(x12)
        if back != data:
            raise round_trip_differs(x12, data, back)


def render(x12: X12File) -> None:
    """Every format of ``edikit validate`` as cli/main.py ``_write_report`` writes it (UTF-8):
    text, JSON, SARIF and JUnit."""
    results = [file_result(x12)]
    out = io.StringIO()
    print_file(Console(file=out, width=100, highlight=False), results[0], x12)
    out.getvalue().encode("utf-8")
    json.dumps(validate_json(results), indent=2, ensure_ascii=False).encode("utf-8")
    json.loads(json.dumps(to_sarif(results, tool_version=edikit.__version__), indent=2))
    ET.fromstring(to_junit(results, fail_on=Severity.ERROR).encode("utf-8"))


if __name__ == "__main__":
    fuzz(test_one_input)
