"""The loop tree: what the grammar stage hands to the models."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from edikit.io.segment import Segment


@dataclass(slots=True, eq=False)
class Loop:
    """One loop instance (or the whole transaction set, ``name == "ST"``): its segments and
    nested loops in input order. ``path`` names it for locations, e.g. ``PO1/N1``."""

    name: str
    path: str
    items: list[Segment | Loop] = field(default_factory=list)

    def segments(self, tag: str | None = None) -> Iterator[Segment]:
        """Segments directly in this loop (not in nested loops), optionally by ID."""
        for item in self.items:
            if isinstance(item, Segment) and (tag is None or item.tag == tag):
                yield item

    def segment(self, tag: str) -> Segment | None:
        """The first segment ``tag`` directly in this loop, or ``None``."""
        for item in self.items:  # no generator: this is asked millions of times a file
            if type(item) is Segment and item.tag == tag:
                return item
        return None

    def loops(self, name: str | None = None) -> Iterator[Loop]:
        """Loops directly nested in this one, optionally by name."""
        for item in self.items:
            if isinstance(item, Loop) and (name is None or item.name == name):
                yield item

    def walk(self) -> Iterator[Segment]:
        """Every segment in this loop and below, in input order (with a stack of the loops
        being read, not by recursion: a loop built in code may nest as deep as it likes)."""
        stack = [iter(self.items)]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
            elif isinstance(item, Loop):
                stack.append(iter(item.items))
            else:
                yield item

    @property
    def first(self) -> Segment | None:
        """The segment that opened the loop."""
        loop: Loop = self
        while loop.items:
            item = loop.items[0]
            if not isinstance(item, Loop):
                return item
            loop = item
        return None
