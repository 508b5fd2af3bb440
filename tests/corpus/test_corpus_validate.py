"""``edikit.validate`` on the shared corpus: the files their sources call valid report no
error at the standard level (EDI0xx-EDI3xx) except the defects listed here, each a real
break of the standard found by reading the file; the files sources use as error cases report
the errors those sources assert. Business-rule findings (EDI5xx) are not the standard: demo
files carry made-up UPCs and totals, and those checks are tested on fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edikit
from edikit.vocabulary import Severity

PROVENANCE_ROW = re.compile(r"^\| `([^`]+)` \|(?:[^|]*\|){6}\s*([^|]*?)\s*\|")

# file -> the standard-level errors it has ("CODE REFERENCE"), found by reading the file.
DEFECTS: dict[str, list[str]] = {
    # AK202 copies ST02, which is 4 to 9 characters; this sample writes '002'.
    "Inteligenz__X12Parser/Acknowledgments/_999/DHS_Wisconsin_Sample.txt": ["EDI303 AK202"],
    # ISS sent before TDS (004030 read with the 004010 tables for the first).
    "Inteligenz__X12Parser/ORD/_810/Example3_MultiInvoice.txt": ["EDI203 ISS"],
    "Inteligenz__X12Parser/ORD/_810/Example5_Walmart.txt": ["EDI203 ISS"],
    # ISA06 of 14 characters.
    "Inteligenz__X12Parser/ORD/_850/Example3_Adobe_CLP.txt": ["EDI102 ISA06"],
    "Inteligenz__X12Parser/ORD/_850/Example4_Adobe_ShrinkWrapped.txt": ["EDI102 ISA06"],
    # N402 'LOCSTATE' (2/2); listed in PROVENANCE's known defects.
    "Inteligenz__X12Parser/ORD/_856/Example4.txt": ["EDI304 N402"],
    # See test_corpus.py; DTM*...***19: DTM05 (a pre-004 century) without DTM06 (P0506).
    "bots-edi__bots-plugins/x122xml/mailbag01.x12": [
        "EDI103 ISA11",
        "EDI123 GS06",
        "EDI133 ST02",
        "EDI309 DTM06",
    ],
    # AK404 holds two spaces: AN must have a non-space character.
    "bots-edi__bots-plugins/x122xml/testx12001.x12.base": ["EDI305 AK404"],
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-03.x12": ["EDI309 DTM06"],
    # No PO1 loop (parser test stubs).
    "hellooops__vscode-edi-support/850-lineBreak-LF.x12": ["EDI204 CTT"],
    "hellooops__vscode-edi-support/850-lineBreak.x12": ["EDI204 CTT"],
    "hellooops__vscode-edi-support/850.x12": ["EDI204 CTT"],
    "hellooops__vscode-edi-support/X12-interchanges.x12": ["EDI204 SE"],
    # SAC*A***100.00: the amount sits in SAC04 (one separator too many); R0203, P0304.
    "hellooops__vscode-edi-support/850-loop.edi": ["EDI309 SAC02", "EDI309 SAC03"],
    # No-break-space ISA padding; IEA02 differs from ISA13.
    "indice-co__EDI.Net/x12.850.edi": [
        "EDI102 ISA02",
        "EDI102 ISA04",
        "EDI102 ISA06",
        "EDI102 ISA08",
        "EDI111 IEA02",
    ],
    "indice-co__EDI.Net/x12.850a.edi": [
        "EDI102 ISA02",
        "EDI102 ISA04",
        "EDI102 ISA06",
        "EDI102 ISA08",
        "EDI111 IEA02",
        "EDI304 N402",
    ],
    "kputnam__stupidedi/004010/FA997/pass/1.edi": ["EDI102 ISA06"],
    # IT1||4||70: IT102 and IT104 without IT103 (P020304).
    "kputnam__stupidedi/004010/IN810/pass/1.edi": ["EDI309 IT103"],
    "kputnam__stupidedi/004010/PO850/pass/1.edi": ["EDI102 ISA08"],
    # An N9 without N901.
    "olmelabs__EdiEngine/AckTest.edi": ["EDI302 N901"],
    "olmelabs__EdiEngine/MultipleInterchangesAndGroups.edi": ["EDI105 IEA02"],
    "xlate__staedi/empty997.edi": ["EDI204 SE"],
    "xlate__staedi/wiki/x12_interchange_ack.txt": ["EDI112 IEA01"],
}
# ISA16 missing: every segment ends with '~' as data, so most of its elements are wrong.
MANY_DEFECTS = {"indice-co__EDI.Net/x12.850.issue135.edi"}


def valid_files(corpus: Path) -> list[str]:
    rows = (PROVENANCE_ROW.match(line) for line in (corpus / "PROVENANCE.md").open())
    return sorted(m.group(1) for m in rows if m and m.group(2).startswith("valid"))


def standard_errors(path: Path) -> list[str]:
    x12 = edikit.validate(path)
    return sorted(
        {
            f"{v.code} {v.location.reference()}"
            for v in x12.all_violations()
            if v.severity is Severity.ERROR and v.code < "EDI400"
        }
    )


def test_valid_files_break_the_standard_only_where_listed(corpus: Path) -> None:
    checked = 0
    for relative in valid_files(corpus):
        found = standard_errors(corpus / relative)
        if relative in MANY_DEFECTS:
            assert found, relative
        else:
            assert found == sorted(DEFECTS.get(relative, [])), relative
        checked += 1
    assert checked >= 80  # PROVENANCE marks 84 inputs valid


def located(relative: str, corpus: Path) -> list[tuple[str, str, int | None]]:
    x12 = edikit.validate(corpus / relative)
    return [
        (v.code, v.location.reference(), v.location.segment_position)
        for v in x12.all_violations()
        if v.severity is Severity.ERROR
    ]


def test_staedi_invalid997_min(corpus: Path) -> None:
    """StAEDI: GS04 date, GS05 time, GE02 too long, GE02 not numeric, GE02 != GS06; edikit
    also finds AK101 '<NOT_IN_CODESET>' too long (2/2), which StAEDI does not check there."""
    found = located("xlate__staedi/invalid997_min.edi", corpus)
    assert [f[:2] for f in found] == [
        ("EDI105", "GS04"), ("EDI105", "GS05"), ("EDI304", "AK101"),
        ("EDI105", "GE02"), ("EDI105", "GE02"), ("EDI121", "GE02"),
    ]  # fmt: skip


def test_staedi_invalid999(corpus: Path) -> None:
    """StAEDI: IK5 unexpected, AK101 too long, AK204/AK205 too many elements, IK501 bad code,
    IK5 over its maximum use (and SE01 is wrong in the file)."""
    found = located("xlate__staedi/invalid999.edi", corpus)
    assert found == [
        ("EDI203", "IK5", 2), ("EDI304", "AK101", 3), ("EDI301", "AK204", 4),
        ("EDI306", "IK501", 5), ("EDI205", "IK5", 6), ("EDI132", "SE01", 18),
    ]  # fmt: skip


def test_staedi_extra_delimiters(corpus: Path) -> None:
    """StAEDI ErrorEventsTest: invalid characters, too many repetitions, too many components,
    too long, in AK3/AK4."""
    codes = {f[0] for f in located("xlate__staedi/extraDelimiter997.edi", corpus)}
    assert {"EDI305", "EDI312", "EDI311", "EDI304"} <= codes


@pytest.mark.parametrize(
    "relative",
    ["olmelabs__EdiEngine/ControlNumbersMismatch.edi", "olmelabs__EdiEngine/940_Failed_SE01.edi"],
)
def test_edi_engine_envelope_cases_still_located(relative: str, corpus: Path) -> None:
    assert all(position is None or position > 0 for _, _, position in located(relative, corpus))
