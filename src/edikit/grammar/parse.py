"""Parse one transaction set's segments into its loop tree and check it (EDI2xx), in one pass
that collects every problem.

The LALR table comes from Lark (``compiler.py``); this module drives it. Lark's own runtime
builds a ``Tree`` for every reduction and was the largest cost measured (``compiler.py``); here a
shift pushes the segment itself, helper rules splice their children into a list, and a loop
rule makes a :class:`~edikit.grammar.loops.Loop`, so the result is the tree the models read.

A segment the table has no action for, in any loop still open, is skipped and reported; the
checks on the tree then report order, requirement, maximum use and loop repeats.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol

from edikit.grammar.compiler import SHIFT, CompiledStructure, LoopRule, SegmentRule
from edikit.grammar.loops import Loop
from edikit.io.segment import Segment
from edikit.vocabulary import Argument

MAX_STRUCTURE_ERRORS = 50
END = "$END"


class Report(Protocol):
    """How the parser hands a problem to its caller, who locates it: the code, the segment
    and loop path it is at, the message variant and its template arguments."""

    def __call__(
        self, code: str, segment: Segment, path: str | None, variant: str, /, **args: Argument
    ) -> None: ...


Value = Segment | Loop | list[Segment | Loop]


@dataclass(slots=True)
class _Run:
    compiled: CompiledStructure
    report: Report
    known_segments: frozenset[str]
    last: Segment
    errors: int = 0

    def error(
        self,
        code: str,
        segment: Segment,
        path: str | None = None,
        variant: str = "default",
        /,
        **args: Argument,
    ) -> None:
        self.errors += 1
        if self.errors <= MAX_STRUCTURE_ERRORS:
            self.report(code, segment, path, variant, **args)
        elif self.errors == MAX_STRUCTURE_ERRORS + 1:
            self.report("EDI203", segment, path, "more")


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
    stack = [table.start]
    values: list[Value] = []
    admit = _Guard(run.compiled).admit
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        tag = segment.tag
        if tag not in terminals:
            _unknown(run, segment)
            continue
        if not admit(tag, segments, index, last):
            previous = segments[index - 1].tag if index else "ST"
            run.error("EDI203", segment, None, "earlier", segment=tag, other=previous)
            continue
        while True:
            action = actions[stack[-1]].get(tag)
            if action is None:
                run.error("EDI203", segment, None, "nowhere", segment=tag)
                break
            if action[0] == SHIFT:
                stack.append(action[1])
                values.append(segment)
                break
            origin, size, loop_rule = rules[action[1]]
            if size == 2 and loop_rule is None:  # "items: items item", most reductions
                second = values.pop()
                first = values.pop()
                del stack[-2:]
                items = first if isinstance(first, list) else [first]
                if isinstance(second, list):
                    items.extend(second)
                else:
                    items.append(second)
                stack.append(gotos[stack[-1]][origin])
                values.append(items)
            else:
                _reduce(rules[action[1]], stack, values, gotos)
    while stack[-1] not in table.end_states:
        action = actions[stack[-1]].get(END)
        if action is None:  # unreachable: every loop body may end anywhere
            return Loop("ST", "", list(segments))
        _reduce(rules[action[1]], stack, values, gotos)
    accepted = values[-1]
    return accepted if isinstance(accepted, Loop) else Loop("ST", "", list(segments))


def _reduce(
    rule: tuple[str, int, LoopRule | None],
    stack: list[int],
    values: list[Value],
    gotos: list[dict[str, int]],
) -> None:
    origin, size, loop_rule = rule
    if size == 1:
        value = values.pop()
        stack.pop()
    elif size == 0:
        value = []
    else:
        value = _splice(values[-size:])
        del values[-size:]
        del stack[-size:]
    if loop_rule is not None:
        items = value if isinstance(value, list) else [value]
        value = Loop(loop_rule.name, loop_rule.path, items)
    stack.append(gotos[stack[-1]][origin])
    values.append(value)


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

    def admit(self, tag: str, segments: list[Segment], index: int, last: int) -> bool:
        """Whether the parser should place ``tag`` (``segments[index]``): False for a segment
        out of order that would close a loop the next segment still belongs to."""
        open_loops = self._open
        rule, members, progress = open_loops[-1]
        slots = members.get(tag)
        if slots is not None and len(slots) == 1 and slots[0] >= progress[0]:
            # The common case: the next thing in the innermost open loop.
            slot = progress[0] = slots[0]
            entry = rule.body[slot]
            if type(entry) is LoopRule:
                open_loops.append((entry, self._compiled.members(entry), [0]))
            return True
        following = segments[index + 1].tag if index < last else None
        return self._admit_elsewhere(tag, following)

    def _admit_elsewhere(self, tag: str, following: str | None) -> bool:
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
    if not (2 <= len(tag) <= 3 and tag.isascii() and tag.isalnum() and tag == tag.upper()):
        return  # not a segment ID at all: the envelope stage reported it (EDI006)
    if tag in run.known_segments:
        run.error("EDI202", segment, None, "default", segment=tag, set_id=run.compiled.set_id)
    else:
        run.error("EDI201", segment, None, "default", segment=tag, version=run.compiled.version)


# -- checks on the tree ----------------------------------------------------------------------
def _check(run: _Run, loop: Loop, rule: LoopRule) -> None:
    """Order, requirement and maximum use of everything directly in ``loop``; then below."""
    compiled = run.compiled
    slots = compiled.slots(rule)
    limits = compiled.limits(rule)
    counts = [0] * len(limits)
    over: dict[int, Segment | Loop] = {}
    current = 0
    in_order = True
    placed: list[tuple[Segment | Loop, int]] = []
    children: list[tuple[Loop, int]] = []
    for item in loop.items:
        is_segment = type(item) is Segment
        candidates = slots.get(item.tag if is_segment else "\0" + item.name)  # type: ignore[union-attr]
        if candidates is None:
            continue
        slot = candidates[0]
        if len(candidates) > 1:
            chosen = _slot(candidates, current, counts, limits)
            slot = slot if chosen is None else chosen
        if slot < current:
            in_order = False
        else:
            current = slot
        count = counts[slot] = counts[slot] + 1
        limit = limits[slot]
        if limit is not None and count == limit + 1:
            over[slot] = item
        placed.append((item, slot))
        if not is_segment:
            children.append((item, slot))  # type: ignore[arg-type]
    if not in_order:
        _report_order(run, loop, placed)
    for number in compiled.required(rule):
        if not counts[number]:
            _report_missing(run, loop, rule.body, number, slots)
    for slot, item in over.items():
        _report_over(run, loop, rule.body[slot], counts[slot], item)
    for child, slot in children:
        entry = rule.body[slot]
        if isinstance(entry, LoopRule):
            _check(run, child, entry)


def _report_order(run: _Run, loop: Loop, placed: list[tuple[Segment | Loop, int]]) -> None:
    """Report the fewest items whose moving puts the loop in order: everything outside one
    longest non-decreasing run of body positions (ISS sent before TDS, CAD and CTT is one
    misplaced ISS, not three misplaced segments after it)."""
    order = [slot for _, slot in placed]
    keep = _longest_non_decreasing(order)
    kept = sorted(keep)
    kept_slots = [order[k] for k in kept]  # non-decreasing: the run kept in order
    for number, (item, slot) in enumerate(placed):
        if number in keep:
            continue
        if run.errors > MAX_STRUCTURE_ERRORS:
            break  # nothing more is reported in this set (see _Run.error)
        # The first kept item that belongs after this one, else the last that belongs before
        # (found by bisection: a loop of thousands of misplaced segments stays n log n).
        later = bisect_right(kept_slots, slot)
        if later < len(kept):
            variant, other = "before", placed[kept[later]][0]
        elif later > 0:
            variant, other = "after", placed[kept[later - 1]][0]
        else:
            variant, other = "later", None
        path = loop.path or None
        what, where = _name(item), _name(other) if other is not None else ""
        run.error("EDI203", _first(item), path, variant, segment=what, other=where)


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


def _report_missing(
    run: _Run,
    loop: Loop,
    body: tuple[SegmentRule | LoopRule, ...],
    number: int,
    slots: dict[str, list[int]],
) -> None:
    entry = body[number]
    if isinstance(entry, SegmentRule) and entry.tag == "SE":
        return  # a missing SE is the envelope's EDI130
    following = _following(loop, body, number, slots)
    where = following or run.last
    path = loop.path or None
    # Said where it belongs: before the segment it is reported at, or at the end of the set.
    place = {"before": where.tag} if following is not None else {}
    if isinstance(entry, SegmentRule):
        variant = "default" if following is not None else "at_end"
        run.error("EDI204", where, path, variant, segment=entry.tag, **place)
    else:
        variant = "loop" if following is not None else "loop_at_end"
        run.error("EDI204", where, path, variant, segment=entry.opener, loop=entry.name, **place)


def _following(
    loop: Loop, body: tuple[SegmentRule | LoopRule, ...], number: int, slots: dict[str, list[int]]
) -> Segment | None:
    """The first segment of ``loop`` that belongs after body position ``number``."""
    for item in loop.items:
        key = item.tag if isinstance(item, Segment) else "\0" + item.name
        if any(slot > number for slot in slots.get(key, ())):
            return _first(item)
    return None


def _report_over(
    run: _Run, loop: Loop, entry: SegmentRule | LoopRule, count: int, item: Segment | Loop
) -> None:
    if isinstance(entry, SegmentRule):
        args: dict[str, Argument] = {"segment": entry.tag, "count": count}
        run.error(
            "EDI205", _first(item), loop.path or None, "default", maximum=entry.max_use, **args
        )
    else:
        args = {"loop": entry.name, "count": count, "maximum": entry.max_repeat}
        run.error("EDI206", _first(item), entry.path, "default", **args)


def _first(item: Segment | Loop) -> Segment:
    if isinstance(item, Segment):
        return item
    first = item.first
    assert first is not None  # a loop always holds its opening segment
    return first


def _name(item: Segment | Loop) -> str:
    return item.tag if isinstance(item, Segment) else f"the {item.name} loop"
