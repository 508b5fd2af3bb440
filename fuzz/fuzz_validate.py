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

from harness import BrokenPromiseError, fuzz, instrument_edikit

instrument_edikit()

import pickle  # noqa: E402

from rich.console import Console  # noqa: E402

import edikit  # noqa: E402
from edikit.profiles.loader import builtin_ids  # noqa: E402
from edikit.report.json_report import write_validate_json  # noqa: E402
from edikit.report.junit import write_junit  # noqa: E402
from edikit.report.sarif import write_sarif  # noqa: E402
from edikit.report.text import print_file  # noqa: E402
from edikit.rules.registry import REGISTRY  # noqa: E402
from edikit.rules.result import FileResult  # noqa: E402
from edikit.rules.ruleset import RuleSet  # noqa: E402
from edikit.vocabulary import Severity  # noqa: E402

STANDARD: RuleSet = edikit.ruleset()
RULESETS: list[RuleSet] = [edikit.ruleset(name) for name in builtin_ids()]


def test_one_input(data: bytes) -> None:
    rules = RULESETS[zlib.crc32(data) % len(RULESETS)]
    check(edikit.validate_file(data, STANDARD, name="fuzz.edi"))
    result = edikit.validate_file(data, rules, name="fuzz.edi")
    check(result)
    checked, _ = edikit.cross_check([result, result], rules)  # the file sent twice
    for one in checked:
        check(one)
    render(checked[1])


def check(result: FileResult) -> None:
    codes = {v.code for v in result.all_violations()}
    unknown = codes - set(REGISTRY)
    if unknown:
        raise BrokenPromiseError(f"unregistered violation codes {sorted(unknown)}", min(unknown))
    if pickle.loads(pickle.dumps(result)) != result:
        raise BrokenPromiseError("the result does not pickle and back unchanged", "pickle")


def render(result: FileResult) -> None:
    """Every format of ``edikit validate`` as the command line writes it (UTF-8): text, JSON,
    SARIF and JUnit."""
    results = [result]
    out = io.StringIO()
    print_file(Console(file=out, width=100, highlight=False), result)
    out.getvalue().encode("utf-8")
    out = io.StringIO()
    write_validate_json(results, out)
    json.loads(out.getvalue().encode("utf-8"))
    out = io.StringIO()
    write_sarif(results, out, tool_version=edikit.__version__)
    json.loads(out.getvalue().encode("utf-8"))
    out = io.StringIO()
    write_junit(results, out, fail_on=Severity.ERROR)
    ET.fromstring(out.getvalue().encode("utf-8"))


if __name__ == "__main__":
    fuzz(test_one_input)
