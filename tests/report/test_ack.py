"""997/999 acknowledgments: what they say about the input, and that they are valid X12."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

import edikit
from edikit import Delimiters, X12Writer
from edikit.io.segment import ElementValue
from edikit.models.documents import FunctionalAck, ImplementationAck
from edikit.report.ack import (
    IMPLEMENTATION_999,
    AckPolicy,
    AckVersion,
    ElementNote,
    GroupAck,
    SegmentNote,
    SetAck,
    ack_for_group,
    build_ack,
    group_documents,
    group_violations,
)
from edikit.vocabulary import Severity

TS = datetime(2024, 1, 5, 12, 30)
VERSIONS: list[AckVersion] = ["997", "999"]
CLEAN_850 = "aaronhuggins__node-x12/850.edi"
ACK_TEST = "olmelabs__EdiEngine/AckTest.edi"
SYNTAX_NOTES = "olmelabs__EdiEngine/850.SyntaxNotes.ERR.edi"

BEG: list[ElementValue] = ["BEG", "00", "SA", "PO123", "", "20240105"]
PO1: list[ElementValue] = ["PO1", "1", "10", "EA", "2.5", "", "VN", "ABC"]
BAD_PO1: list[ElementValue] = ["PO1", "2", "", "ZZZZZZZ", "2.5", "", "VN"]  # 3 element errors


# -- helpers -----------------------------------------------------------------------------------
def orders(
    *bodies: Sequence[list[ElementValue]],
    version: str = "004010",
    isa_version: str = "00401",
    usage: str = "P",
    implementation: str | None = None,
) -> bytes:
    """One interchange from BRAND to RETAILER with one PO group of 850s."""
    writer = X12Writer(
        sender=("ZZ", "BRAND"),
        receiver=("01", "RETAILER"),
        control_number=7,
        version=isa_version,
        usage=usage,
        timestamp=TS,
    )
    group = writer.group("PO", "BRANDGS", "RETAILERGS", version=version, control_number=42)
    for body in bodies:
        group.transaction("850", body, implementation=implementation)
    return writer.to_bytes()


def ack_of(data: bytes, version: AckVersion = "997", policy: AckPolicy = "note") -> bytes:
    ack = build_ack(edikit.validate(data), version=version, timestamp=TS, policy=policy)
    assert_valid(ack)
    return ack


def assert_valid(ack: bytes) -> None:
    """The acknowledgment validates with no error and reads back byte for byte."""
    checked = edikit.validate(ack)
    errors = [str(v) for v in checked.all_violations() if v.severity is Severity.ERROR]
    assert errors == []
    assert edikit.serialize(edikit.parse(ack)) == ack


def segments(ack: bytes, tag: str | None = None) -> list[list[str]]:
    """Every segment of the ack's transaction sets, as element lists (ID first)."""
    return [
        segment.elements
        for tx in edikit.parse(ack).transactions
        for segment in tx.all_segments()
        if tag is None or segment.tag == tag
    ]


def tags(ack: bytes) -> list[str]:
    return [s[0] for s in segments(ack)]


def corpus_file(corpus: Path, name: str) -> Path:
    path = corpus / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the shared corpus")
    return path


# -- the shared corpus -------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_clean_file_is_accepted(corpus: Path, version: AckVersion) -> None:
    ack = ack_of(corpus_file(corpus, CLEAN_850).read_bytes(), version)
    trailer = "IK5" if version == "999" else "AK5"
    assert segments(ack, trailer) == [[trailer, "A"]]
    assert segments(ack, "AK9") == [["AK9", "A", "1", "1", "1"]]
    assert segments(ack, "AK1")[0][:3] == ["AK1", "PO", "1421"]
    assert segments(ack, "AK2") == [["AK2", "850", "000000010"]]
    assert not {"AK3", "AK4", "IK3", "IK4"} & set(tags(ack))


def test_ack_test_accept_all_matches_edi_engine(corpus: Path) -> None:
    # PROVENANCE: "AcceptAll -> AK9 A/2/2/2 and A/1/1/1" (EdiEngine AckBuilderTests).
    ack = ack_of(corpus_file(corpus, ACK_TEST).read_bytes(), policy="accept")
    assert segments(ack, "AK9") == [["AK9", "A", "2", "2", "2"], ["AK9", "A", "1", "1", "1"]]
    assert segments(ack, "AK1") == [["AK1", "OW", "9221"], ["AK1", "OW", "9222"]]
    assert segments(ack, "AK5") == [["AK5", "A"]] * 3
    assert "AK3" not in tags(ack)


