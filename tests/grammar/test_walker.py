"""The loop walker (``edikit.grammar.parse``) against the LALR table it stands in for
(``lalr_reference.py``): for any sequence of segments, of every transaction set edikit has a
segment table for, the same loop tree and the same findings in the same order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edikit.grammar.compiler import CompiledStructure, compiled_structure
from edikit.grammar.loops import Loop
from edikit.grammar.parse import parse_loops
from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.vocabulary import Argument
from edikit.x12.structure import known_segments, supported_sets
from tests.grammar.lalr_reference import parse_loops_lalr

DELIMITERS = Delimiters("*", ">", "~", "U")
SETS = [
    (set_id, version)
    for version in ("004010", "005010")
    for set_id in sorted(supported_sets(version))
]
Found = list[tuple[str, int, str | None, str, tuple[tuple[str, Argument], ...]]]
Shape = tuple[str, str, tuple[object, ...]]


def _segments(tags: list[str]) -> list[Segment]:
    return [
        Segment(tag, tag, "~", "", index * 10, 1, index * 10 + 1, index, DELIMITERS)
        for index, tag in enumerate(tags)
    ]


def _shape(loop: Loop) -> Shape:
    """The tree with each segment as its input index."""
    items = tuple(item.index if isinstance(item, Segment) else _shape(item) for item in loop.items)
    return (loop.name, loop.path, items)


def _parse(parser: object, compiled: CompiledStructure, tags: list[str]) -> tuple[Shape, Found]:
    found: Found = []

    def report(
        code: str, segment: Segment, path: str | None, variant: str, /, **args: Argument
    ) -> None:
        found.append((code, segment.index, path, variant, tuple(sorted(args.items()))))

    segments = _segments(tags)
    loop = parser(segments, compiled, report, known_segments(compiled.version))  # type: ignore[operator]
    return _shape(loop), found


def _tags(compiled: CompiledStructure) -> st.SearchStrategy[list[str]]:
    """Mostly the set's own segment IDs, sometimes another set's or a made-up one; an ST
    first and an SE last as a rule."""
    own = sorted(compiled.terminals - {"ST", "SE"})
    others = ["N9", "ZZZ", "BIG", "HL", "LIN", "PO1", "ST", "SE", "b@d"]
    middle = st.lists(
        st.one_of(st.sampled_from(own), st.sampled_from(own), st.sampled_from(others)),
        max_size=60,
    )
    return (
        st.tuples(st.booleans(), middle, st.booleans())
        .map(lambda parts: (["ST"] if parts[0] else []) + parts[1] + (["SE"] if parts[2] else []))
        .filter(bool)
    )


@pytest.mark.parametrize(("set_id", "version"), SETS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_walk_places_segments_as_the_lalr_table_does(
    set_id: str, version: str, data: st.DataObject
) -> None:
    compiled = compiled_structure(set_id, version)
    assert compiled is not None
    tags = data.draw(_tags(compiled))
    assert _parse(parse_loops, compiled, tags) == _parse(parse_loops_lalr, compiled, tags)


@pytest.mark.parametrize(("set_id", "version"), SETS)
def test_the_segments_in_table_order_make_one_clean_tree(set_id: str, version: str) -> None:
    """Every segment and loop of the table once, in order: both parsers build the same tree,
    with every loop in it."""
    compiled = compiled_structure(set_id, version)
    assert compiled is not None
    tags: list[str] = []

    def visit(body: tuple[object, ...]) -> None:
        for entry in body:
            opener = getattr(entry, "tag", None)
            if opener is not None:
                tags.append(opener)
            else:
                visit(entry.body)  # type: ignore[attr-defined]

    visit(compiled.root.body)
    walked = _parse(parse_loops, compiled, tags)
    assert walked == _parse(parse_loops_lalr, compiled, tags)
    assert len(str(walked[0]).split("(")) > 2  # nested loops were built
