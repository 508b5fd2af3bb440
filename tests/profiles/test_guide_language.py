"""What the profile language refuses in its new kinds of rule, each problem at its place, and
how the kinds merge along ``extends``."""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit
from edikit.errors import ProfileError

HEAD = "id: guide\ntitle: A guide\nextends: x12\n"


def _write(tmp_path: Path, body: str, name: str = "guide.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        HEAD.replace("guide", name.split(".", maxsplit=1)[0], 1) + body, encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'transactions:\n  "856":\n    segments:\n      - path: "HL[S]/REF[CN]"\n'
            "        usage: required\n        when: {element: TD599, in: [ABFS]}\n",
            "TD5 has no element 99",
        ),
        (
            'transactions:\n  "855":\n    elements:\n      - path: BAK02\n'
            "        when: {element: PO1/ACK01, in: [IA], not_in: [IR]}\n",
            "one of in, not_in or present",
        ),
        ("text:\n  - {characters: 'A-Z\\d'}\n", "\\d is not supported"),
        ("text:\n  - {except: [PID05]}\n", "case, characters or both"),
        ('transactions:\n  "810":\n    unique:\n      - {element: BIG}\n', "not an element path"),
        (
            'transactions:\n  "810":\n    unique:\n      - {element: XYZ01}\n',
            "XYZ is not a segment of the 810",
        ),
        (
            "rules:\n  - use: po.ship_window\n    with: {ship_date: [dock]}\n",
            "ship_date must be a list of shipment, heading, bsn",
        ),
        ("envelope:\n  direction: outbound\n", "either"),
    ],
)
def test_a_mistake_is_refused_with_its_place(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        edikit.ruleset(_write(tmp_path, body))
    assert message in str(caught.value)
    assert "guide.yaml:" in str(caught.value)


def test_the_new_kinds_merge_along_extends(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "text:\n  - {case: upper, id: T-1}\n"
        'transactions:\n  "856":\n    unique:\n      - {element: BSN02, within: file, id: U-1}\n'
        "    hierarchy: {id: H-1, parents: {I: [P]}}\n",
        "base.yaml",
    )
    child = _write(
        tmp_path,
        "text:\n  - {characters: 'A-Z0-9 ', id: T-2}\n"
        'transactions:\n  "856":\n    unique:\n      - {element: BSN02, within: group, id: U-2}\n'
        "    hierarchy: {id: H-2, parents: {I: [P, O]}}\n",
    )
    child.write_text(child.read_text("utf-8").replace("extends: x12", "extends: base.yaml"))
    merged = edikit.load_profile(child).profile
    assert [t.id for t in merged.text] == ["T-1", "T-2"]  # text rules add up
    asn = merged.transactions["856"]
    assert [(u.id, u.within) for u in asn.unique] == [("U-2", "group")]  # same element: replaced
    assert asn.hierarchy is not None and asn.hierarchy.id == "H-2"  # the child's table


def test_by_document_direction_reads_the_retailer_as_the_sender_of_an_850(tmp_path: Path) -> None:
    order = (
        Path(__file__).resolve().parent.parent.parent
        / "fixtures/profiles/nordstrom-example/850-pass.edi"
    )
    body = (
        "envelope:\n  direction: by-document\n"
        "  retailer: {qualifier: ZZ, id: NORDSTROM, application: NORDSTROM}\n"
        "  brand: {qualifier: ZZ, id: STRIDEFOOTWEAR, application: STRIDEFOOTWEAR}\n"
    )
    clean = edikit.validate(order, profile=_write(tmp_path, body))
    assert [v.code for v in clean.all_violations() if v.code == "EDI409"] == []
    swapped = body.replace("id: NORDSTROM,", "id: NORD,")
    found = edikit.validate(order, profile=_write(tmp_path, swapped)).all_violations()
    assert [(v.location.segment_id, v.location.element) for v in found if v.code == "EDI409"] == [
        ("ISA", 6)
    ]


def _acknowledgment(bak02: str, statuses: list[str]) -> bytes:
    """An 855 with one PO1 loop (and its ACK) per status, BAK02 as given."""
    lines = [
        "ISA*00*          *00*          *ZZ*STRIDEFOOTWEAR *ZZ*FOOTRETAILER   "
        "*261120*0930*U*00401*000000042*0*P*>",
        "GS*PR*STRIDEFOOTWEAR*FOOTRETAILER*20261120*0930*1*X*004010",
        "ST*855*0001",
        f"BAK*00*{bak02}*4500012345*20261101",
    ]
    upcs = ["012345678905", "012345678912"]  # with their check digits
    for number, status in enumerate(statuses, start=1):
        lines += [f"PO1*{number}*6*PR*54.50**UP*{upcs[number - 1]}", f"ACK*{status}*6*PR"]
    count = 2 + 2 * len(statuses) + 1
    lines += [f"CTT*{len(statuses)}", f"SE*{count + 1}*0001", "GE*1*1", "IEA*1*000000042"]
    return ("~".join(lines) + "~").encode("ascii")


# Each condition, a document it holds for and one it does not: (rule, document, findings as
# (code, segment position, element)).
CONDITIONS = [
    pytest.param(
        "path: BAK02\n        codes: [AD]\n"
        "        when: {element: PO1/ACK01, in: [IA], match: all}",
        _acknowledgment("AC", ["IA", "IA"]),
        [("EDI406", 2, 2)],
        id="all-holds",
    ),
    pytest.param(
        "path: BAK02\n        codes: [AD]\n"
        "        when: {element: PO1/ACK01, in: [IA], match: all}",
        _acknowledgment("AC", ["IA", "IR"]),
        [],
        id="all-fails-on-one-repeat",
    ),
    pytest.param(
        "path: BAK02\n        codes: [AC]\n        when: {element: PO1/ACK01, in: [IR]}",
        _acknowledgment("AD", ["IA", "IR"]),
        [],
        id="first-reads-only-the-first-repeat",
    ),
    pytest.param(
        "path: PO1/ACK06\n        usage: required\n"
        "        when: {element: ACK01, in: [IR], scope: segment}",
        _acknowledgment("AC", ["IA", "IR"]),
        [("EDI404", 6, 6)],
        id="segment-scope-tests-the-same-ack",
    ),
]


@pytest.mark.parametrize(("rule", "document", "expected"), CONDITIONS)
def test_a_condition_reads_the_repeats_it_names(
    tmp_path: Path, rule: str, document: bytes, expected: list[tuple[str, int, int]]
) -> None:
    profile = _write(tmp_path, f'transactions:\n  "855":\n    elements:\n      - {rule}\n')
    result = edikit.validate(document, profile=profile)
    found = [
        (v.code, v.location.segment_position, v.location.element) for v in result.all_violations()
    ]
    assert found == expected


def _two_acknowledgments(groups: int) -> bytes:
    """Two 855s acknowledging PO 4500012345, in one functional group or in two."""
    one = _acknowledgment("AD", ["IA"]).decode("ascii").split("~")
    body = one[2:-3]  # ST to SE
    second = [
        s.replace("ST*855*0001", "ST*855*0002").replace("SE*6*0001", "SE*6*0002") for s in body
    ]
    if groups == 1:
        sets = [one[1], *body, *second, "GE*2*1"]
    else:
        sets = [one[1], *body, "GE*1*1", one[1].replace("*1*X*", "*2*X*"), *second, "GE*1*2"]
    count = "1" if groups == 1 else "2"
    return "~".join([one[0], *sets, f"IEA*{count}*000000042", ""]).encode("ascii")


@pytest.mark.parametrize(
    ("within", "groups", "found"),
    [
        ("transaction", 1, []),
        ("group", 1, [("EDI412", 2, 3)]),
        ("group", 2, []),
        ("interchange", 2, [("EDI412", 2, 3)]),
        ("file", 2, [("EDI412", 2, 3)]),
    ],
)
def test_a_value_is_unique_within_its_scope(
    tmp_path: Path, within: str, groups: int, found: list[tuple[str, int, int]]
) -> None:
    profile = _write(
        tmp_path,
        f'transactions:\n  "855":\n    unique:\n      - {{element: BAK03, within: {within}, id: "5.9"}}\n',
    )
    result = edikit.validate(_two_acknowledgments(groups), profile=profile)
    violations = list(result.all_violations())
    assert [(v.code, v.location.segment_position, v.location.element) for v in violations] == found
    assert all(v.rule_id == "5.9" for v in violations)
