"""Parse one transaction set's segments into its loop tree and check it (EDI2xx), in one pass
that collects every problem.

The LALR table comes from Lark (``build.py``); this module drives it. Lark's own runtime
builds a ``Tree`` for every reduction and was the largest cost measured (``build.py``); here a
shift pushes the segment itself, helper rules splice their children into a list, and a loop
rule makes a :class:`~edikit.grammar.tree.Loop`, so the result is the tree the models read.

A segment the table has no action for, in any loop still open, is skipped and reported; the
checks on the tree then report order, requirement, maximum use and loop repeats.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from edikit.grammar.build import SHIFT, CompiledStructure, LoopRule, SegmentRule
from edikit.grammar.tree import Loop
from edikit.io.segment import Segment

MAX_STRUCTURE_ERRORS = 50
END = "$END"

# (code, message, segment, loop path) -> reported by the caller with its own location.
Report = Callable[[str, str, Segment, str | None], None]
Value = Segment | Loop | list[Segment | Loop]


@dataclass(slots=True)
class _Run:
    compiled: CompiledStructure
    report: Report
    known_segments: frozenset[str]
    last: Segment
    errors: int = 0

    def error(self, code: str, message: str, segment: Segment, path: str | None = None) -> None:
        self.errors += 1
        if self.errors <= MAX_STRUCTURE_ERRORS:
            self.report(code, message, segment, path)
        elif self.errors == MAX_STRUCTURE_ERRORS + 1:
            self.report(
                "EDI203",
                "more structural problems follow in this transaction set; fix these first",
                segment,
                path,
            )


def parse_loops(
    segments: list[Segment],
    compiled: CompiledStructure,
    report: Report,
    known_segments: frozenset[str] = frozenset(),
) -> Loop:
    """The checked loop tree of ``segments`` (ST..SE as read). ``known_segments`` are the
    segment IDs of the version's dictionary, to tell "not in this set" from "unrecognised"."""
    run = _Run(compiled, report, known_segments, segments[-1])
    root = _drive(run, segments)
    _check(run, root, compiled.root)
    return root


def _drive(run: _Run, segments: list[Segment]) -> Loop:
    table = run.compiled.table
    actions, gotos, rules = table.actions, table.gotos, table.rules
    terminals = run.compiled.terminals
    end_states = table.end_states
    stack = [table.start]
    values: list[Value] = []
    guard = _Guard(run.compiled)
    for index, segment in enumerate([*segments, None]):
        tag = END if segment is None else segment.tag
        if segment is not None:
            if tag not in terminals:
                _unknown(run, segment)
                continue
            following = segments[index + 1].tag if index + 1 < len(segments) else None
            if not guard.admit(tag, following):
                run.error("EDI203", f"{tag} is out of order: its place is earlier in the "
                          "transaction set", segment)  # fmt: skip
                continue
        while True:
            if segment is None and stack[-1] in end_states:
                accepted = values[-1]
                return accepted if isinstance(accepted, Loop) else Loop("ST", "", [])
            action = actions[stack[-1]].get(tag)
            if action is None:
                if segment is None:  # unreachable: every loop body may end anywhere
                    return Loop("ST", "", list(segments))
                run.error("EDI203", f"{tag} is not allowed here: no open loop can hold it",
                          segment)  # fmt: skip
                break
            kind, argument = action
            if kind == SHIFT:
                stack.append(argument)
                values.append(segment if segment is not None else [])
                break
            origin, size, loop_rule = rules[argument]
            children = values[-size:] if size else []
            if size:
                del values[-size:]
                del stack[-size:]
            value = _splice(children)
            if loop_rule is not None:
                items = value if isinstance(value, list) else [value]
                value = Loop(loop_rule.name, loop_rule.path, items)
            stack.append(gotos[stack[-1]][origin])
            values.append(value)
    return Loop("ST", "", list(segments))  # unreachable: $END always ends the loop above


