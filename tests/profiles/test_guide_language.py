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
