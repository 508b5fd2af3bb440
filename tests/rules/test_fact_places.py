"""Where facts point: the places worked out from a packed segment (``packed_segment``, as the
facts of lines and items keep it) are what ``place`` gives for the segment itself, and both
what a finding's location says."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edikit
from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.rules.extract import packed_segment, place
from edikit.rules.facts import Place, ShippedItem, segment_place
from edikit.rules.result import FileResult
from tests.helpers import interchange

TEXT = interchange(
    (("BIG*20240105*INV1**PO1", "IT1*1*12*EA*28.00**UP*012345678905*VN*STYLE-1", "TDS*33600"),),
    functional_id="IN",
    set_id="810",
)
FIXTURES = Path(__file__).parents[2] / "fixtures"


@given(element=st.integers(0, 12))
def test_a_packed_segment_gives_where_a_finding_there_is_located(element: int) -> None:
    for parsed in edikit.parse(TEXT).transactions:
        for segment in parsed.all_segments():
            at = segment_place(packed_segment(segment), element)
            location = parsed.context.locate(segment, element)
            assert (at.segment, at.segment_index, at.position, at.element) == (
                location.segment_id,
                location.segment_index,
                location.segment_position,
                location.element,
            )
            assert (at.line, at.column, at.offset) == (
                location.line,
                location.column,
                location.offset,
            )


@given(
    separator=st.sampled_from(["*", "|", "\x1d", "\xa7", "::"]),
    values=st.lists(st.text(st.characters(blacklist_characters="*|:\x1d\xa7"), max_size=5)),
    element=st.integers(0, 8),
)
def test_a_segment_built_in_code_has_places_without_line_or_offset(
    separator: str, values: list[str], element: int
) -> None:
    built = Segment("IT1", separator.join(["IT1", *values]), "~", "", -1, 0, 0, -1,
                    Delimiters(separator, ">", "~"))  # fmt: skip
    at = segment_place(packed_segment(built), element)
    assert at == Place("IT1", None, None, None, None, None, element)


def test_an_item_without_lin_or_sn1_has_no_place_for_them() -> None:
    item = ShippedItem({}, None, None, None, None, None)
    assert item.item_at is None and item.quantity_at is None


def test_a_place_is_where_a_finding_there_is_located() -> None:
    parsed = edikit.parse(TEXT).transactions[0]
    it1 = parsed.segments[1]
    at = place(it1, 7)
    location = parsed.context.locate(it1, 7)
    assert (at.line, at.column, at.offset) == (location.line, location.column, location.offset)
    assert at.offset is not None and TEXT[at.offset : at.offset + 12] == "012345678905"


@pytest.mark.parametrize("name", ["samples/856-pick-pack.edi", "structure/810-clean.edi"])
def test_packed_segments_are_readable_in_json_and_come_back(name: str) -> None:
    result = edikit.validate_file(FIXTURES / name)
    facts = result.model_dump(mode="json")["documents"][0]["facts"]
    line = facts["lines"][0] if "lines" in facts else facts["orders"][0]["items"][0]
    segment = line[-1]
    assert isinstance(segment, dict) and segment["text"].split(segment["separator"])[0] in {
        "IT1",
        "SN1",
    }
    assert FileResult.model_validate_json(result.model_dump_json()) == result
