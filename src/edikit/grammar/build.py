"""Structure data (L2) -> a Lark LALR grammar over segment tokens, plus what the parser needs
to check what a grammar cannot say (maximum use, loop repeats) and to repair errors.

Each loop becomes a rule; each segment a terminal named by its segment ID, with ``?``, ``*``
or ``+`` from its requirement and maximum use. Bounded repeats (max use 10, a loop of 200)
are counted after the parse, not in the grammar: an LALR table for "at most 10" would be huge
and a count gives a better message. Where a segment could close a loop or continue it, LALR
shifts, which is the X12 rule: a segment belongs to the innermost loop that can take it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lark import Lark
from lark.lexer import Lexer, LexerState, Token


@dataclass(frozen=True, slots=True)
class SegmentRule:
    tag: str
    position: str | None
    required: bool
    max_use: int | None  # None: unbounded


@dataclass(frozen=True, slots=True)
class LoopRule:
    name: str  # the loop ID (its first segment's ID)
    path: str  # e.g. "PO1/N1"
    rule: str  # the grammar rule name
    required: bool
    max_repeat: int | None
    body: tuple[SegmentRule | LoopRule, ...]


@dataclass(slots=True)
class CompiledStructure:
    """One transaction set's grammar and the facts its checks need."""

    set_id: str
    version: str
    name: str
    root: LoopRule
    grammar: str
    loops_by_rule: dict[str, LoopRule] = field(default_factory=dict)
    terminals: frozenset[str] = frozenset()
    insertable: frozenset[str] = frozenset()  # mandatory segments the recovery may supply
    _parser: Lark | None = None

    @property
    def parser(self) -> Lark:
        if self._parser is None:
            self._parser = Lark(self.grammar, parser="lalr", lexer=_FedByHand, keep_all_tokens=True)
        return self._parser


class _FedByHand(Lexer):
    """Tokens are fed to the interactive parser one by one; nothing is lexed."""

    def __init__(self, conf: Any) -> None:
        pass

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Any:
        return iter(())


def compile_structure(data: dict[str, Any]) -> CompiledStructure:
    """Compile one structure file (``x12/_data/<version>/structure/<set>.json``)."""
    names: dict[str, int] = {}
    root = LoopRule("ST", "", "start", True, 1, tuple(_entries(data["body"], "", names)))
    compiled = CompiledStructure(data["id"], data["version"], data.get("name", ""), root, "")
    rules: list[str] = []
    terminals: set[str] = set()
    insertable: set[str] = set()
    _emit(root, rules, terminals, insertable, compiled.loops_by_rule)
    rules.append("%declare " + " ".join(sorted(terminals)))
    compiled.grammar = "\n".join(rules) + "\n"
    compiled.terminals = frozenset(terminals)
    compiled.insertable = frozenset(insertable)
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
    loop: LoopRule,
    rules: list[str],
    terminals: set[str],
    insertable: set[str],
    by_rule: dict[str, LoopRule],
) -> None:
    by_rule[loop.rule] = loop
    parts: list[str] = []
    for index, entry in enumerate(loop.body):
        if isinstance(entry, SegmentRule):
            terminals.add(entry.tag)
            if entry.required:
                insertable.add(entry.tag)
            # A loop's first segment opens each instance exactly once.
            if index == 0 and loop.rule != "start":
                parts.append(entry.tag)
            else:
                parts.append(_repeat(entry.tag, entry.required, entry.max_use, rules))
        else:
            _emit(entry, rules, terminals, insertable, by_rule)
            parts.append(_repeat(entry.rule, entry.required, entry.max_repeat, rules))
    rules.insert(0, f"{loop.rule}: {' '.join(parts)}")


def _repeat(symbol: str, required: bool, maximum: int | None, rules: list[str]) -> str:
    """``symbol`` with its repetition. Optional items get nullable helper rules (inlined by
    Lark, as their names start with ``_``): Lark expands ``?`` and ``*`` into alternatives,
    which grows as 2^n for a loop of n optional segments (the 856 HL loop has 30)."""
    many = maximum is None or maximum > 1
    if required:
        return f"{symbol}+" if many else symbol
    helper = f"_{'s' if many else 'q'}{len(rules)}_{symbol.lower()}"
    body = f"{helper} {symbol}" if many else symbol
    rules.append(f"{helper}: {body} |")
    return helper


def make_token(tag: str, index: int) -> Token:
    """A grammar token for the segment at ``index`` in its transaction set."""
    return Token(tag, tag, index)
