"""The HL tree of a ship notice (856): HL01 numbering and HL02 parent links (EDI209,
EDI210), and the shape the tree has.

Levels (HL03, ``shared/reference/x12-856.md`` section 2): S shipment, O order, T tare, P pack,
I item. The standard does not fix which level stands under which: pick and pack
(S > O > [T] > P > I) and standard carton pack (S > O > I > [P]) are conventions of retail
guidelines, so :func:`shape` names the tree's shape and the business rules and profiles, not
the standard checks, decide which shapes a retailer accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

from edikit.grammar.tree import Loop
from edikit.io.datatypes import as_int
from edikit.io.segment import Segment

Report = Callable[[str, str, Segment, int], None]  # code, message, HL, element


@dataclass(slots=True, eq=False)
class Node:
    """One HL loop placed in the tree its HL02 links describe."""

    loop: Loop
    hl: Segment
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> str:
        return self.hl[3]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def build_hierarchy(hl_loops: list[Loop], report: Report) -> list[Node]:
    """The root nodes of the HL tree; problems reported at the HL01 or HL02 concerned."""
    nodes: dict[str, Node] = {}
    roots: list[Node] = []
    expected = 1
    for loop in hl_loops:
        hl = loop.first
        if hl is None or hl.tag != "HL":
            continue
        node = Node(loop, hl)
        number, parent = hl[1], hl[2]
        value = as_int(number)
        if number in nodes:
            report("EDI209", f"HL01 {number!r} is used by an earlier HL", hl, 1)
        elif value != expected:
            report(
                "EDI209",
                f"HL01 is {number!r}; the HL segments are numbered 1, 2, 3... "
                f"in order, so {expected} was expected",
                hl,
                1,
            )
        expected = value + 1 if value is not None else expected + 1
        nodes.setdefault(number, node)
        if not parent:
            roots.append(node)
        elif parent not in nodes:
            report(
                "EDI210",
                f"HL02 {parent!r} names no earlier HL (a parent must come before its children)",
                hl,
                2,
            )
            roots.append(node)
        else:
            node.parent = nodes[parent]
            nodes[parent].children.append(node)
    return roots


PICK_AND_PACK: Final = frozenset({"SOPI", "SOTPI"})
STANDARD_CARTON_PACK: Final = frozenset({"SOI", "SOIP"})


def shape(roots: list[Node]) -> str:
    """``pick-and-pack`` (every branch S > O > [T] > P > I), ``standard-carton-pack`` (every
    branch S > O > I > [P]), or the branches found (``S>I S>O>I``) for anything else."""
    return shape_of_paths(
        {_path(node) for root in roots for node in root.walk() if not node.children}
    )


def shape_of_paths(paths: set[str]) -> str:
    """The shape named by the level codes from the top to each leaf (``{"SOPI", "SOI"}``)."""
    if paths and paths <= PICK_AND_PACK:
        return "pick-and-pack"
    if paths and paths <= STANDARD_CARTON_PACK:
        return "standard-carton-pack"
    return " ".join(sorted(">".join(path) for path in paths))


def _path(node: Node) -> str:
    codes = []
    current: Node | None = node
    while current is not None:
        codes.append(current.level)
        current = current.parent
    return "".join(reversed(codes))
