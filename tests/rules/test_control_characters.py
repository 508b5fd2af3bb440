"""A control character inside an AN or ID value (X12's character sets hold none) is EDI305,
at the element; the same value without it is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit

ORDER = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean" / "850.edi"


@pytest.mark.parametrize("character", ["\x00", "\t", "\x7f", "\x1b"])
def test_a_control_character_in_a_value_is_reported(character: str) -> None:
    text = ORDER.read_text().replace("BEG*00*SA*4500012345", f"BEG*00*SA*45000{character}12345")
    found = edikit.validate(text.encode("latin-1")).all_violations()
    assert [(v.code, v.location.segment_id, v.location.element) for v in found] == [
        ("EDI305", "BEG", 3)
    ]
    assert f"control character 0x{ord(character):02X}" in found[0].message


def test_the_clean_value_has_none() -> None:
    assert edikit.validate(ORDER).all_violations() == []