def test_ack_test_notes_the_missing_n901(corpus: Path) -> None:
    """940 has no segment table in edikit (EDI207, information: not reported), so the sets are
    checked at envelope and element level; 20067's N9 has no N901 (mandatory)."""
    x12 = edikit.validate(corpus_file(corpus, ACK_TEST))
    errors = [v for v in x12.all_violations() if v.severity is Severity.ERROR]
    assert [(v.code, v.location.transaction_control) for v in errors] == [("EDI302", "20067")]
    ack = build_ack(x12, timestamp=TS)
    assert_valid(ack)
    # As EdiEngine's AcceptButNoteErrors for the first group: A and E, AK9 E/2/2/2.
    assert segments(ack, "AK5") == [["AK5", "A"], ["AK5", "E", "5"], ["AK5", "A"]]
    assert segments(ack, "AK3") == [["AK3", "N9", "7", "", "8"]]
    assert segments(ack, "AK4") == [["AK4", "1", "128", "1"]]
    assert segments(ack, "AK9") == [["AK9", "E", "2", "2", "2"], ["AK9", "A", "1", "1", "1"]]


def test_ack_test_reject_policy(corpus: Path) -> None:
    # As EdiEngine's RejectValidationErrors for the first group: A and R, AK9 P/2/2/1.
    ack = ack_of(corpus_file(corpus, ACK_TEST).read_bytes(), policy="reject")
    assert segments(ack, "AK5") == [["AK5", "A"], ["AK5", "R", "5"], ["AK5", "A"]]
    assert segments(ack, "AK9") == [["AK9", "P", "2", "2", "1"], ["AK9", "A", "1", "1", "1"]]


def test_syntax_notes_are_reported_where_edikit_finds_them(corpus: Path) -> None:
    x12 = edikit.validate(corpus_file(corpus, SYNTAX_NOTES))
    errors = [v for v in x12.all_violations() if v.severity is Severity.ERROR]
    found = [(v.location.segment_id, v.location.segment_position) for v in errors]
    # EdiEngine: pos 13 P0607 (PO1), pos 30 C0506 and P0607 (PO4); both PO4 notes miss PO406.
    assert found == [("PO1", 13), ("PO4", 30), ("PO4", 30)]
    assert [v.location.reference() for v in errors] == ["PO107", "PO406", "PO406"]
    assert {v.code for v in errors} == {"EDI309"}

    ack = build_ack(x12, timestamp=TS)
    assert_valid(ack)
    assert segments(ack, "AK3") == [["AK3", "PO1", "13", "", "8"], ["AK3", "PO4", "30", "", "8"]]
    # AK403 2: conditional required data element missing; one AK4 per element and code.
    assert segments(ack, "AK4") == [["AK4", "7", "234", "2"], ["AK4", "6", "384", "2"]]
    assert segments(ack, "AK5") == [["AK5", "E", "5"]]  # element errors only: accepted, noted
    assert segments(ack, "AK9") == [["AK9", "E", "1", "1", "1"]]

    document = edikit.parse(ack).documents[0]
    assert isinstance(document, FunctionalAck)
    assert document.functional_id == "PO"
    assert document.group_control_number == "1421"
    assert document.status == "E"
    assert document.accepted_count == 1
    assert [r.segment_errors for r in document.responses] == [["PO1@13:8", "PO4@30:8"]]
    assert [(r.set_id, r.control_number, r.status) for r in document.responses] == [
        ("850", "000000010", "E")
    ]


def test_syntax_notes_rejected_by_the_reject_policy(corpus: Path) -> None:
    ack = ack_of(corpus_file(corpus, SYNTAX_NOTES).read_bytes(), policy="reject")
    assert segments(ack, "AK5") == [["AK5", "R", "5"]]
    assert segments(ack, "AK9") == [["AK9", "R", "1", "1", "0"]]
    assert len(segments(ack, "AK3")) == 2


