"""Every X12 input of the shared corpus, read in place: counts, outcome, lossless round trip.

Each row is (interchanges, groups, transaction sets, error codes, warning codes). The counts
come from PROVENANCE.md, checked by hand where it is wrong (noted). Where a file its source
calls valid breaks the standard, the row names the rule and the comment says why; the list
of such files is also in the closing note of the issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit
from edikit.vocabulary import Severity

Row = tuple[int, int, int, list[str], list[str]]
CLEAN: list[str] = []

EXPECTED: dict[str, Row] = {
    "Inteligenz__X12Parser/Acknowledgments/TechnicalAcknowledgment_Sample1.txt": (1, 0, 0, [], []),
    # No terminator after the IEA (EDI007, here and in every row that warns of it).
    "Inteligenz__X12Parser/Acknowledgments/TechnicalAcknowledgment_SampleFromJeffN825.txt": (
        1,
        0,
        0,
        [],
        ["EDI007"],
    ),
    "Inteligenz__X12Parser/Acknowledgments/_999/DHS_Wisconsin_Sample.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_810/2011110815164104.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_810/Example1_CaliforniaISO.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_810/Example2_ManualBilling.txt": (1, 1, 1, [], []),
    # 004030, read with its own tables; ISS before TDS in both invoices (EDI203).
    "Inteligenz__X12Parser/ORD/_810/Example3_MultiInvoice.txt": (1, 1, 2, ["EDI203"], []),
    # Defect (PROVENANCE lists it): ISA12 '00040' is no interchange control version.
    "Inteligenz__X12Parser/ORD/_810/Example4_Adobe.txt": (1, 1, 1, ["EDI103"], ["EDI007"]),
    # Defects (PROVENANCE lists them): ISS before TDS, the standard puts ISS after TDS; ISA12
    # '00040'.
    "Inteligenz__X12Parser/ORD/_810/Example5_Walmart.txt": (
        1,
        1,
        1,
        ["EDI103", "EDI203"],
        ["EDI007"],
    ),
    "Inteligenz__X12Parser/ORD/_850/Example1_PGWGlass.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_850/Example2_Adobe_TLP.txt": (1, 1, 1, [], ["EDI007"]),
    # Defect: ISA06 is 14 characters (ISA is fixed-width).
    "Inteligenz__X12Parser/ORD/_850/Example3_Adobe_CLP.txt": (1, 1, 1, ["EDI102"], []),
    # Defect: ISA06 is 14 characters; segments end with " \r\n" (space as terminator).
    "Inteligenz__X12Parser/ORD/_850/Example4_Adobe_ShrinkWrapped.txt": (
        1,
        1,
        1,
        ["EDI102"],
        ["EDI007", "EDI104"],
    ),
    "Inteligenz__X12Parser/ORD/_850/From_aojuk.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_855/855SSimmons.txt": (1, 1, 2, [], []),
    "Inteligenz__X12Parser/ORD/_855/Example1_Adobe.txt": (1, 1, 1, [], ["EDI007"]),
    "Inteligenz__X12Parser/ORD/_856/Example1.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_856/Example2.txt": (1, 1, 1, [], []),
    # The terminator is U+2026 written in UTF-8 (3 bytes): read, and warned about.
    "Inteligenz__X12Parser/ORD/_856/Example3.txt": (1, 1, 1, [], ["EDI104"]),
    "Inteligenz__X12Parser/ORD/_856/Example4.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_856/FromGregarican.txt": (1, 1, 1, [], []),
    "Inteligenz__X12Parser/ORD/_856/edi1Source.txt": (1, 1, 1, [], ["EDI208"]),
    "Silvenga__vscode-edi-x12-support/docs/old.edi": (1, 1, 1, [], []),
    # Defect: ISA11 'U' under 00501 (must be the repetition separator); GS01 OW for an 850.
    "Stedi-Demos__bootstrap-archived/X12/5010/850/input.edi": (1, 1, 1, ["EDI103"], ["EDI124"]),
    "Stedi-Demos__bootstrap-archived/X12/5010/855/inbound.edi": (1, 1, 1, [], []),
    # Defect: ISA11 'U' under 00501.
    "Stedi-Demos__bootstrap-archived/X12/5010/855/input.edi": (1, 1, 1, ["EDI103"], []),
    "aaronhuggins__node-x12/850.edi": (1, 1, 1, [], []),
    "aaronhuggins__node-x12/850_2.edi": (1, 1, 1, [], []),
    "aaronhuggins__node-x12/850_3.edi": (1, 1, 1, [], []),
    "aaronhuggins__node-x12/850_fat.edi": (2, 2, 2, [], []),
    "aaronhuggins__node-x12/855.edi": (1, 1, 1, [], []),
    "aaronhuggins__node-x12/856.edi": (1, 1, 1, [], ["EDI208"]),
    "azoner__pyx12/834_ls_le_ls_5010.999.txt": (1, 1, 1, [], []),
    "azoner__pyx12/834_lui_id_5010.999.txt": (1, 2, 4, [], []),
    "bots-edi__bots-plugins/outbound_856/PARTNER1_20130123_1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/outbound_856/PARTNER2_20130123_1.x12": (1, 1, 2, [], []),
    "bots-edi__bots-plugins/outbound_856/PARTNER3_pgroupA_20130123_1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/retailer_inbound/810_1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/retailer_inbound/810_2.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/retailer_inbound/856_1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/retailer_inbound/856_2.x12": (1, 1, 2, [], []),
    "bots-edi__bots-plugins/retailer_inbound/997_1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x122xml/810-004010-01.x12": (1, 1, 2, [], []),
    "bots-edi__bots-plugins/x122xml/810-004010VICS-01.x12": (1, 1, 2, [], []),
    "bots-edi__bots-plugins/x122xml/810-004030-01.x12": (1, 1, 2, [], []),
    "bots-edi__bots-plugins/x122xml/855-004010UCS-01.x12": (1, 1, 6, [], []),
    "bots-edi__bots-plugins/x122xml/997-004010VICS-01.x12": (1, 1, 1, [], []),
    # PROVENANCE says 5 interchanges/4 groups; the file has 8 ISA, 9 GS and 14 ST (counted by
    # hand). Defects: ISA11 'U' under 00403, GS06 5 twice in one interchange, ST02 000000001
    # twice in a group; 6-digit GS04 with old envelopes (warning). Ends with Ctrl-Z.
    "bots-edi__bots-plugins/x122xml/mailbag01.x12": (
        8,
        9,
        14,
        ["EDI103", "EDI123", "EDI133"],
        ["EDI105"],
    ),
    "bots-edi__bots-plugins/x122xml/simplemailbag.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x122xml/testx12001.x12.base": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x122xml/testx12002.x12.base": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x122xml/testx120028.x12.base": (1, 0, 0, [], []),
    # 6-digit GS04 with GS08 004010 under ISA12 00302/00200: a warning for old envelopes.
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-01.x12": (1, 1, 1, [], ["EDI105"]),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-03.x12": (1, 1, 1, [], ["EDI105"]),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-12.x12": (3, 3, 3, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-ascii-lf.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-ascii-st.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010-ascii1.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004010VICS-01.x12": (1, 1, 4, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850/850-004030-01.x12": (1, 1, 1, [], []),
    "bots-edi__bots-plugins/x12_850tofixed/850ebcdic/ebcdic.x12": (1, 1, 1, [], []),
    # Not X12: '//' comments between segments (an editor extension's own format).
    "hellooops__vscode-edi-support/850-comments.x12": (
        1,
        0,
        0,
        ["EDI004", "EDI006", "EDI110", "EDI140"],
        [],
    ),
    "hellooops__vscode-edi-support/850-lineBreak-LF.x12": (1, 1, 1, ["EDI204"], []),
    "hellooops__vscode-edi-support/850-lineBreak.x12": (1, 1, 1, ["EDI204"], ["EDI007"]),
    "hellooops__vscode-edi-support/850-loop.edi": (1, 1, 1, [], []),
    # Defect (PROVENANCE lists it): parser test stubs with no PO1 loop, mandatory in an 850.
    "hellooops__vscode-edi-support/850.x12": (1, 1, 1, ["EDI204"], []),
    # Defects: GS02 and GS03 are spaces in both groups (EDI105); an 864 (text message, GS01 TX)
    # in the PO group (EDI124).
    "hellooops__vscode-edi-support/X12-interchanges.x12": (
        1,
        2,
        3,
        ["EDI105", "EDI204"],
        ["EDI124"],
    ),
    "hellooops__vscode-edi-support/docs/diagnosctics.x12": (
        1,
        1,
        1,
        ["EDI006", "EDI105", "EDI111", "EDI121", "EDI132", "EDI204"],
        [],
    ),
    "hellooops__vscode-edi-support/multiple_transactions.x12": (1, 1, 2, [], []),
    # Synthetic: ISA02/04/06/08 padded with UTF-8 no-break spaces; SE01 50 for 6 segments;
    # IEA02 differs from ISA13.
    "indice-co__EDI.Net/x12.810.mandatory-conditions.edi": (
        1,
        1,
        1,
        ["EDI102", "EDI111", "EDI132", "EDI202", "EDI204"],
        [],
    ),
    # Defect: ISA02/ISA04 one space instead of ten (not fixed-width).
    "indice-co__EDI.Net/x12.810a.edi": (1, 1, 1, ["EDI102"], []),
    "indice-co__EDI.Net/x12.810b.edi": (1, 1, 1, ["EDI102"], []),
    "indice-co__EDI.Net/x12.810c.edi": (1, 1, 1, ["EDI102"], []),
    "indice-co__EDI.Net/x12.810d.edi": (1, 1, 1, ["EDI102"], []),
    # Defects: no-break-space padding in ISA; IEA02 000000001 but ISA13 000000055.
    "indice-co__EDI.Net/x12.850.edi": (1, 1, 1, ["EDI102", "EDI111"], []),
    # Defect: ISA16 missing, so '~' is the component separator and LF the terminator; every
    # segment then ends in '~' (GE02, IEA02 not numeric) and both ST02 read '0001~'.
    "indice-co__EDI.Net/x12.850.issue135.edi": (
        1,
        1,
        2,
        ["EDI105", "EDI111", "EDI121", "EDI133"],
        ["EDI007"],
    ),
    "indice-co__EDI.Net/x12.850a.edi": (1, 1, 1, ["EDI102", "EDI111"], []),
    "kputnam__stupidedi/002001/SH856/fail/1.edi": (1, 1, 2, ["EDI102"], ["EDI208"]),
    "kputnam__stupidedi/003010/PO850/fail/1.edi": (1, 1, 1, ["EDI102", "EDI132"], []),
    # Read with the 003050 tables, its NTE is where the 850 has one (no EDI202).
    "kputnam__stupidedi/003050/PO850/fail/1.edi": (1, 1, 1, ["EDI102"], []),
    # Defect: ISA06 of 12 characters.
    "kputnam__stupidedi/004010/FA997/pass/1.edi": (1, 1, 1, ["EDI102"], []),
    "kputnam__stupidedi/004010/IN810/pass/1.edi": (1, 1, 1, [], []),
    # Defect: ISA08 of 16 characters.
    "kputnam__stupidedi/004010/PO850/pass/1.edi": (1, 1, 1, ["EDI102"], []),
    # ISA wrapped across two lines inside ISA10.
    "kputnam__stupidedi/004010/PR855/fail/2.edi": (1, 1, 1, ["EDI102"], []),
    "kputnam__stupidedi/004010/PR855/pass/1.edi": (1, 1, 1, [], []),
    "kputnam__stupidedi/004010/SH856/fail/2.edi": (
        1,
        1,
        1,
        ["EDI132", "EDI203", "EDI209", "EDI210"],
        [],
    ),
    "kputnam__stupidedi/005010/X230_FA997/pass/response-to-functional-group-containing-837s.edi": (
        1,
        1,
        1,
        [],
        [],
    ),
    "kputnam__stupidedi/005010/X231A1_FA999/pass/response-to-functional-group-containing-3-837s.edi": (
        1,
        1,
        1,
        [],
        [],
    ),
    "olmelabs__EdiEngine/850.Composite.SLN.OK.edi": (1, 1, 1, [], []),
    "olmelabs__EdiEngine/850.OK.edi": (1, 1, 1, [], []),
    "olmelabs__EdiEngine/850.SyntaxNotes.ERR.edi": (1, 1, 1, [], []),
    "olmelabs__EdiEngine/856.Crossdock.OK.edi": (1, 1, 1, [], []),
    "olmelabs__EdiEngine/940_Failed_SE01.edi": (1, 1, 1, ["EDI132"], ["EDI007"]),
    "olmelabs__EdiEngine/AckTest.edi": (1, 2, 3, [], ["EDI007"]),
    "olmelabs__EdiEngine/ControlNumbersMismatch.edi": (1, 1, 1, ["EDI111", "EDI121", "EDI131"], []),
    # Defect: IEA02 '3438' is not 9 digits (EdiEngine compares numbers only).
    "olmelabs__EdiEngine/MultipleInterchangesAndGroups.edi": (2, 4, 6, ["EDI105"], ["EDI007"]),
    "olmelabs__EdiEngine/NonEdi.edi": (0, 0, 0, ["EDI002"], []),
    "olmelabs__EdiEngine/WrongGroupsAndTranCount.edi": (
        1,
        1,
        1,
        ["EDI105", "EDI112", "EDI122"],
        [],
    ),
    # Defect: ST..SE only; a 997 needs AK1 and AK9 (StAEDI reads only its version and type).
    "xlate__staedi/empty997.edi": (1, 1, 1, ["EDI204"], []),
    "xlate__staedi/extraDelimiter997.edi": (1, 1, 1, [], []),
    "xlate__staedi/invalid997.edi": (1, 1, 1, [], []),
    "xlate__staedi/invalid997_min.edi": (1, 1, 1, ["EDI105", "EDI121"], []),
    # SE01 says 16; ST..SE holds 18; IK5 at position 2 outside any AK2 loop and IK5 twice in
    # one (StAEDI: IK5 unexpected, IK5 over its maximum use). Element faults are issue 4's.
    "xlate__staedi/invalid999.edi": (1, 1, 1, ["EDI132", "EDI203", "EDI205"], []),
    "xlate__staedi/invoice810_po850_dual.edi": (1, 2, 3, [], []),
    "xlate__staedi/issue590/multi-tx-transaction-type.edi": (1, 1, 2, [], []),
    "xlate__staedi/optionalInterchangeServices.edi": (1, 1, 1, [], []),
    "xlate__staedi/simple810.edi": (1, 1, 2, [], []),
    "xlate__staedi/simple997-multiple-interchanges.edi": (3, 3, 3, [], []),
    "xlate__staedi/simple997.edi": (1, 1, 1, [], []),
    "xlate__staedi/simple999.edi": (1, 1, 1, [], []),
    # Defect: a TA1-only interchange whose IEA01 says 1 group (bots' TA1-only file says 0).
    "xlate__staedi/wiki/x12_interchange_ack.txt": (1, 0, 0, ["EDI112"], []),
}

COMPANION_SUFFIXES = (".md", ".xml", ".json")


def corpus_inputs(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in COMPANION_SUFFIXES
        and not path.name.startswith(".")  # .gitattributes keeps the bytes exact in git
    )


def test_every_corpus_input_has_an_expectation(corpus: Path) -> None:
    assert corpus_inputs(corpus) == sorted(EXPECTED)


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_corpus_file(corpus: Path, relative: str) -> None:
    interchanges, groups, transactions, errors, warnings = EXPECTED[relative]
    path = corpus / relative
    x12 = edikit.parse(path)
    assert (len(x12.interchanges), len(x12.groups), len(x12.transactions)) == (
        interchanges,
        groups,
        transactions,
    )
    found = x12.all_violations()
    assert sorted({v.code for v in found if v.severity is Severity.ERROR}) == errors
    assert sorted({v.code for v in found if v.severity is Severity.WARNING}) == warnings
    for violation in found:
        location = violation.location
        assert location.file == str(path)
        assert location.offset is not None or violation.code in ("EDI001", "EDI002")
    assert edikit.serialize(x12) == path.read_bytes()


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_streaming_matches_parse(corpus: Path, relative: str) -> None:
    path = corpus / relative
    whole = edikit.parse(path)
    streamed = edikit.stream(path)
    seen = [(tx.set_id, tx.control_number, len(tx.segments)) for tx in streamed]
    assert seen == [(tx.set_id, tx.control_number, len(tx.segments)) for tx in whole.transactions]
    assert [v.code for v in streamed.violations] == [v.code for v in whole.violations]


def test_rejected_files_name_the_place(corpus: Path) -> None:
    """Source projects' error cases: the located errors they assert, edikit reports too."""
    mismatch = edikit.parse(corpus / "olmelabs__EdiEngine/ControlNumbersMismatch.edi")
    messages = {v.code: v for v in mismatch.all_violations()}
    assert "'000003439' but ISA13 is '000003438'" in messages["EDI111"].message
    assert "'3315' but GS06 is '3314'" in messages["EDI121"].message
    assert "'0002' but ST02 is '0001'" in messages["EDI131"].message
    assert messages["EDI131"].location.transaction_control == "0001"
    counts = edikit.parse(corpus / "olmelabs__EdiEngine/WrongGroupsAndTranCount.edi")
    texts = [v.message for v in counts.all_violations()]
    assert "IEA01 says 2 functional groups; the interchange has 1" in texts
    assert "GE01 says 2 transaction sets; the group has 1" in texts
    path = corpus / "olmelabs__EdiEngine/940_Failed_SE01.edi"
    se01 = [v for v in edikit.parse(path, structure=False).all_violations() if v.code != "EDI007"]
    assert [v.message for v in se01] == ["SE01 says 12 segments; ST..SE holds 9"]
    assert se01[0].location.element == 1 and se01[0].location.segment_id == "SE"


