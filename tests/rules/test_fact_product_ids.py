"""The product IDs the facts of a line read: every qualifier/value pair of the segment, the
last pair (PO124/PO125, LIN30/LIN31) included, however many lines share the others."""

from __future__ import annotations

import edikit
from edikit.rules.facts import OrderFacts
from tests.helpers import interchange

PAIRS = "*".join(f"Q{n}*V{n}" for n in range(1, 10))  # PO106..PO123: nine pairs


def _order(*last_pairs: str) -> OrderFacts:
    lines = [f"PO1*{n}*1*EA*1.00**{PAIRS}*{pair}" for n, pair in enumerate(last_pairs, 1)]
    text = interchange((("BEG*00*SA*PO-1**20240105", *lines, "CTT*2"),), functional_id="PO")
    facts = edikit.validate_file(text.encode()).documents[0].facts
    assert isinstance(facts, OrderFacts)
    return facts


def test_lines_that_differ_only_in_their_last_pair_keep_their_own_ids() -> None:
    first, second = _order("BP*STYLE-A", "BP*STYLE-B").lines
    assert first.product_ids["BP"] == "STYLE-A"
    assert second.product_ids["BP"] == "STYLE-B"
    assert first.product_ids["Q1"] == second.product_ids["Q1"] == "V1"


def test_a_wrong_upc_is_reported_on_every_line_that_names_it_among_good_ones() -> None:
    good, wrong = "UP*012345678905", "UP*012345678906"
    lines = [good, wrong, good, wrong, good]
    body = [f"PO1*{n}*1*EA*1.00**{ids}*VN*S" for n, ids in enumerate(lines, 1)]
    text = interchange((("BEG*00*SA*PO-1**20240105", *body, "CTT*5"),), functional_id="PO")
    found = edikit.validate_file(text.encode()).all_violations()
    wrong_lines = [v.location.segment_position for v in found if v.code == "EDI501"]
    assert wrong_lines == [4, 6]  # ST is 1, BEG 2: the second and fourth PO1