def test_syntax_notes_as_999(corpus: Path) -> None:
    ack = ack_of(corpus_file(corpus, SYNTAX_NOTES).read_bytes(), "999")
    assert tags(ack) == [
        "ST",
        "AK1",
        "AK2",
        "IK3",
        "IK4",
        "IK3",
        "IK4",
        "IK5",
        "AK9",
        "SE",
    ]
    assert segments(ack, "ST") == [["ST", "999", "0001", IMPLEMENTATION_999]]
    assert segments(ack, "AK1") == [["AK1", "PO", "1421", "004010"]]
    assert segments(ack, "IK4") == [["IK4", "7", "234", "2"], ["IK4", "6", "384", "2"]]
    document = edikit.parse(ack).documents[0]
    assert isinstance(document, ImplementationAck)
    assert [r.segment_errors for r in document.responses] == [["PO1@13:8", "PO4@30:8"]]
    assert [r.status for r in document.responses] == ["E"]


def test_every_corpus_file_gets_a_valid_ack(corpus: Path) -> None:
    """Whatever the input holds, the ack is valid X12, or build_ack says why there is none."""
    refusals = ("no functional group", "different partners", "over 15 characters")
    built = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.suffix in (".md", ".xml", ".json") or path.name[0] == ".":
            continue
        x12 = edikit.validate(path)
        for version in VERSIONS:
            try:
                ack = build_ack(x12, version=version, timestamp=TS)
            except ValueError as refusal:
                refused = str(refusal)
            else:
                assert_valid(ack)
                built += 1
                continue
            assert any(reason in refused for reason in refusals), (path, refused)
    assert built > 0


# -- inputs built here -------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_clean_input(version: AckVersion) -> None:
    ack = ack_of(orders([BEG, PO1], [BEG, PO1]), version)
    trailer = "IK5" if version == "999" else "AK5"
    assert segments(ack, "AK2") == [["AK2", "850", "0001"], ["AK2", "850", "0002"]]
    assert segments(ack, trailer) == [[trailer, "A"], [trailer, "A"]]
    assert segments(ack, "AK9") == [["AK9", "A", "2", "2", "2"]]


@pytest.mark.parametrize("version", VERSIONS)
def test_segment_count_wrong_rejects_the_set(version: AckVersion) -> None:
    data = orders([BEG, PO1], [BEG, PO1]).replace(b"SE*4*0001~", b"SE*5*0001~")
    ack = ack_of(data, version)
    trailer = "IK5" if version == "999" else "AK5"
    assert segments(ack, trailer) == [[trailer, "R", "4"], [trailer, "A"]]
    assert not {"AK3", "IK3"} & set(tags(ack))  # an envelope error has no segment note
    assert segments(ack, "AK9") == [["AK9", "P", "2", "2", "1"]]


@pytest.mark.parametrize("version", VERSIONS)
def test_missing_mandatory_segment(version: AckVersion) -> None:
    ack = ack_of(orders([PO1]), version)
    note = "IK3" if version == "999" else "AK3"
    trailer = "IK5" if version == "999" else "AK5"
    # The missing BEG is named, at the position where it was expected (the PO1 found there).
    assert segments(ack, note) == [[note, "BEG", "2", "", "3"]]
    assert segments(ack, trailer) == [[trailer, "R", "5"]]
    assert segments(ack, "AK9") == [["AK9", "R", "1", "1", "0"]]


@pytest.mark.parametrize("version", VERSIONS)
def test_element_errors_are_accepted_with_notes(version: AckVersion) -> None:
    ack = ack_of(orders([BEG, PO1, BAD_PO1]), version)
    note, element, trailer = ("IK3", "IK4", "IK5") if version == "999" else ("AK3", "AK4", "AK5")
    assert segments(ack, note) == [[note, "PO1", "4", "", "8"]]
    assert segments(ack, element) == [
        [element, "2", "330", "2"],  # PO103 requires PO102 (C0302)
        [element, "3", "355", "5", "ZZZZZZZ"],  # PO103 too long: the bad value is copied
        [element, "7", "234", "2"],  # PO106 and PO107 go together (P0607)
    ]
    assert segments(ack, trailer) == [[trailer, "E", "5"]]
    assert segments(ack, "AK9") == [["AK9", "E", "1", "1", "1"]]


