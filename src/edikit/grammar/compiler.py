"""Structure data (L2) -> a Lark LALR grammar over segment tokens, and the facts the checks
after the parse need (docs/architecture.md).

The grammar says which loop each segment belongs to; the order, requirement and repeat
checks run on the tree afterwards (``parse.py``). Each loop is a rule whose body is its
opening segment followed by any number of its other segments and nested loops, in any order:

    l_po1: PO1 (PID | REF | l_po1_n1 | ...)*

This keeps the LALR table small and the parse cheap (one shift and about two reductions a
segment). A grammar that also encodes the order, with one nullable rule per optional segment,
was measured at 22 us a segment on a 100k-segment 856 (the 856 HL loop has 30 optional
segments, each an empty reduction per loop), against under 2 us for this one driven by
``parse.py``; Lark's own ``?``/``*`` expansion of the ordered form never finished compiling
the 856 (2^n alternatives). Where a segment could close a loop or continue it, LALR shifts:
the X12 rule that a segment belongs to the innermost loop that can take it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

from lark import Lark
from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_analysis import Shift

from edikit.x12.structure import structure_data

SHIFT: Final = 0
REDUCE: Final = 1


@dataclass(frozen=True, slots=True)
class SegmentRule:
    tag: str
    position: str | None
    required: bool
    max_use: int | None  # None: unbounded


@dataclass(frozen=True, slots=True)
class LoopRule:
    name: str  # the loop ID (its first segment's ID)
    path: str  # e.g. "PO1/N1"; "" for the transaction set itself
    rule: str  # the grammar rule name
    required: bool
    max_repeat: int | None
    body: tuple[SegmentRule | LoopRule, ...]

    @property
    def opener(self) -> str:
        first = self.body[0]
        return first.tag if isinstance(first, SegmentRule) else first.opener


@dataclass(slots=True)
class Table:
    """Lark's LALR table in the shape the driver in ``parse.py`` reads fastest.

    ``actions[state][terminal]`` is ``(SHIFT, next state)`` or ``(REDUCE, rule number)``;
    ``rules[number]`` is ``(nonterminal, length, loop rule or None)``, ``None`` for the
    helper rules whose children are spliced into the enclosing loop; ``gotos[state][rule]``
    is the state after reducing to ``rule``.
    """

    actions: list[dict[str, tuple[int, int]]]
    gotos: list[dict[str, int]]
    rules: list[tuple[str, int, LoopRule | None]]
    start: int
    end_states: frozenset[int]


@dataclass(slots=True)
class CompiledStructure:
    """One transaction set's grammar, its parse table and the facts its checks need."""

    set_id: str
    version: str
    name: str
    root: LoopRule
    grammar: str
    loops_by_rule: dict[str, LoopRule] = field(default_factory=dict)
    terminals: frozenset[str] = frozenset()
    _table: Table | None = None

    def members(self, rule: LoopRule) -> dict[str, list[int]]:
        """What may follow a loop's opening segment inside it: segment IDs and nested loops'
        opening segment IDs, each with its positions in the loop body."""
        found = self._members.get(rule.rule)
        if found is None:
            found = {}
            for number, entry in enumerate(rule.body):
                if number == 0 and rule.rule != "start":
                    continue
                tag = entry.tag if isinstance(entry, SegmentRule) else entry.opener
                found.setdefault(tag, []).append(number)
            self._members[rule.rule] = found
        return found

    def slots(self, rule: LoopRule) -> dict[str, list[int]]:
        """Positions in the loop body of each segment ID and (keyed ``"\\0" + loop ID``) each
        nested loop, for the checks on the tree."""
        found = self._slots.get(rule.rule)
        if found is None:
            found = {}
            for number, entry in enumerate(rule.body):
                key = entry.tag if isinstance(entry, SegmentRule) else "\0" + entry.name
                found.setdefault(key, []).append(number)
            self._slots[rule.rule] = found
        return found

    def limits(self, rule: LoopRule) -> list[int | None]:
        """Maximum use or repeat of each body position (None: unbounded)."""
        found = self._limits.get(rule.rule)
        if found is None:
            found = [e.max_use if isinstance(e, SegmentRule) else e.max_repeat for e in rule.body]
            self._limits[rule.rule] = found
        return found

    def required(self, rule: LoopRule) -> list[int]:
        """Body positions that are mandatory, the loop's opening segment excepted."""
        found = self._required.get(rule.rule)
        if found is None:
            found = [n for n, e in enumerate(rule.body) if e.required and n > 0]
            self._required[rule.rule] = found
        return found

    _members: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    _slots: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    _limits: dict[str, list[int | None]] = field(default_factory=dict)
    _required: dict[str, list[int]] = field(default_factory=dict)

    @property
    def table(self) -> Table:
        if self._table is None:
            self._table = _table(self)
        return self._table


