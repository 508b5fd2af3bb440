"""Parse one transaction set's segments into its loop tree and check it (EDI2xx), in one pass
that collects every problem.

The grammar comes from the structure data (``compiler.py``); this module places the segments
as its LALR table would, walking the open loops directly (Lark's own runtime builds a ``Tree``
for every reduction, and even driving its table by hand cost three times as much as the walk:
``docs/architecture.md``), so the result is the tree the models read.

A segment the table has no action for, in any loop still open, is skipped and reported; the
checks on the tree then report order, requirement, maximum use and loop repeats.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Protocol

from edikit.grammar.compiler import CompiledStructure, LoopRule, SegmentRule
from edikit.grammar.loops import Loop
from edikit.io.segment import Segment
from edikit.vocabulary import Argument

MAX_STRUCTURE_ERRORS = 50
# Shapes of loop found clean that a compiled structure remembers (see _check), and the most
# items a loop remembered may hold.
CLEAN_LOOPS = 20_000
CLEAN_LOOP_ITEMS = 64


class Report(Protocol):
    """How the parser hands a problem to its caller, who locates it: the code, the segment
    and loop path it is at, the message variant and its template arguments."""

    def __call__(
        self, code: str, segment: Segment, path: str | None, variant: str, /, **args: Argument
    ) -> None: ...


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
    """Place each segment in the innermost open loop whose rule takes it, closing the loops
    inside that one; a segment no open loop takes is skipped and reported.

    This is what the LALR table of the grammar (``compiler.py``) does with these rules, one
    segment at a time and without its stacks: each loop rule is used in one place, so the
    table's lookaheads are exact (it reduces a loop only for a segment an enclosing loop
    takes, and shifts where a segment could continue the loop or close it).
    ``tests/grammar/test_walker.py`` holds the two to the same trees and findings.

    What to do with a segment depends only on its ID and on which loops are open and how far
    each has got (a :class:`_State`), so each step is worked out once (``_step``) and then
    looked up: documents repeat the same few steps thousands of times."""
    compiled = run.compiled
    state = _start(compiled)
    root = Loop("ST", "", [])
    items = root.items
    open_items = [items]
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        tag = segment.tag
        step = state.steps.get(tag)
        if step is None:
            step = _step(compiled, state, tag, segments, index, last)
        state, keep, nested, outcome = step
        if outcome is not _PLACED:
            if outcome is _UNKNOWN:
                _unknown(run, segment)
            else:
                previous = segments[index - 1].tag if index else "ST"
                more = {"other": previous} if outcome == "earlier" else {}
                run.error("EDI203", segment, None, outcome, segment=tag, **more)
            continue
        if keep:
            del open_items[keep:]
            items = open_items[-1]
        if nested is None:
            items.append(segment)
        else:
            loop = Loop(nested.name, nested.path, [segment])
            items.append(loop)
            items = loop.items
            open_items.append(items)
    return root


# What a step does with a segment: places it, or reports it (EDI203's variants) or not.
_PLACED: Final = "placed"
_UNKNOWN: Final = "unknown"
# Walk states remembered per compiled structure: a structure's loops nest only so deep, so
# real documents use a few dozen; the cap bounds what a hostile one could make.
MAX_STATES: Final = 10_000
# (next state, open loops to keep (0: all), the loop the segment opens, outcome)
Step = tuple["_State", int, LoopRule | None, str]


@dataclass(slots=True, eq=False)
class _State:
    """Which loops are open, and how far each has got: as the guard follows them (rule and
    body position) and as the grammar has them (the rules whose choices apply)."""

    guard: tuple[tuple[LoopRule, int], ...]
    walk: tuple[LoopRule, ...]
    steps: dict[str, Step] = field(default_factory=dict)


def _start(compiled: CompiledStructure) -> _State:
    root = compiled.root
    return _state(compiled, ((root, 0),), (root,))


def _state(
    compiled: CompiledStructure, guard: tuple[tuple[LoopRule, int], ...], walk: tuple[LoopRule, ...]
) -> _State:
    key = (tuple((rule.rule, at) for rule, at in guard), tuple(rule.rule for rule in walk))
    states = compiled.walk_states
    found = states.get(key)
    if found is None:
        found = _State(guard, walk)
        if len(states) < MAX_STATES:
            states[key] = found
    return found


def _step(
    compiled: CompiledStructure,
    state: _State,
    tag: str,
    segments: list[Segment],
    index: int,
    last: int,
) -> Step:
    """What to do with ``tag`` in ``state`` (``segments[index]``), remembered in ``state``
    unless it depended on the segment after it."""
    if tag not in compiled.terminals:
        step: Step = (state, 0, None, _UNKNOWN)
        state.steps[tag] = step
        return step
    guard = _Guard.resume(compiled, state.guard)
    admitted = guard.admit(tag, segments, index, last)
    following = guard.looked_ahead
    opened = tuple((rule, progress[0]) for rule, _, progress in guard.open_loops)
    walk, keep, nested, outcome = state.walk, 0, None, _PLACED
    if not admitted:
        outcome = "earlier"
    elif tag not in compiled.choices(walk[-1]):
        depth = len(walk) - 2
        while depth >= 0 and tag not in compiled.choices(walk[depth]):
            depth -= 1
        if depth < 0:
            outcome = "nowhere"
        else:
            keep = depth + 1
            walk = walk[:keep]
    if outcome is _PLACED:
        nested = compiled.choices(walk[-1])[tag]
        if nested is not None:
            walk = (*walk, nested)
    step = (_state(compiled, opened, walk), keep, nested, outcome)
    if not following:
        state.steps[tag] = step
    return step


class _Guard:
    """Follows which loops are open and how far each has got, as the parser will place the
    segments, so that a segment whose place is back in an enclosing loop is skipped and
    reported instead of closing the loops it interrupts (one report, not a cascade)."""

    __slots__ = ("_compiled", "looked_ahead", "open_loops")

    def __init__(self, compiled: CompiledStructure) -> None:
        self._compiled = compiled
        root = compiled.root
        self.open_loops: list[tuple[LoopRule, dict[str, list[int]], list[int]]] = [
            (root, compiled.members(root), [0])
        ]
        self.looked_ahead = False  # whether the last decision read the segment after

    @classmethod
    def resume(
        cls, compiled: CompiledStructure, opened: tuple[tuple[LoopRule, int], ...]
    ) -> _Guard:
        """A guard with the loops ``opened`` open, each at its body position."""
        guard = cls(compiled)
        guard.open_loops = [(rule, compiled.members(rule), [at]) for rule, at in opened]
        return guard

    def admit(self, tag: str, segments: list[Segment], index: int, last: int) -> bool:
        """Whether the parser should place ``tag`` (``segments[index]``): False for a segment
        out of order that would close a loop the next segment still belongs to."""
        self.looked_ahead = False
        open_loops = self.open_loops
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
        open_loops = self.open_loops
        depth = len(open_loops) - 1
        while depth >= 0 and tag not in open_loops[depth][1]:
            depth -= 1
        if depth < 0:
            return True  # no loop holds it: the parser reports it
        rule, members, progress = open_loops[depth]
        later = [slot for slot in members[tag] if slot >= progress[0]]
        if not later:
            interrupted = open_loops[depth + 1 :]
            self.looked_ahead = bool(interrupted)
            if any(following in members_ for _, members_, _ in interrupted):
                return False
            later = [members[tag][0]]  # placed; the checks report it out of order
        del open_loops[depth + 1 :]
        progress[0] = max(progress[0], later[0])
        entry = rule.body[later[0]]
        if isinstance(entry, LoopRule):
            open_loops.append((entry, self._compiled.members(entry), [0]))
        return True


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
    """Order, requirement and maximum use of everything directly in ``loop``; then below.

    Whether a loop passes depends only on its rule and the IDs of what it holds, in order:
    a loop found clean is remembered by those (documents repeat the same few shapes of
    line item, carton and address), so the next one like it only has its nested loops
    checked."""
    keys = tuple([item.tag if type(item) is Segment else _key(item.name) for item in loop.items])  # type: ignore[union-attr]
    clean = run.compiled.clean_loops
    nested = clean.get((rule.rule, keys))
    if nested is None:
        errors = run.errors
        nested = _check_items(run, loop, rule, keys)
        # A loop of many items (the whole transaction set) is not remembered: it will not be
        # seen again, and would be kept with all its items' keys.
        if run.errors == errors and len(keys) <= CLEAN_LOOP_ITEMS and len(clean) < CLEAN_LOOPS:
            clean[rule.rule, keys] = nested
    items = loop.items
    for number, entry in nested:
        _check(run, items[number], entry)  # type: ignore[arg-type]


@lru_cache(maxsize=1024)
def _key(name: str) -> str:
    """How the checks name a nested loop among the segment IDs of its parent (one string per
    loop ID)."""
    return "\0" + name


def _check_items(
    run: _Run, loop: Loop, rule: LoopRule, keys: tuple[str, ...]
) -> tuple[tuple[int, LoopRule], ...]:
    """The checks of the items directly in ``loop`` (``keys`` names them); the nested loops
    to check next, by their place in ``loop.items``, with their rules."""
    compiled = run.compiled
    slots = compiled.slots(rule)
    limits = compiled.limits(rule)
    counts = [0] * len(limits)
    over: dict[int, Segment | Loop] = {}
    current = 0
    in_order = True
    placed: list[tuple[Segment | Loop, int]] = []
    nested: list[tuple[int, LoopRule]] = []
    items = loop.items
    for number, key in enumerate(keys):
        candidates = slots.get(key)
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
        item = items[number]
        if limit is not None and count == limit + 1:
            over[slot] = item
        placed.append((item, slot))
        entry = rule.body[slot]
        if type(entry) is LoopRule and type(item) is Loop:
            nested.append((number, entry))
    if not in_order:
        _report_order(run, loop, placed)
    for number in compiled.required(rule):
        if not counts[number]:
            _report_missing(run, loop, rule.body, number, slots)
    for slot, item in over.items():
        _report_over(run, loop, rule.body[slot], counts[slot], item)
    return tuple(nested)


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
