"""The 856 ship notice: its HL levels as a tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar, Final

from pydantic import BaseModel, computed_field

from edikit._json import iter_json
from edikit.grammar.hierarchy import Node as HierarchyNode
from edikit.grammar.hierarchy import Path, build_hierarchy, extended, shape_of_paths
from edikit.grammar.loops import Loop
from edikit.models.documents.document import Document, decimal_of
from edikit.models.parts import Party, ProductLine


class Level(ProductLine):
    """One HL level of a ship notice, with the levels under it."""

    ids_from: ClassVar[tuple[str, int, int]] = ("LIN", 2, 31)
    children: list[Level]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str | None:
        """HL01."""
        return self.value("HL", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def parent_id(self) -> str | None:
        """HL02."""
        return self.value("HL", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def level_code(self) -> str | None:
        """HL03: S shipment, O order, T tare, P pack, I item."""
        return self.value("HL", 3)

    def walk(self) -> Iterator[Level]:
        """This level and every level below it, in input order."""
        stack = [self]
        while stack:
            level = stack.pop()
            yield level
            stack.extend(reversed(level.children))

    def below(self, level_code: str) -> list[Level]:
        """Every level with HL03 ``level_code`` under this one (at any depth)."""
        return [n for n in self.walk() if n is not self and n.level_code == level_code]

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The levels below are counted, not shown: a repr of nested levels recursed once per
        # level (RecursionError past about 300) and printed the whole tree.
        for name, value in super().__repr_args__():
            if name == "children":
                yield name, _Count(len(self.children))
            else:
                yield name, value

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """As pydantic's, at any depth (pydantic stops at a few hundred levels)."""
        return _dump_tree(self, options)

    def model_dump_json(self, **options: Any) -> str:
        """As pydantic's, at any depth."""
        return _dump_tree_json(self, options)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sscc(self) -> str | None:
        """The SSCC-18 of a pack or tare (MAN01 GM; a leading application identifier 00
        is removed)."""
        for man in self.loop.segments("MAN"):
            if man[1] in ("GM", "UC") and man[2]:
                value = man[2]
                return value[2:] if len(value) == 20 and value.startswith("00") else value
        return None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purchase_order_number(self) -> str | None:
        """PRF01 (order level)."""
        return self.value("PRF", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quantity(self) -> Decimal | None:
        """SN102 units shipped (item level)."""
        return decimal_of(self.view("SN1"), "number_of_units_shipped")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unit(self) -> str | None:
        """SN103 unit of measure (item level)."""
        return self.value("SN1", 3)

    @property
    def orders(self) -> list[Level]:
        return self.below("O")

    @property
    def tares(self) -> list[Level]:
        return self.below("T")

    @property
    def packs(self) -> list[Level]:
        return self.below("P")

    @property
    def items(self) -> list[Level]:
        return self.below("I")

    @property
    def parties(self) -> list[Party]:
        return [Party.make(n1, self.version) for n1 in self.loop.loops("N1")]


class ShipNotice(Document):
    """856: what was shipped, as a tree of HL levels (shipment > order > pack > item for
    pick and pack; shipment > order > item > pack for standard carton pack)."""

    set_id: ClassVar[str] = "856"
    levels: list[Level]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def shipment_id(self) -> str | None:
        """BSN02, the shipment identification (ASN number)."""
        return self.value("BSN", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def date(self) -> dt.date | None:
        """BSN03."""
        view = self.view("BSN")
        return view.date if view is not None else None  # type: ignore[attr-defined]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def purpose(self) -> str | None:
        """BSN01: 00 original, 01 cancellation, 05 replace, 07 duplicate..."""
        return self.value("BSN", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def structure(self) -> str:
        """``pick-and-pack``, ``standard-carton-pack``, or the branches found (``S>I``)."""
        return shape_of_paths(_leaf_paths(self.levels))

    @property
    def shipment(self) -> Level | None:
        """The shipment level (the first level with HL03 S)."""
        return next((level for level in self.walk() if level.level_code == "S"), None)

    def walk(self) -> Iterator[Level]:
        """Every level, in input order."""
        for level in self.levels:
            yield from level.walk()

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """As pydantic's, at any depth of the HL tree (pydantic stops at a few hundred)."""
        return _dump_tree(self, options)

    def model_dump_json(self, **options: Any) -> str:
        """As pydantic's, at any depth of the HL tree."""
        return _dump_tree_json(self, options)

    @property
    def orders(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "O"]

    @property
    def packs(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "P"]

    @property
    def items(self) -> list[Level]:
        return [level for level in self.walk() if level.level_code == "I"]


def _leaf_paths(roots: list[Level]) -> set[Path]:
    paths: set[Path] = set()
    stack: list[tuple[Level, Path]] = [
        (root, (root.level_code or "?",)) for root in reversed(roots)
    ]
    while stack:
        level, path = stack.pop()
        if not level.children:
            paths.add(path)
        for child in reversed(level.children):
            stack.append((child, extended(path, child.level_code or "?")))
    return paths


class _Count(int):
    """A number of levels, shown as such in a repr."""

    def __repr__(self) -> str:
        return f"<{int(self)} levels>"


# Deeper HL trees than this are dumped level by level (pydantic's own limit is a few hundred).
_NESTED_DUMP_DEPTH: Final = 64


def _tree_children(node: Level | ShipNotice) -> list[Level]:
    return node.levels if isinstance(node, ShipNotice) else node.children


def _depth(node: Level | ShipNotice) -> int:
    """How deep the levels nest below ``node`` (a ship notice's first level is 1)."""
    stack = [(child, 1) for child in _tree_children(node)]
    deepest = 0
    while stack:
        level, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in level.children)
    return deepest


def _dump_tree(node: Level | ShipNotice, options: dict[str, Any]) -> dict[str, Any]:
    """``model_dump`` of a level or ship notice; past :data:`_NESTED_DUMP_DEPTH` levels each
    level is dumped without its children and the children are put back, with a stack."""
    field = "levels" if isinstance(node, ShipNotice) else "children"
    exclude = options.get("exclude")
    simple = exclude is None or isinstance(exclude, set)
    if not simple or options.get("include") is not None or _depth(node) <= _NESTED_DUMP_DEPTH:
        return BaseModel.model_dump(node, **options)
    dropped: set[str] = set(exclude or ())
    flat = {**options, "exclude": dropped | {field}}
    out = BaseModel.model_dump(node, **flat)
    if field in dropped:
        return out
    flat["exclude"] = dropped | {"children"}
    top: dict[str, Any] = {field: [], **out}  # the field first, where pydantic puts it
    stack: list[tuple[list[Level], list[dict[str, Any]]]] = [(_tree_children(node), top[field])]
    while stack:
        levels, into = stack.pop()
        for level in levels:
            dumped: dict[str, Any] = {"children": [], **BaseModel.model_dump(level, **flat)}
            into.append(dumped)
            if level.children:
                stack.append((level.children, dumped["children"]))
    return top


def _dump_tree_json(node: Level | ShipNotice, options: dict[str, Any]) -> str:
    if _depth(node) <= _NESTED_DUMP_DEPTH:
        return BaseModel.model_dump_json(node, **options)
    indent = options.pop("indent", None)
    ensure_ascii = options.pop("ensure_ascii", False)
    separators = (",", ":") if indent is None else None
    data = _dump_tree(node, {**options, "mode": "json"})
    return "".join(iter_json(data, indent=indent, ensure_ascii=ensure_ascii, separators=separators))


def build_ship_notice(
    loop: Loop, version: str, roots: tuple[HierarchyNode, ...] | None
) -> Document:
    if roots is None:
        roots = tuple(build_hierarchy(list(loop.loops("HL")), _ignore))
    return ShipNotice.make(loop, version, levels=_levels(roots, version))


def _levels(roots: tuple[HierarchyNode, ...], version: str) -> list[Level]:
    """The HL tree as Level models, built bottom-up without recursion (a ship notice may nest
    its levels thousands deep)."""
    order = [node for root in roots for node in root.walk()]
    built: dict[int, Level] = {}
    for node in reversed(order):
        children = [built.pop(id(child)) for child in node.children]
        built[id(node)] = Level.make(node.loop, version, children=children)
    return [built[id(root)] for root in roots]


def _ignore(*problem: object, **args: object) -> None:
    """Problems of an HL tree built again for a model: the grammar stage reported them."""