class _FedByHand(Lexer):
    """Tokens are fed by ``parse.py``; nothing is lexed."""

    def __init__(self, conf: Any) -> None:
        pass

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Any:
        return iter(())


@cache
def compiled_structure(set_id: str, version: str) -> CompiledStructure | None:
    """The compiled segment table of ``set_id`` in ``version`` (built once), or None if
    edikit has none."""
    data = structure_data(set_id, version)
    return compile_structure(data) if data is not None else None


def compile_structure(data: dict[str, Any]) -> CompiledStructure:
    """Compile one structure file (``x12/_data/<version>/structure/<set>.json``)."""
    names: dict[str, int] = {}
    root = LoopRule("ST", "", "start", True, 1, tuple(_entries(data["body"], "", names)))
    compiled = CompiledStructure(data["id"], data["version"], data.get("name", ""), root, "")
    rules: list[str] = []
    terminals: set[str] = set()
    _emit(root, rules, terminals, compiled.loops_by_rule)
    rules.append("%declare " + " ".join(sorted(terminals)))
    compiled.grammar = "\n".join(rules) + "\n"
    compiled.terminals = frozenset(terminals)
    return compiled


def _entries(
    body: list[dict[str, Any]], parent: str, names: dict[str, int]
) -> list[SegmentRule | LoopRule]:
    entries: list[SegmentRule | LoopRule] = []
    for entry in body:
        required = entry.get("req", "O") == "M"
        if "segment" in entry:
            entries.append(
                SegmentRule(entry["segment"], entry.get("pos"), required, entry.get("max"))
            )
            continue
        path = f"{parent}/{entry['loop']}" if parent else entry["loop"]
        rule = "l_" + re.sub(r"[^a-z0-9]+", "_", path.lower())
        names[rule] = names.get(rule, 0) + 1
        if names[rule] > 1:
            rule += f"_{names[rule]}"
        children = tuple(_entries(entry["body"], path, names))
        entries.append(LoopRule(entry["loop"], path, rule, required, entry.get("max"), children))
    return entries


def _emit(
    loop: LoopRule, rules: list[str], terminals: set[str], by_rule: dict[str, LoopRule]
) -> None:
    """Write ``loop``'s rule and its item rule; a later loop with the same opener at the same
    level shares the first one's rule (LALR could not tell them apart)."""
    by_rule[loop.rule] = loop
    body = loop.body if loop.rule == "start" else loop.body[1:]
    if loop.rule != "start":
        terminals.add(loop.opener)
    openers = {e.opener: e for e in body if isinstance(e, LoopRule)}
    choices: list[str] = []
    for entry in body:
        if isinstance(entry, LoopRule):
            if openers[entry.opener] is entry:
                _emit(entry, rules, terminals, by_rule)
                choices.append(entry.rule)
            else:
                by_rule[entry.rule] = entry
        elif entry.tag not in openers and entry.tag not in choices:
            terminals.add(entry.tag)
            choices.append(entry.tag)
    opener = "" if loop.rule == "start" else loop.opener
    if not choices:
        rules.insert(0, f"{loop.rule}: {opener}")
        return
    # An inline group, not an item rule: Lark turns (a | b)* into one left-recursive rule,
    # which saves a reduction per segment.
    rules.insert(0, f"{loop.rule}: {opener} ({' | '.join(choices)})*".strip())


def _table(compiled: CompiledStructure) -> Table:
    lark = Lark(compiled.grammar, parser="lalr", lexer=_FedByHand, keep_all_tokens=True)
    parse_table = lark.parser.parser.parser.parse_table  # Lark's LALR table (stable in 1.x)
    rule_numbers: dict[object, int] = {}
    rules: list[tuple[str, int, LoopRule | None]] = []
    actions: list[dict[str, tuple[int, int]]] = []
    gotos: list[dict[str, int]] = []
    for state in range(len(parse_table.states)):
        terminal_actions: dict[str, tuple[int, int]] = {}
        state_gotos: dict[str, int] = {}
        for symbol, (action, argument) in parse_table.states[state].items():
            if action is Shift and not symbol.isupper():
                state_gotos[symbol] = argument
            elif action is Shift:
                terminal_actions[symbol] = (SHIFT, argument)
            else:
                if argument not in rule_numbers:
                    rule_numbers[argument] = len(rules)
                    origin = argument.origin.name
                    loop = compiled.loops_by_rule.get(origin)
                    rules.append((origin, len(argument.expansion), loop))
                terminal_actions[symbol] = (REDUCE, rule_numbers[argument])
        actions.append(terminal_actions)
        gotos.append(state_gotos)
    start = parse_table.start_states["start"]
    return Table(actions, gotos, rules, start, frozenset(parse_table.end_states.values()))