class _Guard:
    """Follows which loops are open and how far each has got, as the parser will place the
    segments, so that a segment whose place is back in an enclosing loop is skipped and
    reported instead of closing the loops it interrupts (one report, not a cascade)."""

    __slots__ = ("_compiled", "_open")

    def __init__(self, compiled: CompiledStructure) -> None:
        self._compiled = compiled
        root = compiled.root
        self._open: list[tuple[LoopRule, dict[str, list[int]], list[int]]] = [
            (root, compiled.members(root), [0])
        ]

    def admit(self, tag: str, following: str | None) -> bool:
        """Whether the parser should place ``tag``: False for a segment out of order that
        would close a loop the next segment (``following``) still belongs to."""
        open_loops = self._open
        depth = len(open_loops) - 1
        while depth >= 0 and tag not in open_loops[depth][1]:
            depth -= 1
        if depth < 0:
            return True  # no loop holds it: the parser reports it
        rule, members, progress = open_loops[depth]
        later = [slot for slot in members[tag] if slot >= progress[0]]
        if not later:
            interrupted = open_loops[depth + 1 :]
            if any(following in members_ for _, members_, _ in interrupted):
                return False
            later = [members[tag][0]]  # placed; the checks report it out of order
        del open_loops[depth + 1 :]
        progress[0] = max(progress[0], later[0])
        entry = rule.body[later[0]]
        if isinstance(entry, LoopRule):
            open_loops.append((entry, self._compiled.members(entry), [0]))
        return True


def _splice(children: list[Value]) -> Value:
    """A helper rule's value: its one child as it is, or its children as one flat list
    (extending the list a left-recursive ``*`` rule already built, not copying it)."""
    if len(children) == 1:
        return children[0]
    first = children[0]
    out: list[Segment | Loop] = first if isinstance(first, list) else [first]
    for child in children[1:]:
        if isinstance(child, list):
            out.extend(child)
        else:
            out.append(child)
    return out


def _unknown(run: _Run, segment: Segment) -> None:
    tag = segment.tag
    if tag in run.known_segments:
        run.error("EDI202", f"{tag} is not used in a {run.compiled.set_id} transaction set",
                  segment)  # fmt: skip
    else:
        run.error("EDI201", f"{tag!r} is not a segment of X12 {run.compiled.version}", segment)


# -- checks on the tree ----------------------------------------------------------------------
def _check(run: _Run, loop: Loop, rule: LoopRule) -> None:
    """Order, requirement and maximum use of everything directly in ``loop``; then below."""
    body = rule.body
    slots = run.compiled.slots(rule)
    limits = [_limit(entry) for entry in body]
    counts = [0] * len(body)
    over: dict[int, Segment | Loop] = {}
    current = 0
    placed: list[tuple[Segment | Loop, int]] = []
    for item in loop.items:
        key = item.tag if isinstance(item, Segment) else "\0" + _opener_tag(item)
        candidates = slots.get(key)
        if not candidates:
            continue
        if len(candidates) == 1:
            slot = candidates[0]
            current = max(slot, current)
        else:
            chosen = _slot(candidates, current, counts, limits)
            slot = candidates[0] if chosen is None else chosen
            current = max(current, slot)
        counts[slot] += 1
        limit = limits[slot]
        if limit is not None and counts[slot] == limit + 1:
            over[slot] = item
        placed.append((item, slot))
    _report_order(run, loop, placed)
    _report_missing(run, loop, body, counts, slots)
    for slot, item in over.items():
        _report_over(run, loop, body[slot], counts[slot], item)
    for item, slot in placed:
        if not isinstance(item, Segment):
            entry = body[slot]
            if isinstance(entry, LoopRule):
                _check(run, item, entry)