def test_structure_and_element_errors_together_reject() -> None:
    ack = ack_of(orders([PO1, BAD_PO1]))
    assert segments(ack, "AK3") == [["AK3", "BEG", "2", "", "3"], ["AK3", "PO1", "3", "", "8"]]
    assert segments(ack, "AK5") == [["AK5", "R", "5"]]


def test_mixed_group_is_partially_accepted() -> None:
    ack = ack_of(orders([BEG, PO1], [PO1], [BEG, BAD_PO1]))
    assert [s[1] for s in segments(ack, "AK5")] == ["A", "R", "E"]
    assert segments(ack, "AK9") == [["AK9", "P", "3", "3", "2"]]


def test_composite_element_position() -> None:
    ref: list[ElementValue] = ["REF", "DP", "038", "", ["ZZ", "X" * 31]]  # REF04-2 too long
    ack = ack_of(orders([BEG, ref, PO1]))
    assert segments(ack, "AK3") == [["AK3", "REF", "3", "", "8"]]
    assert segments(ack, "AK4") == [["AK4", "4>2", "127", "5", "X" * 31]]


def test_bad_value_loses_the_acks_delimiters() -> None:
    writer = X12Writer(
        sender=("ZZ", "BRAND"),
        receiver=("ZZ", "RETAILER"),
        delimiters=Delimiters("|", ":", "\n"),
        timestamp=TS,
    )
    group = writer.group("PO", "BRAND", "RETAILER")
    beg = ["BEG", "00", "SA", "PO*1>2~3^4" * 3, "", "20240105"]  # BEG03 too long (AN 1/22)
    group.transaction("850", [beg, PO1])
    ack = ack_of(writer.to_bytes())
    # "^" is no delimiter in a 00401 ack: it stays.
    assert segments(ack, "AK4") == [["AK4", "3", "324", "5", "PO123^4" * 3]]
    ack_999 = ack_of(writer.to_bytes(), "999")
    assert segments(ack_999, "IK4") == [["IK4", "3", "324", "5", "PO1234" * 3]]


def test_group_count_wrong_rejects_the_group() -> None:
    data = orders([BEG, PO1], [BEG, PO1]).replace(b"GE*2*42~", b"GE*3*42~")
    ack = ack_of(data)
    assert segments(ack, "AK5") == [["AK5", "A"], ["AK5", "A"]]
    # AK902 is GE01 as received; AK903 what was found; AK905 5: count does not match.
    assert segments(ack, "AK9") == [["AK9", "R", "3", "2", "2", "5"]]


def test_group_header_error_without_a_code_rejects_the_group() -> None:
    # GS02 of one character (AN 2/15): an error with no AK905 code. The ack's GS03 then
    # falls back to the ISA sender ID.
    writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"), timestamp=TS)
    writer.group("PO", "BB", "RETAILER").transaction("850", [BEG, PO1])
    ack = ack_of(writer.to_bytes().replace(b"GS*PO*BB*", b"GS*PO*B*"))  # the writer refuses B
    assert segments(ack, "AK9") == [["AK9", "R", "1", "1", "1"]]
    assert edikit.parse(ack).groups[0].header[3] == "BRAND"


def test_group_control_mismatch() -> None:
    ack = ack_of(orders([BEG, PO1]).replace(b"GE*1*42~", b"GE*1*43~"))
    assert segments(ack, "AK9") == [["AK9", "R", "1", "1", "1", "4"]]


def test_group_trailer_missing() -> None:
    ack = ack_of(orders([BEG, PO1]).replace(b"GE*1*42~\n", b""))
    assert segments(ack, "AK9") == [["AK9", "R", "1", "1", "1", "3"]]


def test_set_trailer_missing() -> None:
    data = orders([BEG, PO1], [BEG, PO1]).replace(b"SE*4*0001~\n", b"")
    ack = ack_of(data)
    assert segments(ack, "AK2") == [["AK2", "850", "0001"], ["AK2", "850", "0002"]]
    assert segments(ack, "AK5") == [["AK5", "R", "2"], ["AK5", "A"]]


