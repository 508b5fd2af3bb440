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
from edikit.x12.structure import VERSIONS

PROVENANCE_ROW = re.compile(r"^\| `([^`]+)` \|(?:[^|]*\|){6}\s*([^|]*?)\s*\|")

# file -> the standard-level errors it has ("CODE REFERENCE"), found by reading the file.
DEFECTS: dict[str, list[str]] = {
    # AK202 copies ST02, which is 4 to 9 characters; this sample writes '002'.
    "Inteligenz__X12Parser/Acknowledgments/_999/DHS_Wisconsin_Sample.txt": ["EDI303 AK202"],
    # ISS sent before TDS (004030 read with the 004010 tables for the first).
    "Inteligenz__X12Parser/ORD/_810/Example3_MultiInvoice.txt": ["EDI203 ISS"],
    # ISA12 '00040' is no interchange control version (PROVENANCE lists it).
    "Inteligenz__X12Parser/ORD/_810/Example4_Adobe.txt": ["EDI103 ISA12"],
    "Inteligenz__X12Parser/ORD/_810/Example5_Walmart.txt": ["EDI103 ISA12", "EDI203 ISS"],
    # ISA06 of 14 characters.
    "Inteligenz__X12Parser/ORD/_850/Example3_Adobe_CLP.txt": ["EDI102 ISA06"],
    "Inteligenz__X12Parser/ORD/_850/Example4_Adobe_ShrinkWrapped.txt": ["EDI102 ISA06"],
    # 003060, read with its own tables: BSN02 empty (PROVENANCE lists it); TD101 and CLD03
    # ' BIN52' are 6 characters where the packaging code (103) takes at most 5.
    "Inteligenz__X12Parser/ORD/_856/Example2.txt": [
        "EDI302 BSN02",
        "EDI304 CLD03",
        "EDI304 TD101",
    ],
    # N402 'LOCSTATE' (2/2); listed in PROVENANCE's known defects.
    "Inteligenz__X12Parser/ORD/_856/Example4.txt": ["EDI304 N402"],
    # REF01 'ZZZ' is not a reference identification qualifier (128).
    "aaronhuggins__node-x12/855.edi": ["EDI306 REF01"],
    # LIN08 'XX' is not a product/service ID qualifier (235).
    "bots-edi__bots-plugins/outbound_856/PARTNER2_20130123_1.x12": ["EDI306 LIN08"],
    # See test_corpus.py; DTM*...***19: DTM05 (a pre-004 century) without DTM06 (P0506), and
    # '19' is no 004010 date/time format qualifier (1250); TD301 'AA' is no equipment
    # description code (40) before 004030.
    "bots-edi__bots-plugins/x122xml/mailbag01.x12": [
        "EDI103 ISA11",
        "EDI123 GS06",
        "EDI133 ST02",
        "EDI306 DTM05",
        "EDI306 TD301",
        "EDI309 DTM06",
    ],
    # AK404 holds two spaces: AN must have a non-space character.
    "bots-edi__bots-plugins/x122xml/testx12001.x12.base": ["EDI305 AK404"],
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-03.x12": ["EDI306 DTM05", "EDI309 DTM06"],
    # No PO1 loop (parser test stubs).
    "hellooops__vscode-edi-support/850-lineBreak-LF.x12": ["EDI204 CTT"],
    "hellooops__vscode-edi-support/850-lineBreak.x12": ["EDI204 CTT"],
    "hellooops__vscode-edi-support/850.x12": ["EDI204 CTT"],
    # ... and GS02/GS03 hold two spaces (PROVENANCE's second review).
    "hellooops__vscode-edi-support/X12-interchanges.x12": [
        "EDI105 GS02",
        "EDI105 GS03",
        "EDI204 SE",
    ],
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
    # Its PO group is 003010, read with the 003010 tables: REF01 'WH' is a 128 code only from
    # 004010 on; N1*ST*...*92 has N103 without N104 (P0304; PROVENANCE's second review).
    "xlate__staedi/invoice810_po850_dual.edi": ["EDI306 REF01", "EDI309 N104"],
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
    also finds AK101 '<NOT_IN_CODESET>' too long (2/2) and not a functional identifier (479),
    which StAEDI does not check there."""
    found = located("xlate__staedi/invalid997_min.edi", corpus)
    assert [f[:2] for f in found] == [
        ("EDI105", "GS04"), ("EDI105", "GS05"), ("EDI304", "AK101"), ("EDI306", "AK101"),
        ("EDI105", "GE02"), ("EDI105", "GE02"), ("EDI121", "GE02"),
    ]  # fmt: skip


def test_staedi_invalid999(corpus: Path) -> None:
    """StAEDI: IK5 unexpected, AK101 too long (and so not a 479 code), AK204/AK205 too many
    elements, IK501 bad code, IK5 over its maximum use (and SE01 is wrong in the file)."""
    found = located("xlate__staedi/invalid999.edi", corpus)
    assert found == [
        ("EDI203", "IK5", 2), ("EDI304", "AK101", 3), ("EDI306", "AK101", 3), ("EDI301", "AK204", 4),
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


def corpus_inputs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "PROVENANCE.md")


def test_every_file_is_read_with_its_own_versions_tables(corpus: Path) -> None:
    """Each transaction set is read with the tables of its GS08 release when edikit has them
    (003010 ... 005010); only the 004060 files (read as 004030) and the 002001 one (as 003010)
    are read through another version, and say so once per group (EDI208). Before the tables
    of every version were read, 12 sets in 11 files were."""
    nearest: list[tuple[str, str, str]] = []
    for path in corpus_inputs(corpus):
        x12 = edikit.parse(path)
        for tx in x12.transactions:
            release = (tx.context.version or "")[:6]
            if release in VERSIONS:
                assert (tx.version, tx.exact) == (release, True), (path, release)
            else:
                nearest.append((path.relative_to(corpus).as_posix(), release, tx.version))
        warned = [v for v in x12.all_violations() if v.code == "EDI208"]
        assert len(warned) == len(
            {(tx.context.group, tx.version) for tx in x12.transactions if not tx.exact}
        )
    assert nearest == [
        ("Inteligenz__X12Parser/ORD/_856/edi1Source.txt", "004060", "004030"),
        ("aaronhuggins__node-x12/856.edi", "004060", "004030"),
        ("kputnam__stupidedi/002001/SH856/fail/1.edi", "002001", "003010"),
        ("kputnam__stupidedi/002001/SH856/fail/1.edi", "002001", "003010"),
    ]
