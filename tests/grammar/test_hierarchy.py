"""The 856 HL tree: numbering and parent links checked, shape named."""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit
from edikit.grammar.hierarchy import build_hierarchy, shape
from edikit.io.segment import Segment
from edikit.vocabulary import Argument
from tests.helpers import interchange


def ship_notice(hls: list[str]) -> str:
    body = ["BSN*00*SHIP1*20240105*1200"]
    for hl in hls:
        body.append(hl)
        level = hl.split("*")[3]
        body += {"O": ["PRF*PO1"], "P": ["MAN*GM*00008123450000000016"],
                 "I": ["LIN**UP*012345678905", "SN1**6*EA"]}.get(level, [])  # fmt: skip
    return interchange([body], set_id="856", functional_id="SH")


def hierarchy_shape(text: str) -> str:
    (transaction,) = edikit.parse(text).transactions
    assert transaction.loop is not None
    found: list[str] = []

    def report(
        code: str, segment: Segment, element: int, variant: str, /, **args: Argument
    ) -> None:
        found.append(code)

    roots = build_hierarchy(list(transaction.loop.loops("HL")), report)
    assert found == []
    return shape(roots)


@pytest.mark.parametrize(
    ("hls", "expected"),
    [
        (["HL*1**S", "HL*2*1*O", "HL*3*2*P", "HL*4*3*I", "HL*5*2*P", "HL*6*5*I"], "pick-and-pack"),
        (["HL*1**S", "HL*2*1*O", "HL*3*2*T", "HL*4*3*P", "HL*5*4*I"], "pick-and-pack"),
        (["HL*1**S", "HL*2*1*O", "HL*3*2*I", "HL*4*3*P"], "standard-carton-pack"),
        (["HL*1**S", "HL*2*1*I"], "S>I"),
    ],
)
def test_shapes(hls: list[str], expected: str) -> None:
    assert hierarchy_shape(ship_notice(hls)) == expected


@pytest.mark.parametrize(
    ("hls", "code"),
    [
        (["HL*1**S", "HL*3*1*O"], "EDI209"),
        (["HL*1**S", "HL*1*1*O"], "EDI209"),
        (["HL*1**S", "HL*2*5*O"], "EDI210"),
    ],
)
def test_numbering_and_parents(hls: list[str], code: str) -> None:
    found = edikit.parse(ship_notice(hls)).all_violations()
    assert [v.code for v in found] == [code]
    assert found[0].location.segment_id == "HL" and found[0].location.loop_path == "HL"


def test_corpus_ship_notices_have_their_shapes(corpus: Path) -> None:
    """PROVENANCE notes: EdiEngine crossdock is S-O-P-I, bots PARTNER3 is S-O-I."""
    for relative, expected in [
        ("olmelabs__EdiEngine/856.Crossdock.OK.edi", "pick-and-pack"),
        ("bots-edi__bots-plugins/outbound_856/PARTNER3_pgroupA_20130123_1.x12",
         "standard-carton-pack"),
        ("aaronhuggins__node-x12/856.edi", "standard-carton-pack"),
    ]:  # fmt: skip
        assert hierarchy_shape((corpus / relative).read_text("latin-1")) == expected, relative
