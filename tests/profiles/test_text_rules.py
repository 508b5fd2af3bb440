"""Text rules (case and characters over a whole scope): the quick check of a whole segment
agrees with the character-by-character one, whatever the text; non-ASCII text is compared as
characters; ``except`` leaves elements out."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import edikit
from edikit.profiles.compiled import CompiledText, value_text
from edikit.profiles.model import TextRule

SEPARATORS = frozenset({"*", ">", "^"})
RULES = [
    CompiledText.of(TextRule(case="upper")),
    CompiledText.of(TextRule(characters="A-Z0-9 .-")),
    CompiledText.of(TextRule(case="upper", characters="A-Za-z0-9 \\-]^")),
]


@given(st.text(alphabet="ABCabc019 .-*>^#]\\[é", max_size=40))
def test_the_quick_check_agrees_with_the_slow_one(raw: str) -> None:
    for text in RULES:
        slow = text.problem(value_text(raw), SEPARATORS) is None
        assert text.passes(raw, SEPARATORS) == slow, (text.rule, raw)


def test_utf8_text_is_compared_as_its_characters() -> None:
    rule = CompiledText.of(TextRule(case="upper"))
    assert not rule.passes("N1*ST*CAF\xc3\xa9", SEPARATORS)  # é, sent as UTF-8
    assert rule.passes("N1*ST*CAF\xc3\x89", SEPARATORS)  # É


def test_except_leaves_an_element_out(tmp_path: Path) -> None:
    document = (
        Path(__file__).resolve().parent.parent.parent
        / "fixtures/cookbook/02-text-upper-case/bad.edi"
    )
    profile = tmp_path / "p.yaml"
    profile.write_text(
        'id: p\ntitle: p\nextends: x12\ntext:\n  - {case: upper, except: [TD505, "N1[ST]/N102"]}\n',
        encoding="utf-8",
    )
    found = edikit.validate(document, profile=profile).all_violations()
    assert [v.code for v in found if v.code == "EDI408"] == []
    profile.write_text(
        "id: p\ntitle: p\nextends: x12\ntext:\n  - {case: upper, except: [N1]}\n",
        encoding="utf-8",
    )
    found = edikit.validate(document, profile=profile).all_violations()
    assert [(v.code, v.location.segment_id) for v in found if v.code == "EDI408"] == [
        ("EDI408", "TD5")
    ]
