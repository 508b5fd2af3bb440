"""Where facts point: ``places`` (several elements of one segment at once) gives what
``place`` gives for each, and both what a finding's location says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import edikit
from edikit.rules.extract import place, places
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
            assert places(segment, tuple(elements)) == [place(segment, e) for e in elements]


def test_a_place_is_where_a_finding_there_is_located() -> None:
    parsed = edikit.parse(TEXT).transactions[0]
    it1 = parsed.segments[1]
    at = place(it1, 7)
    location = parsed.context.locate(it1, 7)
    assert (at.line, at.column, at.offset) == (location.line, location.column, location.offset)
    assert at.offset is not None and TEXT[at.offset : at.offset + 12] == "012345678905"
