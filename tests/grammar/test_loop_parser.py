"""The loop parser on a small structure: one report per planted fault, no cascades."""

from __future__ import annotations

from typing import Any

import pytest

import edikit
from edikit.grammar.compiler import compile_structure
from edikit.grammar.loops import Loop
from edikit.grammar.parse import parse_loops
from edikit.io.segment import Segment
from edikit.vocabulary import Argument

STRUCTURE: dict[str, Any] = {
    "id": "850",
    "version": "004010",
    "body": [
        {"segment": "ST", "req": "M", "max": 1},
        {"segment": "BEG", "req": "M", "max": 1},
        {"segment": "REF", "req": "O", "max": None},
        {"segment": "DTM", "req": "O", "max": 2},
        {"loop": "N1", "req": "O", "max": 3, "body": [
            {"segment": "N1", "req": "O", "max": 1},
            {"segment": "N3", "req": "O", "max": 2},
        ]},
        {"loop": "PO1", "req": "M", "max": None, "body": [
            {"segment": "PO1", "req": "M", "max": 1},
            {"segment": "PID", "req": "O", "max": None},
            {"loop": "N1", "req": "O", "max": 2, "body": [
                {"segment": "N1", "req": "O", "max": 1},
            ]},
        ]},
        {"loop": "CTT", "req": "O", "max": 1, "body": [{"segment": "CTT", "req": "M", "max": 1}]},
        {"segment": "SE", "req": "M", "max": 1},
    ],
}  # fmt: skip
COMPILED = compile_structure(STRUCTURE)
KNOWN = frozenset({"ST", "BEG", "REF", "DTM", "N1", "N3", "PO1", "PID", "CTT", "SE", "TD5"})


def run(body: list[str]) -> tuple[Loop, list[tuple[str, str]]]:
    text = "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240105*1230*U*00401*000000001*0*P*>~"
    text += "GS*PO*A*B*20240105*1230*1*X*004010~ST*850*0001~"
    text += "~".join(body) + f"~SE*{len(body) + 2}*0001~GE*1*1~IEA*1*000000001~"
    transaction = edikit.parse(text).transactions[0]
    found: list[tuple[str, str]] = []

    def report(
        code: str, segment: Segment, path: str | None, variant: str, /, **args: Argument
    ) -> None:
        found.append((code, segment.tag))

    loop = parse_loops(transaction.all_segments(), COMPILED, report, KNOWN)
    return loop, found


def test_clean_set_builds_the_loop_tree() -> None:
    loop, found = run(["BEG*00*SA*1**20240105", "REF*DP*1", "N1*ST*X", "N3*A", "PO1*1*1",
                       "PID*F", "N1*ST*Y", "PO1*2*1", "CTT*2"])  # fmt: skip
    assert found == []
    assert [item.name if isinstance(item, Loop) else item.tag for item in loop.items] == [
        "ST", "BEG", "REF", "N1", "PO1", "PO1", "CTT", "SE",
    ]  # fmt: skip
    first_line = next(loop.loops("PO1"))
    assert [n.path for n in first_line.loops()] == ["PO1/N1"]
    assert [s.tag for s in first_line.walk()] == ["PO1", "PID", "N1"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (["REF*DP*1", "PO1*1*1"], [("EDI204", "REF")]),  # BEG missing
        (["BEG*00*SA*1**20240105", "CTT*0"], [("EDI204", "CTT")]),  # PO1 loop missing
        (["BEG*00*SA*1**20240105", "ZZZ*1", "PO1*1*1"], [("EDI201", "ZZZ")]),
        (["BEG*00*SA*1**20240105", "TD5*1", "PO1*1*1"], [("EDI202", "TD5")]),
        (["BEG*00*SA*1**20240105", "PO1*1*1", "REF*DP*1", "PID*F"], [("EDI203", "REF")]),
        (["BEG*00*SA*1**20240105", "DTM*1", "DTM*2", "DTM*3", "PO1*1"], [("EDI205", "DTM")]),
        (["BEG*00*SA*1**20240105", "N1*A", "N1*B", "N1*C", "N1*D", "PO1*1"], [("EDI206", "N1")]),
    ],
)
def test_one_report_per_fault(body: list[str], expected: list[tuple[str, str]]) -> None:
    _, found = run(body)
    assert found == expected


def test_errors_are_capped() -> None:
    _, found = run(["BEG*00*SA*1**20240105", *["ZZZ*1"] * 80, "PO1*1"])
    assert len(found) == 51 and found[-1][0] == "EDI203"
