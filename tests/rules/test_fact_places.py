"""Where facts point: ``packed_places`` (several elements of one segment at once, packed as
lines and items keep them) gives back what ``place`` gives for each, and both what a finding's
location says."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edikit
from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.rules.extract import packed_places, place
from edikit.rules.facts import NO_PLACE, PLACE_RECORD, Place, pack_place, unpack_place
from edikit.rules.result import FileResult
from tests.helpers import interchange

TEXT = interchange(
    (("BIG*20240105*INV1**PO1", "IT1*1*12*EA*28.00**UP*012345678905*VN*STYLE-1", "TDS*33600"),),
    functional_id="IN",
    set_id="810",
)


@given(elements=st.lists(st.integers(0, 12), min_size=1, max_size=5))
def test_places_are_the_places_of_each_element(elements: list[int]) -> None:
    for parsed in edikit.parse(TEXT).transactions:
        for segment in parsed.all_segments():
            packed = packed_places(segment, tuple(elements))
            assert len(packed) == len(elements) * PLACE_RECORD.size
            unpacked = [unpack_place(packed, n) for n in range(len(elements))]
            assert unpacked == [place(segment, e) for e in elements]


def test_a_segment_built_in_code_has_places_without_line_or_offset() -> None:
    built = Segment.build("IT1", ["1", "12", "EA"], Delimiters())
    assert unpack_place(packed_places(built, (2,)), 0) == place(built, 2)
    assert place(built, 2) == Place("IT1", None, None, None, None, None, 2)


def test_no_segment_packs_no_place() -> None:
    assert packed_places(None, (1, 2)) == NO_PLACE * 2
    assert unpack_place(NO_PLACE, 0) is None


@given(
    st.builds(
        Place,
        st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=2, max_size=3),
        *(st.none() | st.integers(0, 2**62) for _ in range(5)),
        st.none() | st.integers(1, 999),
    )
)
def test_a_place_packs_and_unpacks_to_itself(at: Place) -> None:
    assert unpack_place(pack_place(at), 0) == at


def test_a_place_is_where_a_finding_there_is_located() -> None:
    parsed = edikit.parse(TEXT).transactions[0]
    it1 = parsed.segments[1]
    at = place(it1, 7)
    location = parsed.context.locate(it1, 7)
    assert (at.line, at.column, at.offset) == (location.line, location.column, location.offset)
    assert at.offset is not None and TEXT[at.offset : at.offset + 12] == "012345678905"


FIXTURES = Path(__file__).parents[2] / "fixtures"


@pytest.mark.parametrize("name", ["samples/856-pick-pack.edi", "structure/810-clean.edi"])
def test_packed_places_are_places_in_json_and_come_back(name: str) -> None:
    result = edikit.validate_file(FIXTURES / name)
    dumped = result.model_dump(mode="json")
    facts = dumped["documents"][0]["facts"]
    lines = facts["lines"] if "lines" in facts else facts["orders"][0]["items"]
    first_places = lines[0][-1]
    assert isinstance(first_places, list) and first_places[0][0] in {"IT1", "LIN"}
    assert FileResult.model_validate_json(result.model_dump_json()) == result
