"""The HL tree of a ship notice (856): HL01 numbering and HL02 parent links (EDI209,
EDI210), and the shape the tree has.

Levels (HL03, the code list of element 735 in ``src/edikit/x12/_data/``): S shipment, O order, T
tare, P pack, I item. The standard does not fix which level stands under which: pick and pack (S
> O > [T] > P > I) and standard carton pack (S > O > I > [P]) are conventions of retail
guidelines, so :func:`shape` names the tree's shape and the business rules and profiles, not the
standard checks, decide which shapes a retailer accepts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Protocol

from edikit.grammar.loops import Loop
from edikit.io.datatypes import as_int
from edikit.io.segment import Segment
from edikit.vocabulary import Argument


class Report(Protocol):
    """How a problem of the tree is handed on: code, the HL segment, its element, message
    variant and template arguments."""

    def __call__(
        self, code: str, segment: Segment, element: int, variant: str, /, **args: Argument
    ) -> None: ...


@dataclass(slots=True, eq=False)
class Node:
    """One HL loop placed in the tree its HL02 links describe, and its HL03 level code."""

    loop: Loop
    hl: Segment
    level: str = ""
    children: list[Node] = field(default_factory=list)  # no link back up: no reference cycle

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in input order (iteratively: a ship notice
        may nest its levels thousands deep)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_hierarchy(hl_loops: list[Loop], report: Report) -> list[Node]:
    """The root nodes of the HL tree; problems reported at the HL01 or HL02 concerned."""
    nodes: dict[str, Node] = {}
    roots: list[Node] = []
    expected = 1
    for loop in hl_loops:
        hl = loop.first
        if hl is None or hl.tag != "HL":
            continue
        # HL01, HL02 and HL03 read once: a ship notice may have tens of thousands of levels.
        elements = hl.elements
        count = len(elements)
        number = elements[1] if count > 1 else ""
        parent = elements[2] if count > 2 else ""
        node = Node(loop, hl, elements[3] if count > 3 else "")
        # Levels are numbered 1, 2, 3...: the expected number as written is the usual case.
        value = expected if number == str(expected) else as_int(number)
        if number in nodes:
            report("EDI209", hl, 1, "duplicate", number=number)
        elif value != expected:
            report("EDI209", hl, 1, "default", number=number, expected=expected)
        expected = value + 1 if value is not None else expected + 1
        # The parent is looked up before this HL is known by its number: an HL that names
        # itself (HL*1*1) has no earlier parent, and would otherwise hang under itself, out of
        # reach of the tree with every level below it.
        above = nodes.get(parent) if parent else None
        nodes.setdefault(number, node)
        if not parent:
            roots.append(node)
        elif above is None:
            report("EDI210", hl, 2, "itself" if parent == number else "default", parent=parent)
            roots.append(node)
        else:
            above.children.append(node)
    return roots


# A branch is named by at most this many levels: retail shapes have four or five, and a
# deeper one is named by its top levels and "...", so naming a tree stays linear in its size.
MAX_NAMED_LEVELS: Final = 8
PICK_AND_PACK: Final = frozenset({("S", "O", "P", "I"), ("S", "O", "T", "P", "I")})
STANDARD_CARTON_PACK: Final = frozenset({("S", "O", "I"), ("S", "O", "I", "P")})
Path = tuple[str, ...]


def shape(roots: list[Node]) -> str:
    """``pick-and-pack`` (every branch S > O > [T] > P > I), ``standard-carton-pack`` (every
    branch S > O > I > [P]), or the branches found (``S>I S>O>I``) for anything else."""
    return shape_of_paths(leaf_paths(roots))


def leaf_paths(roots: list[Node]) -> set[Path]:
    """The HL03 codes from the top to each leaf (``{("S", "O", "P", "I")}``), each cut to
    :data:`MAX_NAMED_LEVELS` levels (then ``...``)."""
    paths: set[Path] = set()
    stack: list[tuple[Node, Path]] = [(root, (root.level or "?",)) for root in reversed(roots)]
    while stack:
        node, path = stack.pop()
        if not node.children:
            paths.add(path)
        for child in reversed(node.children):
            stack.append((child, extended(path, child.level)))
    return paths


def extended(path: Path, level: str) -> Path:
    """``path`` one level deeper (unchanged once it is cut)."""
    if path and path[-1] == "...":
        return path
    if len(path) >= MAX_NAMED_LEVELS:
        return (*path, "...")
    return (*path, level or "?")


def shape_of_paths(paths: set[Path]) -> str:
    """The shape named by the level codes from the top to each leaf."""
    if paths and paths <= PICK_AND_PACK:
        return "pick-and-pack"
    if paths and paths <= STANDARD_CARTON_PACK:
        return "standard-carton-pack"
    return " ".join(sorted(">".join(path) for path in paths))
