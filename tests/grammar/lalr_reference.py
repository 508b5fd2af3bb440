"""The loop parser as it was first built: Lark's LALR table, driven segment by segment. The
grammar stage now walks the loops directly (``edikit.grammar.parse``); this driver is the
reference it is tested against (``test_walker.py``): the same tree and the same findings for
any sequence of segments."""

from __future__ import annotations

from edikit.grammar.compiler import SHIFT, CompiledStructure, LoopRule
from edikit.grammar.loops import Loop
from edikit.grammar.parse import Report, _check, _Guard, _Run, _unknown
from edikit.io.segment import Segment

END = "$END"
Value = Segment | Loop | list[Segment | Loop]


def parse_loops_lalr(
    segments: list[Segment],
    compiled: CompiledStructure,
    report: Report,
    known_segments: frozenset[str] = frozenset(),
) -> Loop:
    """``edikit.grammar.parse.parse_loops``, driven by the LALR table."""
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
            _reduce(rules[action[1]], stack, values, gotos)
    while stack[-1] not in table.end_states:
        action = actions[stack[-1]].get(END)
        assert action is not None  # every loop body may end anywhere
        _reduce(rules[action[1]], stack, values, gotos)
    accepted = values[-1]
    assert isinstance(accepted, Loop)
    return accepted


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


def _splice(children: list[Value]) -> Value:
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
