"""Parse one transaction set's segments into its loop tree, collecting every structural
problem in one pass (EDI2xx).

Tokens are fed to Lark's interactive LALR parser by hand. When a segment does not fit, the
parser state from before it is restored and two repairs are tried, as measured in
``shared/research/architecture.md`` (Part B, c): first, supplying one mandatory segment that
would let this one fit (reported as missing); otherwise skipping the segment (reported as out
of place, unknown to the set, or unrecognised). A run of errors is capped so that one broken
transaction set cannot flood a report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lark import Token, Tree
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_interactive_parser import InteractiveParser

from edikit.grammar.build import CompiledStructure, LoopRule, SegmentRule
from edikit.grammar.tree import Loop
from edikit.io.segment import Segment
from edikit.location import Location

MAX_STRUCTURE_ERRORS = 50
# A mandatory segment that turns up within this many segments is late, not missing: the
# segment before it is reported as out of place instead (e.g. ISS sent before TDS).
LOOKAHEAD = 12

# (code, message, segment, loop path) -> reported by the caller with its own location.
Report = Callable[[str, str, Segment, str | None], None]


@dataclass(slots=True)
class _Run:
    compiled: CompiledStructure
    segments: list[Segment]
    report: Report
    known_segments: frozenset[str]
    errors: int = 0
    suppressed: int = 0
    inserted: list[str] = field(default_factory=list)


def parse_loops(
    segments: list[Segment],
    compiled: CompiledStructure,
    report: Report,
    known_segments: frozenset[str] = frozenset(),
) -> Loop:
    """The loop tree of ``segments`` (ST..SE as read). ``known_segments`` are the segment IDs
    of the version's dictionary, to tell "not used in this set" from "unrecognised"."""
    run = _Run(compiled, segments, report, known_segments)
    interactive = compiled.parser.parse_interactive("")
    state = interactive.parser_state
    terminals = compiled.terminals
    for index, segment in enumerate(segments):
        tag = segment.tag
        if tag not in terminals:
            _reject(run, segment, "unknown")
            continue
        token = Token(tag, tag, index)
        states, values = state.state_stack[:], state.value_stack[:]
        try:
            interactive.feed_token(token)
        except UnexpectedInput:
            state.state_stack[:], state.value_stack[:] = states, values
            upcoming = {s.tag for s in segments[index + 1 : index + 1 + LOOKAHEAD]}
            repaired = _insert(run, interactive, token, segment, upcoming)
            if repaired is None:
                _reject(run, segment, "sequence")
            else:
                interactive = repaired
                state = interactive.parser_state
    tree = _finish(run, interactive)
    if run.suppressed:
        run.report(
            "EDI203",
            f"{run.suppressed} more structural problems in this transaction set are not listed",
            segments[-1],
            None,
        )
    loop = _to_loop(tree, compiled, segments)
    _check_counts(run, loop, compiled.root)
    return loop


def _insert(
    run: _Run,
    interactive: InteractiveParser,
    token: Token,
    segment: Segment,
    upcoming: set[str],
) -> InteractiveParser | None:
    """Try supplying mandatory segments before ``token``; the repaired parser, or None.

    One segment is tried, except before SE, where whatever the set still lacks is supplied
    (an acknowledgment with neither AK1 nor AK9 lacks both, and nothing is out of place).
    """
    if token.type == "SE":
        return _insert_before_end(run, interactive, token, segment)
    for candidate in _choices(interactive):
        if candidate not in run.compiled.insertable or candidate in upcoming:
            continue
        trial = _copy(interactive)
        try:
            trial.feed_token(Token(candidate, candidate, -1))
            trial.feed_token(token)
        except UnexpectedInput:
            continue
        _error(
            run,
            "EDI204",
            f"{_what(run.compiled, candidate)} is missing before {segment.tag}",
            segment,
        )
        return trial
    return None


def _insert_before_end(
    run: _Run, interactive: InteractiveParser, token: Token, segment: Segment
) -> InteractiveParser | None:
    """The fewest mandatory segments (up to three) that let SE close the set."""
    frontier: list[tuple[InteractiveParser, list[str]]] = [(interactive, [])]
    for _ in range(3):
        grown: list[tuple[InteractiveParser, list[str]]] = []
        for parser, supplied in frontier:
            for candidate in _choices(parser):
                if candidate not in run.compiled.insertable or candidate == "SE":
                    continue
                trial = _copy(parser)
                trial.feed_token(Token(candidate, candidate, -1))
                done = _copy(trial)
                try:
                    done.feed_token(token)
                except UnexpectedInput:
                    grown.append((trial, [*supplied, candidate]))
                    continue
                for tag in [*supplied, candidate]:
                    _error(run, "EDI204", f"{_what(run.compiled, tag)} is missing", segment)
                return done
        frontier = grown
    return None