def _report_order(run: _Run, loop: Loop, placed: list[tuple[Segment | Loop, int]]) -> None:
    """Report the fewest items whose moving puts the loop in order: everything outside one
    longest non-decreasing run of body positions (ISS sent before TDS, CAD and CTT is one
    misplaced ISS, not three misplaced segments after it)."""
    order = [slot for _, slot in placed]
    if all(a <= b for a, b in itertools.pairwise(order)):
        return
    keep = _longest_non_decreasing(order)
    for number, (item, slot) in enumerate(placed):
        if number in keep:
            continue
        after = next((placed[k][0] for k in sorted(keep) if placed[k][1] > slot), None)
        where = f"it belongs before {_name(after)}" if after is not None else "it belongs later"
        run.error("EDI203", f"{_name(item)} is out of order: {where}", _first(item),
                  loop.path or None)  # fmt: skip


def _longest_non_decreasing(values: list[int]) -> set[int]:
    """Indexes of one longest non-decreasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []  # index of the smallest tail of each length
    parents = [-1] * len(values)
    for index, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if values[tails[middle]] <= value:
                low = middle + 1
            else:
                high = middle
        parents[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    keep: set[int] = set()
    index = tails[-1] if tails else -1
    while index >= 0:
        keep.add(index)
        index = parents[index]
    return keep


def _slot(
    candidates: list[int], current: int, counts: list[int], limits: list[int | None]
) -> int | None:
    """For a segment ID at several body positions: the first at or after ``current`` with
    room left, else the first at or after ``current``; None when all lie before it."""
    later = [slot for slot in candidates if slot >= current]
    for slot in later:
        limit = limits[slot]
        if limit is None or counts[slot] < limit:
            return slot
    return later[0] if later else None


def _limit(entry: SegmentRule | LoopRule) -> int | None:
    return entry.max_use if isinstance(entry, SegmentRule) else entry.max_repeat


def _report_missing(
    run: _Run,
    loop: Loop,
    body: tuple[SegmentRule | LoopRule, ...],
    counts: list[int],
    slots: dict[str, list[int]],
) -> None:
    for number, entry in enumerate(body):
        if not entry.required or counts[number] or number == 0:
            continue
        if isinstance(entry, SegmentRule) and entry.tag == "SE":
            continue  # a missing SE is the envelope's EDI130
        where = _following(loop, body, number, slots) or run.last
        what = (
            f"the mandatory segment {entry.tag}"
            if isinstance(entry, SegmentRule)
            else f"the mandatory {entry.name} loop"
        )
        run.error("EDI204", f"{what} is missing", where, loop.path or None)


def _following(
    loop: Loop, body: tuple[SegmentRule | LoopRule, ...], number: int, slots: dict[str, list[int]]
) -> Segment | None:
    """The first segment of ``loop`` that belongs after body position ``number``."""
    for item in loop.items:
        key = item.tag if isinstance(item, Segment) else "\0" + _opener_tag(item)
        if any(slot > number for slot in slots.get(key, ())):
            return _first(item)
    return None


def _report_over(
    run: _Run, loop: Loop, entry: SegmentRule | LoopRule, count: int, item: Segment | Loop
) -> None:
    if isinstance(entry, SegmentRule):
        run.error("EDI205", f"{entry.tag} is used {count} times here; at most {entry.max_use} "
                  "are allowed", _first(item), loop.path or None)  # fmt: skip
    else:
        run.error("EDI206", f"the {entry.name} loop repeats {count} times here; at most "
                  f"{entry.max_repeat} are allowed", _first(item), entry.path)  # fmt: skip


def _opener_tag(loop: Loop) -> str:
    first = loop.first
    return first.tag if first is not None else loop.name


def _first(item: Segment | Loop) -> Segment:
    if isinstance(item, Segment):
        return item
    first = item.first
    assert first is not None  # a loop always holds its opening segment
    return first


def _name(item: Segment | Loop) -> str:
    return item.tag if isinstance(item, Segment) else f"the {item.name} loop"
