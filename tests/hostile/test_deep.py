"""Issue 10 item 6: HL trees as deep or as wide as the input makes them (5,000 and 50,000
levels) are read, checked, acknowledged, modelled and written as JSON without recursion."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit._json import iter_json
from edikit.cli import main
from edikit.grammar.loops import Loop
from edikit.models.documents import ShipNotice
from edikit.report.parse_output import JSON_INDENT_DEPTH, SCHEMA, file_to_json
from tests.helpers import interchange

CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"


@cache
def deep(levels: int, order_levels: bool = False) -> bytes:
    """An 856 whose HL levels each stand under the one before: S > I > I > ... (or O > O > ...
    with a PRF naming the clean chain's PO, for the cross-document checks)."""
    code = "O" if order_levels else "I"
    body = ["BSN*00*SHIP1*20261120*1200", "HL*1**S"]
    for number in range(2, levels + 1):
        body.append(f"HL*{number}*{number - 1}*{code}")
        body.append("PRF*4500012345" if order_levels else "LIN**UP*012345678905")
    body.append(f"CTT*{levels}")
    return interchange([body], set_id="856", functional_id="SH").encode()


@cache
def wide(levels: int) -> bytes:
    """An 856 with one shipment level and ``levels - 1`` item levels under it."""
    body = ["BSN*00*SHIP1*20261120*1200", "HL*1**S"]
    body += [f"HL*{number}*1*I" for number in range(2, levels + 1)]
    return interchange([body], set_id="856", functional_id="SH").encode()


def shipnotice(x12: edikit.ParsedFile) -> ShipNotice:
    (document,) = x12.documents
    assert isinstance(document, ShipNotice)
    return document


@pytest.mark.parametrize(("data", "depth"), [(deep(5000), 5000), (wide(5000), 2)])
def test_every_reading_path_at_5000_levels(data: bytes, depth: int, tmp_path: Path) -> None:
    x12 = edikit.parse(data)
    asn = shipnotice(x12)
    assert sum(1 for _ in asn.walk()) == 5000
    assert len(asn.levels[0].items) == 4999
    dumped = asn.model_dump(mode="json")
    compact = "".join(iter_json(dumped, ensure_ascii=False, separators=(",", ":")))
    assert asn.model_dump_json() == compact  # pydantic's form, from edikit's own encoder
    level, found = dumped["levels"][0], 1
    while level["children"]:
        level, found = level["children"][0], found + 1
    assert found == depth
    assert next(iter(dumped)) == "levels" and next(iter(level)) == "children"  # as pydantic
    checked = edikit.validate(data)
    assert all(v.code != "EDI209" for v in checked.all_violations())
    assert edikit.build_ack(checked).startswith(b"ISA")
    path = tmp_path / "asn.edi"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    expected = {"schema": SCHEMA, "files": [file_to_json(edikit.parse(path, name=str(path)))]}
    pieces = iter_json(expected, indent=2, ensure_ascii=False, indent_depth=JSON_INDENT_DEPTH)
    assert result.output == "".join(pieces) + "\n"  # json.loads itself recurses: not used
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    result = CliRunner().invoke(main, ["ack", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("data", "shape"), [(deep(50_000), "S>I>I>I>I>I>I>I>..."), (wide(50_000), "S>I")]
)
def test_validate_and_model_at_50000_levels(data: bytes, shape: str) -> None:
    checked = edikit.validate(data)
    asn = shipnotice(edikit.parse(data))
    assert asn.structure == shape
    assert "<49999 levels>" in repr(asn) or "<1 levels>" in repr(asn)
    assert sum(1 for _ in asn.walk()) == 50_000
    shapes = [v for v in checked.all_violations() if v.code == "EDI506"]
    if shape != "S>I":
        assert len(shapes) == 1 and len(shapes[0].message) < 200


def test_pick_and_pack_and_standard_carton_pack_are_still_named() -> None:
    for name in ("856",):
        asn = shipnotice(edikit.parse(CHAIN / f"{name}.edi"))
        assert asn.structure == "pick-and-pack"


def test_nested_order_levels_are_checked_against_their_purchase_order() -> None:
    files = edikit.validate_set([CHAIN / "850.edi", deep(3000, order_levels=True)])
    assert len(files) == 2
    links = [v for v in files[1].all_violations() if v.code == "EDI600"]
    assert len(links) == 2999


def test_deep_loop_trees_are_walked_without_recursion() -> None:
    segment = edikit.parse(CHAIN / "850.edi").transactions[0].segments[0]
    loop = Loop("X", "X", [segment])
    for _ in range(100_000):
        loop = Loop("X", "X", [loop])
    assert loop.first is segment
    assert list(loop.walk()) == [segment]


def test_iter_json_writes_what_json_dumps_writes() -> None:
    value: object = {"a": [1, 2.5, None, True, {"b": [], "c": {}}, "é\n"], "d": {"e": [[]]}}
    for indent in (None, 0, 2):
        for ascii_only in (True, False):
            text = "".join(iter_json(value, indent=indent, ensure_ascii=ascii_only))
            assert text == json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    nested: list[object] = []
    for _ in range(100_000):
        nested = [nested]
    text = "".join(iter_json(nested, indent=2, indent_depth=8))
    assert text.count("[") == 100_001 and max(map(len, text.splitlines())) <= 18


def test_an_hl_that_names_itself_as_parent_is_reported_and_kept() -> None:
    """HL*1*1 hung under itself, out of reach of the tree, with every level below it: the
    levels were silently dropped (and nothing was reported)."""
    body = ["BSN*00*SHIP1*20261120*1200", "HL*1*1*S", "HL*2*1*O", "HL*3*2*I", "HL*4*4*I"]
    data = interchange([body], set_id="856", functional_id="SH")
    found = [v for v in edikit.validate(data).all_violations() if v.code == "EDI210"]
    assert [(v.location.segment_position, v.location.element) for v in found] == [(3, 2), (6, 2)]
    assert all("names the HL itself" in v.message for v in found)
    asn = shipnotice(edikit.parse(data))
    assert sum(1 for _ in asn.walk()) == 4
    assert [level.id for level in asn.levels] == ["1", "4"]
