"""Planted faults only the complete dictionary and the envelope's value tables find
(``fixtures/dictionary/``): each file reports exactly what its expectation file lists, and a
file of an older version is read with that version's own tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import edikit
from edikit.vocabulary import Violation

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "dictionary"
CASES = sorted(FIXTURES.glob("*.edi"))


def findings(data: Path | bytes) -> list[dict[str, object]]:
    return [
        {
            "code": v.code,
            "severity": v.severity.value,
            "element": v.location.reference(),
            "position": v.location.segment_position,
        }
        for v in edikit.validate(data).all_violations()
    ]


def only(name: str) -> Violation:
    (found,) = edikit.validate(FIXTURES / f"{name}.edi").all_violations()
    return found


def test_an_unknown_code_for_every_transaction_set_type() -> None:
    kinds = {case.name[:3] for case in CASES if case.stem.endswith("-unknown-code")}
    assert kinds == {"850", "855", "856", "810", "997", "999"}


@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_planted_faults(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    assert findings(path) == expected["violations"], expected["fault"]


def test_a_short_list_is_named_whole_with_meanings() -> None:
    message = only("856-unknown-code").message
    assert message.startswith("MAN01 Marks and Numbers Qualifier 'QQ' is not a code of element 88")
    assert "its codes are AA, AI, CA, CP, DZ, GM, L, MC" in message
    # no code starts with Q: the list's first ones, with their meanings
    assert "; first: AA " in message
    assert "CA Shipper-Assigned Case Number" in message


def test_a_long_list_names_the_nearest_codes_with_their_meanings() -> None:
    found = only("810-unknown-code")
    assert found.args["count"] == 794
    assert found.args["codes"] == ""  # too many to name
    assert "nearest: X7 Leaf; X8 Loaf; X9 Portion; XP Base Box per Pound" in found.message
    purpose = only("850-unknown-code").message
    assert "is not one of the 65 codes of element 353 in 004010" in purpose
    assert "first: 00 Original; 01 Cancellation; 02 Add; 03 Delete" in purpose


def test_each_version_reads_its_own_codes() -> None:
    """The 999's IK502 list exists in 005010 only; the message names the version read."""
    assert "element 618 in 005010" in only("999-unknown-code").message


def test_the_003050_order_would_break_004010_in_five_places() -> None:
    """What the 004010 tables say of the same document: each finding right only for 004010,
    which is why each file is read with its own version's tables."""
    data = (FIXTURES / "850-003050-clean.edi").read_bytes()
    assert findings(data) == []
    as_004010 = data.replace(b"*X*003050~", b"*X*004010~")
    assert {(f["code"], f["element"]) for f in findings(as_004010)} == {
        ("EDI105", "GS04"),  # YYMMDD where 004010 has CCYYMMDD
        ("EDI303", "BEG05"),
        ("EDI303", "DTM02"),
        ("EDI202", "NTE"),  # no NTE in the 004010 850
        ("EDI306", "DTM05"),  # a century in 003050, a format qualifier (1250) in 004010
        ("EDI309", "DTM06"),  # and paired with DTM06 (P0506)
    }


def test_envelope_faults_name_the_element() -> None:
    assert (
        "ISA12 '00040' is not an interchange control version" in only("isa12-not-a-version").message
    )
    assert only("gs03-spaces").message == "GS03 holds only spaces; it must name something"
    last = only("last-segment-unterminated")
    assert last.message == "the last segment (IEA) has no segment terminator ('~') after it"
    assert last.location.line == 15


def _order(version: str, *body: str) -> bytes:
    isa_version = {"003010": "00301", "005010": "00501"}.get(version, "00401")
    separator = "^" if isa_version >= "00402" else "U"
    date = "961120" if version < "004010" else "20261120"
    segments = [
        "ISA*00*          *00*          *ZZ*FOOTRETAILER   *ZZ*STRIDEFOOTWEAR *961120*0930*"
        f"{separator}*{isa_version}*000000042*0*P*>",
        f"GS*PO*FOOTRETAILER*STRIDEFOOTWEAR*{date}*0930*1*X*{version}",
        "ST*850*0001",
        *body,
        "PO1*1*12*PR*54.50**UP*012345678905",
        "CTT*1",
        f"SE*{len(body) + 4}*0001",
        "GE*1*1",
        "IEA*1*000000042",
    ]
    return "".join(f"{s}~\n" for s in segments).encode()


def test_lengths_of_dates_and_times_are_the_versions_own() -> None:
    """003010 dates are YYMMDD and times HHMM only: a longer one is too long there, however
    well formed (the quick check of common values must not let it through)."""
    beg = "BEG*00*SA*4500012345**961101"
    assert findings(_order("003010", beg, "DTM*002*961115*0930")) == []
    long_time = findings(_order("003010", beg, "DTM*002*961115*093000"))
    assert [(f["code"], f["element"]) for f in long_time] == [("EDI304", "DTM03")]
    long_date = findings(_order("003010", "BEG*00*SA*4500012345**19961101"))
    assert [(f["code"], f["element"]) for f in long_date] == [("EDI304", "BEG05")]


def test_a_partial_list_notes_a_miss_and_says_why() -> None:
    """005010's 143 is the one list of the six sets' elements the sources disagree on: a
    code missing from it is information, and the finding says why."""
    ack = (FIXTURES / "999-unknown-code.edi").read_bytes().replace(b"AK2*850*", b"AK2*000*")
    found = [v for v in edikit.validate(ack).all_violations() if v.location.reference() == "AK201"]
    assert [(v.code, v.severity.value) for v in found] == [("EDI306", "info")]
    assert "its list is partial: KA Software's 00501 schema counts 320" in found[0].message