def test_set_control_numbers() -> None:
    data = orders([BEG, PO1], [BEG, PO1]).replace(b"0002", b"0001")
    ack = ack_of(data)
    assert segments(ack, "AK5") == [["AK5", "A"], ["AK5", "R", "23"]]
    mismatch = orders([BEG, PO1]).replace(b"SE*4*0001~", b"SE*4*0009~")
    assert segments(ack_of(mismatch), "AK5") == [["AK5", "R", "3"]]


def test_warnings_and_information_are_not_reported() -> None:
    # A 940 (no segment table: EDI207 information) and a set in the wrong group (EDI124
    # warning, whose AK502 would be 1) are accepted.
    writer = X12Writer(sender=("ZZ", "AA"), receiver=("ZZ", "BB"), timestamp=TS)
    writer.group("OW", "AA", "BB").transaction("940", [["W05", "N", "1", "2"]])
    writer.group("IN", "AA", "BB").transaction("850", [BEG, PO1])
    x12 = edikit.validate(writer.to_bytes())
    assert {v.severity for v in x12.all_violations()} <= {Severity.INFO, Severity.WARNING}
    assert {v.code for v in x12.all_violations()} >= {"EDI207", "EDI124"}
    ack = build_ack(x12, timestamp=TS)
    assert_valid(ack)
    assert segments(ack, "AK5") == [["AK5", "A"], ["AK5", "A"]]


# -- the envelope of the acknowledgment --------------------------------------------------------
def test_envelope_answers_the_sender() -> None:
    ack = ack_of(orders([BEG, PO1], usage="T"))
    x12 = edikit.parse(ack)
    isa = x12.interchanges[0].header
    assert (isa[5], isa[6].rstrip(), isa[7], isa[8].rstrip()) == ("01", "RETAILER", "ZZ", "BRAND")
    assert isa.elements[9:16] == ["240105", "1230", "U", "00401", "000000001", "0", "T"]
    gs = x12.groups[0].header
    assert gs.elements[1:] == [
        "FA",
        "RETAILERGS",
        "BRANDGS",
        "20240105",
        "1230",
        "1",
        "X",
        "004010",
    ]
    assert len(x12.groups) == 1 and x12.groups[0].trailer is not None


def test_sender_receiver_and_control_number_given() -> None:
    x12 = edikit.validate(orders([BEG, PO1]))
    ack = build_ack(
        x12, control_number=123, sender=("ZZ", "US"), receiver=("ZZ", "THEM"), timestamp=TS
    )
    assert_valid(ack)
    parsed = edikit.parse(ack)
    isa = parsed.interchanges[0].header
    assert (isa[6].rstrip(), isa[8].rstrip(), isa[13]) == ("US", "THEM", "000000123")
    assert parsed.groups[0].control_number == "123"


def test_999_envelope() -> None:
    ack = ack_of(orders([BEG, PO1]), "999")
    x12 = edikit.parse(ack)
    assert x12.interchanges[0].version == "00501"
    assert x12.groups[0].version == IMPLEMENTATION_999
    assert segments(ack, "ST") == [["ST", "999", "0001", IMPLEMENTATION_999]]
    assert segments(ack, "AK1") == [["AK1", "PO", "42", "004010"]]


def test_005010_input_gets_a_005010_997() -> None:
    data = orders([BEG, PO1], version="005010", isa_version="00501", implementation="X1")
    ack = ack_of(data)
    x12 = edikit.parse(ack)
    assert (x12.interchanges[0].version, x12.groups[0].version) == ("00501", "005010")
    assert segments(ack, "AK1") == [["AK1", "PO", "42", "005010"]]
    assert segments(ack, "AK2") == [["AK2", "850", "0001", "X1"]]  # AK203 from ST03
    ack_999 = ack_of(data, "999")
    assert segments(ack_999, "AK2") == [["AK2", "850", "0001", "X1"]]


def test_one_997_per_group_in_one_fa_group() -> None:
    writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"), timestamp=TS)
    writer.group("PO", "BRAND", "RETAILER").transaction("850", [BEG, PO1])
    writer.group("PO", "BRAND", "RETAILER").transaction("850", [PO1])
    ack = ack_of(writer.to_bytes())
    x12 = edikit.parse(ack)
    assert [g.functional_id for g in x12.groups] == ["FA"]
    assert [(tx.set_id, tx.control_number) for tx in x12.transactions] == [
        ("997", "0001"),
        ("997", "0002"),
    ]
    assert segments(ack, "AK9") == [["AK9", "A", "1", "1", "1"], ["AK9", "R", "1", "1", "0"]]


