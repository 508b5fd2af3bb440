"""Profile paths on the loop tree: ``HL[S]/TD5`` names the TD5 segments of every shipment
level, ``N1[ST]/N104`` element 04 of the N1 that opens each ship-to N1 loop, ``BEG03`` element 03
of the transaction set's BEG. ``TAG[VALUE]`` selects by the segment's qualifier: HL03 for HL (the
level), element 01 for everything else."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from edikit.grammar.loops import Loop
from edikit.io.segment import Segment
from edikit.profiles.model import ELEMENT_PART


@dataclass(frozen=True, slots=True)
class Selector:
    tag: str
    qualifier: str | None

    def matches(self, segment: Segment) -> bool:
        if segment.tag != self.tag:
            return False
        return self.qualifier is None or qualifier(segment) == self.qualifier


def qualifier(segment: Segment) -> str:
    """What ``TAG[VALUE]`` compares: HL03 of an HL, element 01 of anything else."""
    return segment[3 if segment.tag == "HL" else 1]


@lru_cache(maxsize=1024)
def selectors(path: str) -> tuple[Selector, ...]:
    found = []
    for part in path.split("/"):
        tag, _, rest = part.partition("[")
        found.append(Selector(tag, rest.rstrip("]") or None))
    return tuple(found)


class LoopIndex:
    """The loops of one transaction set by the tag and qualifier of their opening segment,
    made in one walk, so that each rule of a profile does not walk the whole tree again."""

    __slots__ = ("_by_key", "_by_tag", "root")

    def __init__(self, root: Loop) -> None:
        self.root = root
        self._by_tag: dict[str, list[Loop]] = {}
        self._by_key: dict[tuple[str, str], list[Loop]] = {}
        for loop in all_loops(root):
            first = loop.first
            if first is not None:
                self._by_tag.setdefault(first.tag, []).append(loop)
                self._by_key.setdefault((first.tag, qualifier(first)), []).append(loop)

    def loops(self, selector: Selector) -> list[Loop]:
        """Every loop (at any depth, in input order) whose opening segment ``selector``
        matches."""
        if selector.qualifier is None:
            return self._by_tag.get(selector.tag, [])
        return self._by_key.get((selector.tag, selector.qualifier), [])


def scopes(root: Loop, outer: Sequence[Selector], index: LoopIndex | None = None) -> Iterator[Loop]:
    """The loops a path's leading selectors name (the transaction set itself when none),
    found at any depth, in input order. ``index`` (of ``root``) finds the first level
    without a walk."""
    current = [root]
    if outer and index is not None and index.root is root:
        current, outer = list(index.loops(outer[0])), outer[1:]
    for selector in outer:
        current = [
            loop
            for scope in current
            for loop in all_loops(scope)
            if loop.first is not None and selector.matches(loop.first)
        ]
    yield from current


def all_loops(loop: Loop) -> Iterator[Loop]:
    """Every loop below ``loop`` (not itself), in input order, without recursion."""
    stack = list(reversed(list(loop.loops())))
    while stack:
        child = stack.pop()
        yield child
        stack.extend(reversed(list(child.loops())))


def members(loop: Loop) -> Iterator[Segment]:
    """Segments directly in ``loop`` and the opening segments of the loops directly in it
    (``N1[ST]`` inside an HL loop is an N1 loop), skipping the loop's own opening segment."""
    for number, item in enumerate(loop.items):
        if isinstance(item, Loop):
            if item.first is not None:
                yield item.first
        elif number > 0 or loop.name == "ST":
            yield item


def element_segments(
    root: Loop, element_path: str, index: LoopIndex | None = None
) -> Iterator[tuple[Segment, int]]:
    """The segments an element path (``HL[S]/REF[BM]02``, ``N1[ST]/N104``, ``BEG03``) names,
    in input order, with the element number."""
    for _, segment, number in scoped_elements(root, element_path, index):
        yield segment, number


def scoped_elements(
    root: Loop, element_path: str, index: LoopIndex | None = None
) -> Iterator[tuple[Loop, Segment, int]]:
    """:func:`element_segments` with the loop each segment was found in (the loop the path's
    leading parts name, or ``root``)."""
    *outer, last = element_path.split("/")
    match = ELEMENT_PART.fullmatch(last)
    if match is None:
        return
    tag, wanted, number = match.group(1), match.group(2), int(match.group(3))
    *scope_path, target = selectors("/".join([*outer, f"{tag}[{wanted}]" if wanted else tag]))
    for scope in scopes(root, scope_path, index):
        # N1[ST]/N104 is element 04 of the N1 that opens the N1[ST] loop itself.
        candidates = [scope.first, *members(scope)] if scope_path else members(scope)
        for segment in candidates:
            if segment is not None and target.matches(segment):
                yield scope, segment, number


def element_number(element_path: str) -> tuple[Selector, int]:
    """The last part of an element path: its segment selector and the element number."""
    match = ELEMENT_PART.fullmatch(element_path.rsplit("/", maxsplit=1)[-1])
    if match is None:
        raise ValueError(f"not an element path: {element_path}")
    return Selector(match.group(1), match.group(2)), int(match.group(3))
