"""Planted structural faults (fixtures/structure/): each file gives exactly the violations
its expectation file lists, at those segments: one per fault, no cascade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import edikit

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "structure"
CASES = sorted(FIXTURES.glob("*.edi"))


def test_there_are_fixtures_for_every_supported_set() -> None:
    assert {case.name[:3] for case in CASES} >= {"850", "855", "856", "810", "997"}


@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_planted_faults(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    x12 = edikit.parse(path)
    found = [
        {"code": v.code, "segment": v.location.segment_id, "position": v.location.segment_position}
        for v in x12.all_violations()
    ]
    assert found == expected["violations"], expected["fault"]
    assert len(x12.documents) == 1  # tolerant: the document is built anyway
    assert edikit.serialize(x12) == path.read_bytes()