def test_acknowledgments_are_not_acknowledged() -> None:
    ack = build_ack(edikit.validate(orders([BEG, PO1])), timestamp=TS)
    with pytest.raises(ValueError, match="no functional group to acknowledge"):
        build_ack(edikit.validate(ack))


def test_interchanges_from_different_partners() -> None:
    first = orders([BEG, PO1])
    other = first.replace(b"BRAND          ", b"OTHERBRAND     ")
    x12 = edikit.validate(first + other)
    with pytest.raises(ValueError, match="different partners"):
        build_ack(x12)
    ack = build_ack(x12, sender=("ZZ", "RETAILER"), receiver=("ZZ", "BRAND"), timestamp=TS)
    assert_valid(ack)
    assert len(segments(ack, "AK9")) == 2


def test_an_interchange_qualifier_that_is_no_code_is_not_copied_into_the_ack() -> None:
    # Found by fuzzing: ISA05 'Z2' became the ack's ISA07, and the ack failed EDI103.
    first = orders([BEG, PO1])
    x12 = edikit.validate(first.replace(b"*ZZ*BRAND", b"*Z2*BRAND", 1))
    assert "EDI103" in {v.code for v in x12.all_violations()}
    with pytest.raises(ValueError, match=r"'Z2' is not an interchange ID qualifier.*give sender"):
        build_ack(x12)
    ack = build_ack(x12, sender=("ZZ", "RETAILER"), receiver=("ZZ", "BRAND"), timestamp=TS)
    assert_valid(ack)


# -- the pieces --------------------------------------------------------------------------------
def test_ack_for_group_and_group_violations() -> None:
    x12 = edikit.validate(orders([BEG, PO1], [PO1]).replace(b"GE*2*42~", b"GE*5*42~"))
    group = x12.interchanges[0].groups[0]
    found = group_violations(x12, group)
    assert [v.code for v in found] == ["EDI122"]
    documents = group_documents(x12, group)
    answer = ack_for_group(group, documents, found)
    assert (answer.functional_id, answer.control_number, answer.version) == ("PO", "42", "004010")
    assert (answer.status, answer.included, answer.received, answer.accepted) == ("R", 5, 2, 1)
    assert answer.codes == ("5",)
    assert [(s.status, s.codes) for s in answer.sets] == [("A", ()), ("R", ("5",))]
    assert answer.sets[1].segments == (SegmentNote("BEG", 2, None, "3"),)
    # Without the group's own violations only the sets count.
    assert ack_for_group(group, documents).status == "P"


def test_to_segments_versions() -> None:
    note = SegmentNote(
        "N9",
        7,
        "N9",
        "8",
        (
            ElementNote(7, "5", component=2, reference="127", value="A*B"),
            ElementNote(2, "12", repetition=3),
        ),
    )
    answer = GroupAck(
        "PO", "5", "005010", "E", 1, 1, 1, sets=(SetAck("850", "0001", "E", "X", ("5",), (note,)),)
    )
    old = answer.to_segments("997")
    assert old == [
        ["AK1", "PO", "5"],
        ["AK2", "850", "0001"],
        ["AK3", "N9", "7", "N9", "8"],
        ["AK4", ["7", "2"], "127", "5", "AB"],
        ["AK4", "2", "", "3", ""],  # 12 (too many repetitions) is not a 004010 code
        ["AK5", "E", "5"],
        ["AK9", "E", "1", "1", "1"],
    ]
    new = answer.to_segments("997", release="005010")
    assert new[0] == ["AK1", "PO", "5", "005010"]
    assert new[1] == ["AK2", "850", "0001", "X"]
    assert new[4] == ["AK4", ["2", "", "3"], "", "12", ""]
    assert [s[0] for s in answer.to_segments("999")] == [
        "AK1",
        "AK2",
        "IK3",
        "IK4",
        "IK4",
        "IK5",
        "AK9",
    ]
