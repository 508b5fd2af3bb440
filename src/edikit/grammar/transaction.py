"""Pipeline stage 4: the loop grammar on one transaction set the envelope stage read.

:func:`parse_transaction` returns a :class:`ParsedTransaction`, the grammar stage's own value:
the transaction set as read, its loop tree, an 856's HL tree and the structural findings
(EDI2xx). It never writes onto the envelope stage's objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from edikit.grammar.compiler import compiled_structure
from edikit.grammar.hierarchy import Node, build_hierarchy
from edikit.grammar.loops import Loop
from edikit.grammar.parse import parse_loops
from edikit.io.envelope import Context, Transaction
from edikit.io.segment import Segment
from edikit.vocabulary import Argument, Problem, Resolve, Violation
from edikit.x12.structure import known_segments, resolve_version

if TYPE_CHECKING:
    from edikit.x12.describe import SegmentDescription

HIERARCHICAL_SETS: Final = frozenset({"856"})


@dataclass(frozen=True, slots=True, eq=False)
class ParsedTransaction:
    """One transaction set after the grammar stage.

    ``version`` is the version of the segment tables it was read with (``exact`` False when
    its GS08 is another, read through the nearest); ``loop`` is its loop tree (None when
    edikit has no segment table for the set), ``hierarchy`` the roots of an 856's HL tree, and
    ``violations`` every finding on the set so far: the envelope stage's, then the grammar's.
    """

    transaction: Transaction
    version: str
    exact: bool
    loop: Loop | None
    hierarchy: tuple[Node, ...] | None
    violations: tuple[Violation, ...]

    @property
    def set_id(self) -> str:
        return self.transaction.set_id

    @property
    def control_number(self) -> str:
        return self.transaction.control_number

    @property
    def context(self) -> Context:
        return self.transaction.context

    @property
    def header(self) -> Segment:
        """ST."""
        return self.transaction.header

    @property
    def segments(self) -> list[Segment]:
        """The segments between ST and SE."""
        return self.transaction.segments

    @property
    def trailer(self) -> Segment | None:
        """SE (None when it is missing)."""
        return self.transaction.trailer

    def all_segments(self) -> list[Segment]:
        """ST, body and SE, in order."""
        return self.transaction.all_segments()

    def all_violations(self) -> list[Violation]:
        """The envelope stage's findings on this set, then the grammar's."""
        return list(self.violations)

    def describe(self, segment: Segment) -> SegmentDescription | None:
        """``segment`` (one of this set's) named element by element, with the meaning of each
        code, in the tables the set was read with (None for a segment they do not have)."""
        from edikit.x12.describe import describe_segment  # not needed to validate: on first use

        return describe_segment(segment, self.version)

    def levels(self) -> Iterator[Node]:
        """Every node of the HL tree, in input order (none for a set without one)."""
        for root in self.hierarchy or ():
            yield from root.walk()


def parse_transaction(
    transaction: Transaction, resolve: Resolve, *, warn_version: bool = True
) -> ParsedTransaction:
    """The loop tree and structural findings (EDI2xx) of ``transaction``.

    ``warn_version`` reports (EDI208) that a group version edikit has no tables for is read
    through the nearest one; a caller reading a whole group passes False after its first set.
    """
    context = transaction.context
    gs08 = context.version or ""
    version, exact = resolve_version(gs08)
    found: list[Violation] = []

    def report(
        code: str,
        segment: Segment,
        element: int | None,
        path: str | None,
        variant: str = "default",
        /,
        **args: Argument,
    ) -> None:
        location = context.locate(segment, element)
        if path:
            location = location.model_copy(update={"loop_path": path})
        violation = resolve(Problem(code, location, args, variant))
        if violation is not None:
            found.append(violation)

    if not exact and warn_version:
        report("EDI208", transaction.header, None, None, "default", gs08=gs08, version=version)
    compiled = compiled_structure(transaction.set_id, version)
    if compiled is None:
        report(
            "EDI207",
            transaction.header,
            1,
            None,
            "default",
            set_id=transaction.set_id,
            version=version,
        )
        return ParsedTransaction(
            transaction, version, exact, None, None, (*transaction.violations, *found)
        )

    def in_loops(
        code: str, segment: Segment, path: str | None, variant: str, /, **args: Argument
    ) -> None:
        report(code, segment, None, path, variant, **args)

    def in_tree(
        code: str, segment: Segment, element: int, variant: str, /, **args: Argument
    ) -> None:
        report(code, segment, element, "HL", variant, **args)

    loop = parse_loops(transaction.all_segments(), compiled, in_loops, known_segments(version))
    hierarchy = None
    if transaction.set_id in HIERARCHICAL_SETS:
        hierarchy = tuple(build_hierarchy(list(loop.loops("HL")), in_tree))
    return ParsedTransaction(
        transaction, version, exact, loop, hierarchy, (*transaction.violations, *found)
    )