def _finish(run: _Run, interactive: InteractiveParser) -> Tree[Token]:
    """End of the transaction set: supply what is still mandatory (e.g. SE when missing)."""
    for _ in range(len(run.compiled.insertable) + 1):
        try:
            tree: Tree[Token] = _copy(interactive).feed_eof()  # type: ignore[no-untyped-call]
            return tree
        except UnexpectedInput:
            pass
        insertable = run.compiled.insertable
        candidates = [c for c in _choices(interactive) if c in insertable]
        if not candidates:
            break
        candidate = candidates[0]
        interactive.feed_token(Token(candidate, candidate, -1))
        if candidate != "SE":  # a missing SE is the envelope's EDI130
            last = run.segments[-1]
            _error(run, "EDI204", f"{_what(run.compiled, candidate)} is missing", last)
    return Tree("start", [])


def _what(compiled: CompiledStructure, tag: str) -> str:
    for rule in compiled.loops_by_rule.values():
        if rule.rule != "start" and rule.body and getattr(rule.body[0], "tag", None) == tag:
            return f"the mandatory {rule.name} loop"
    return f"the mandatory segment {tag}"


def _reject(run: _Run, segment: Segment, why: str) -> None:
    tag = segment.tag
    if why == "sequence":
        _error(
            run,
            "EDI203",
            f"{tag} is not allowed here (out of order or repeated too often)",
            segment,
        )
    elif tag in run.known_segments:
        _error(
            run, "EDI202", f"{tag} is not used in a {run.compiled.set_id} transaction set", segment
        )
    else:
        _error(run, "EDI201", f"{tag!r} is not a segment of X12 {run.compiled.version}", segment)


def _error(run: _Run, code: str, message: str, segment: Segment, path: str | None = None) -> None:
    run.errors += 1
    if run.errors > MAX_STRUCTURE_ERRORS:
        run.suppressed += 1
        return
    run.report(code, message, segment, path)


def _to_loop(tree: Tree[Token], compiled: CompiledStructure, segments: list[Segment]) -> Loop:
    rule = compiled.loops_by_rule[str(tree.data)]
    loop = Loop(rule.name, rule.path)
    for child in tree.children:
        if isinstance(child, Tree):
            loop.items.append(_to_loop(child, compiled, segments))
        elif child.start_pos is not None and child.start_pos >= 0:
            loop.items.append(segments[child.start_pos])
    return loop


def _check_counts(run: _Run, loop: Loop, rule: LoopRule) -> None:
    """Maximum use of segments and maximum repeat of loops, per loop instance."""
    limits: dict[str, int | None] = {}
    repeats: dict[str, LoopRule] = {}
    for entry in rule.body:
        if isinstance(entry, SegmentRule):
            # A segment ID at two positions of one loop shares their limits (positions are
            # not kept in the tree).
            previous = limits.get(entry.tag, 0)
            limits[entry.tag] = (
                None if previous is None or entry.max_use is None else previous + entry.max_use
            )
        else:
            repeats[entry.name + "\0" + entry.rule] = entry
    seen = Counter(segment.tag for segment in loop.segments())
    for tag, count in seen.items():
        limit = limits.get(tag)
        if limit is not None and count > limit:
            extra = list(loop.segments(tag))[limit]
            _error(
                run,
                "EDI205",
                f"{tag} is used {count} times here; at most {limit} allowed",
                extra,
                loop.path or None,
            )
    children_by_rule: dict[str, list[Loop]] = {}
    for child in loop.loops():
        children_by_rule.setdefault(child.path, []).append(child)
    by_path = {entry.path: entry for entry in repeats.values()}
    for path, children in children_by_rule.items():
        child_rule = by_path.get(path)
        if child_rule is None:
            continue
        if child_rule.max_repeat is not None and len(children) > child_rule.max_repeat:
            first = children[child_rule.max_repeat].first
            if first is not None:
                _error(
                    run,
                    "EDI206",
                    f"the {child_rule.name} loop repeats {len(children)} times here; at most "
                    f"{child_rule.max_repeat} allowed",
                    first,
                    path,
                )
        for child in children:
            _check_counts(run, child, child_rule)


def _copy(interactive: InteractiveParser) -> InteractiveParser:
    # A shallow copy: the default deep copy of the value stack was measured ~35x slower.
    copied: InteractiveParser = interactive.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
    return copied


def _choices(interactive: InteractiveParser) -> list[str]:
    """The terminals the parser accepts next, sorted (rule names are lower case)."""
    names: dict[str, object] = interactive.choices()  # type: ignore[no-untyped-call]
    return sorted(name for name in names if name.isupper())


def loop_location(location: Location, path: str | None) -> Location:
    return location if path is None else location.model_copy(update={"loop_path": path})