def test_staedi_invalid997_min_has_its_five_envelope_errors(corpus: Path) -> None:
    found = edikit.parse(corpus / "xlate__staedi/invalid997_min.edi").all_violations()
    refs = [(v.code, v.location.reference()) for v in found]
    assert refs == [
        ("EDI105", "GS04"),
        ("EDI105", "GS05"),
        ("EDI105", "GE02"),
        ("EDI105", "GE02"),
        ("EDI121", "GE02"),
    ]


def test_node_x12_line_numbers(corpus: Path) -> None:
    """node-x12's ParserSuite: in 850_3.edi, segment N (0-based) starts on line N+1."""
    x12 = edikit.parse(corpus / "aaronhuggins__node-x12/850_3.edi")
    segments = [x12.interchanges[0].header, x12.groups[0].header]
    segments += x12.transactions[0].all_segments()
    assert [s.line for s in segments] == [s.index + 1 for s in segments]
    assert all(s.column == 1 for s in segments)


def test_hellooops_groups_and_control_numbers(corpus: Path) -> None:
    x12 = edikit.parse(corpus / "hellooops__vscode-edi-support/X12-interchanges.x12")
    assert [[tx.set_id for tx in g.transactions] for g in x12.groups] == [["850", "864"], ["850"]]
    assert [[tx.control_number for tx in g.transactions] for g in x12.groups] == [
        ["0001", "0002"],
        ["0003"],
    ]


def test_ebcdic_is_read_and_written_back(corpus: Path) -> None:
    path = corpus / "bots-edi__bots-plugins/x12_850tofixed/850ebcdic/ebcdic.x12"
    x12 = edikit.parse(path)
    assert x12.codec == "cp037"
    assert x12.transactions[0].set_id == "850"
    assert x12.interchanges[0].delimiters.segment == "\x85"  # EBCDIC NL
    beg = x12.transactions[0].segments[0]
    assert beg.tag == "BEG" and beg[3] == "12345678"
    assert edikit.serialize(x12) == path.read_bytes()
