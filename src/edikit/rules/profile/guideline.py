"""Applying the rule set's profile to a transaction set the grammar stage parsed, and to each
interchange header (EDI4xx).

Every finding is handed on with the key of the profile rule that made it
(:func:`~edikit.rules.compose.profile_rule_key`), so it carries that rule's id, severity,
citation and chargeback note.
"""

from __future__ import annotations

from typing import Final, Protocol

from edikit.grammar.hierarchy import Node, shape
from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.segment import Segment
from edikit.profiles.compiled import CompiledElement, CompiledText, value_text
from edikit.profiles.model import (
    ELEMENT_PART,
    Condition,
    Envelope,
    Hierarchy,
    Party,
    Profile,
    SegmentRule,
    UniqueRule,
)
from edikit.rules.compose import profile_rule_key
from edikit.rules.profile.paths import (
    LoopIndex,
    element_number,
    element_segments,
    members,
    qualifier,
    scoped_elements,
    scopes,
    selectors,
)
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Argument
from edikit.x12.codes import code_list
from edikit.x12.dictionary import segment_specs

# How many of a guideline's codes a message lists.
LISTED: int = 10


class Emit(Protocol):
    """How a profile check hands on a problem: code, segment, element, the profile rule's key,
    the message variant and its template arguments."""

    def __call__(
        self,
        code: str,
        segment: Segment,
        element: int | None,
        rule: str | None,
        variant: str,
        /,
        **args: Argument,
    ) -> None: ...


# Who sends which transaction set, by its functional identifier (GS01): the retailer sends
# purchase orders, the brand sends acknowledgments, ship notices and invoices.
FUNCTIONAL_SETS: Final = {"PO": "850", "PR": "855", "SH": "856", "IN": "810"}
RETAILER_SENDS: Final = frozenset({"850"})
SCOPES: Final = ("transaction", "group", "interchange", "file")


def check_profile(
    parsed: ParsedTransaction, rules: RuleSet, emit: Emit, seen: Seen | None = None
) -> None:
    """The profile's rules for this transaction set: its segments, elements, text,
    uniqueness and hierarchy rules (its versions are checked at GS08: :class:`EnvelopeCheck`).
    ``seen`` holds the values of uniqueness rules across the sets of one file."""
    profile = rules.profile
    if profile is None or parsed.loop is None:
        return
    set_id = parsed.set_id
    narrowing = profile.transactions.get(set_id)  # type: ignore[call-overload]
    compiled = rules.compiled
    for number, text in enumerate(compiled.text if compiled is not None else ()):
        check_text(parsed, text, profile_rule_key("text", number), emit)
    if narrowing is None:
        return
    loop = parsed.loop
    index = LoopIndex(loop)
    for number, rule in enumerate(narrowing.segments):
        _check_segment(rule, index, profile_rule_key(set_id, "segments", number), emit)
    elements = compiled.elements.get(set_id, ()) if compiled is not None else ()
    for number, element in enumerate(elements):
        _check_element(element, index, profile_rule_key(set_id, "elements", number), emit)
    texts = compiled.set_text.get(set_id, ()) if compiled is not None else ()
    for number, text in enumerate(texts):
        check_text(parsed, text, profile_rule_key(set_id, "text", number), emit)
    memory = seen if seen is not None else Seen()
    for number, unique in enumerate(narrowing.unique):
        key = profile_rule_key(set_id, "unique", number)
        _check_unique(parsed, unique, memory.scope(key, unique.within, parsed), key, emit)
    if narrowing.hierarchy is not None and parsed.hierarchy is not None:
        check_hierarchy(parsed, narrowing.hierarchy, profile_rule_key(set_id, "hierarchy"), emit)


def _check_segment(rule: SegmentRule, index: LoopIndex, key: str, emit: Emit) -> None:
    *outer, last = selectors(rule.path)
    root = index.root
    condition = rule.when
    if condition is None and rule.usage == "situational":
        return  # nothing says when it is required
    everywhere = condition is None or holds(condition, root, index=index)
    for scope in scopes(root, outer, index):
        if condition is not None and condition.scope == "loop":
            if not holds(condition, root, scope):
                continue
        elif not everywhere:
            return
        found = [s for s in members(scope) if last.matches(s)]
        anchor = scope.first if scope.first is not None else root.first
        if rule.usage in ("required", "situational") and not found and anchor is not None:
            if outer:
                where: dict[str, Argument] = {
                    "loop": scope.name,
                    "qualifier": qualifier(anchor),
                    "line": anchor.line,
                }
                named = {"path": rule.path, "name": segment_name(last.tag)}
                emit("EDI401", anchor, None, key, "in_loop", **named, **where)
            else:
                named = {"path": rule.path, "name": segment_name(last.tag)}
                emit("EDI401", anchor, None, key, "default", **named)
        if rule.usage == "not-used":
            for segment in found:
                emit("EDI402", segment, None, key, "default", path=rule.path)
        if rule.max_use is not None and len(found) > rule.max_use:
            args: dict[str, Argument] = {"count": len(found), "maximum": rule.max_use}
            emit("EDI403", found[rule.max_use], None, key, "default", path=rule.path, **args)


def _check_element(compiled: CompiledElement, index: LoopIndex, key: str, emit: Emit) -> None:
    path = compiled.rule.path
    root = index.root
    condition = compiled.rule.when
    transaction = condition is not None and condition.scope == "transaction"
    if transaction and not holds(condition, root, index=index):  # type: ignore[arg-type]
        return
    for scope, segment, number in scoped_elements(root, path, index):
        local = condition is not None and condition.scope != "transaction"
        if local and not holds(condition, root, scope, segment):  # type: ignore[arg-type]
            continue
        problem = value_problem(compiled, segment[number])
        if problem is not None:
            code, variant, args = problem
            emit(code, segment, number, key, variant, path=path, **args)


def value_problem(
    compiled: CompiledElement, value: str
) -> tuple[str, str, dict[str, Argument]] | None:
    """What is wrong with one element value under ``compiled``: the code, message variant and
    template arguments. The value is compared as text
    (:func:`~edikit.profiles.compiled.value_text`), its length counted in bytes as the
    standard's lengths are."""
    rule = compiled.rule
    if not value:
        return ("EDI404", "default", {}) if rule.usage == "required" else None
    text = value_text(value)
    if rule.usage == "not-used":
        return "EDI405", "default", {"value": text}
    if compiled.codes is not None and text not in compiled.codes:
        codes = _listed(with_meanings(rule.codes or [], rule.path))
        return "EDI406", "default", {"value": text, "codes": codes}
    if rule.max_length is not None and len(value) > rule.max_length:
        return "EDI407", "long", {"value": text, "length": len(value), "maximum": rule.max_length}
    if rule.min_length is not None and len(value) < rule.min_length:
        return "EDI407", "short", {"value": text, "length": len(value), "minimum": rule.min_length}
    if rule.case == "upper" and text != text.upper():
        return "EDI408", "upper", {"value": text}
    if compiled.characters is not None:
        outside = compiled.characters.outside(text)
        if outside is not None:
            allowed = compiled.characters.source
            return "EDI408", "characters", {"value": text, "character": outside, "allowed": allowed}
    if compiled.pattern is not None and not compiled.pattern.matches(text):
        return "EDI408", "pattern", {"value": text, "pattern": compiled.pattern.source}
    if compiled.table is not None and text not in compiled.table:
        return "EDI411", "default", {"value": text, "table": rule.table}
    return None


def holds(
    condition: Condition,
    root: Loop,
    scope: Loop | None = None,
    segment: Segment | None = None,
    *,
    index: LoopIndex | None = None,
) -> bool:
    """Whether ``condition`` holds: in the whole transaction set (``root``), in the loop a
    rule is checking (``scope``) or in the segment an element rule is checking
    (``segment``), by its ``match`` (the first value, any value, every value)."""
    if condition.scope == "segment" and segment is not None:
        selector, number = element_number(condition.element)
        values = [segment[number]] if selector.matches(segment) else []
    else:
        base = scope if condition.scope == "loop" and scope is not None else root
        values = [s[n] for s, n in element_segments(base, condition.element, index)]
    texts = [value_text(value) for value in values]
    if condition.match == "any":
        return any(condition.accepts(text) for text in texts)
    if condition.match == "all":
        return all(condition.accepts(text) for text in texts)
    return condition.accepts(texts[0] if texts else "")


# -- character rules over a scope --------------------------------------------------------------
def check_text(parsed: ParsedTransaction, text: CompiledText, key: str, emit: Emit) -> None:
    """A text rule on every element of the set, but those its ``except`` names: a finding
    (EDI408) at each element that breaks it. A segment whose whole text passes is not split."""
    delimiters = parsed.transaction.delimiters
    separators = frozenset(
        c for c in (delimiters.element, delimiters.component, delimiters.repetition) if c
    )
    excepted: set[tuple[int, int]] | None = None  # found when a segment breaks the rule
    for segment in parsed.all_segments():
        if text.passes(segment.raw, separators):
            continue
        if excepted is None:
            excepted = _excepted(parsed, text.rule.except_)
        for number, value in enumerate(segment.elements[1:], start=1):
            if not value or (id(segment), number) in excepted:
                continue
            problem = text.problem(value_text(value), separators)
            if problem is not None:
                variant, args = problem
                name = f"{segment.tag}{number:02d}"
                emit("EDI408", segment, number, key, variant, path=name, **args)


def _excepted(parsed: ParsedTransaction, paths: list[str]) -> set[tuple[int, int]]:
    """What a text rule's ``except`` leaves out: (segment ID, element) anywhere for a path
    without loops (``PID05``), the segments a path with loops names (``N1[ST]/N102``).
    A segment path (``MSG``) leaves out each of its elements."""
    found: set[tuple[int, int]] = set()
    root = parsed.loop
    for path in paths:
        if ELEMENT_PART.fullmatch(path.split("/")[-1]) is None:  # a segment: all its elements
            *outer, last = selectors(path)
            segments = (
                [s for scope in scopes(root, outer) for s in members(scope) if last.matches(s)]
                if root is not None
                else []
            )
            for segment in segments:
                found.update((id(segment), n) for n in range(1, len(segment) + 1))
            continue
        if root is None:
            continue
        for segment, number in element_segments(root, path) if "/" in path else ():
            found.add((id(segment), number))
        if "/" not in path:
            selector, number = element_number(path)
            for segment in parsed.all_segments():
                if selector.matches(segment):
                    found.add((id(segment), number))
    return found


# -- uniqueness ----------------------------------------------------------------------------------
class Seen:
    """The values uniqueness rules have seen in one file, by rule and scope (a group, an
    interchange, the file): where each value was first sent."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, object], dict[str, int]] = {}

    def scope(self, key: str, within: str, parsed: ParsedTransaction) -> dict[str, int]:
        context = parsed.context
        where: object = {
            "transaction": (context.interchange, context.group, context.transaction),
            "group": (context.interchange, context.group),
            "interchange": context.interchange,
            "file": None,
        }[within]
        return self._values.setdefault((key, where), {})


def _check_unique(
    parsed: ParsedTransaction, rule: UniqueRule, seen: dict[str, int], key: str, emit: Emit
) -> None:
    root = parsed.loop
    if root is None:
        return
    for segment, number in element_segments(root, rule.element):
        value = segment[number]
        if not value:
            continue
        first = seen.get(value)
        if first is None:
            seen[value] = segment.line
            continue
        args: dict[str, Argument] = {"value": value_text(value), "line": first}
        emit("EDI412", segment, number, key, rule.within, path=rule.element, **args)


# -- the 856 hierarchy as a table ----------------------------------------------------------------
def check_hierarchy(parsed: ParsedTransaction, table: Hierarchy, key: str, emit: Emit) -> None:
    """Each HL against the table: its parent level (EDI511), the levels it must have under it
    (EDI413); and the tree's shape against what BSN05 accepts (EDI506 at BSN05)."""
    roots = list(parsed.hierarchy or ())
    if any(v.code in ("EDI209", "EDI210") for v in parsed.violations):
        return  # the tree is broken already
    for root in roots:
        _check_levels(root, None, table, key, emit)
    if table.structures:
        bsn = next((s for s in parsed.segments if s.tag == "BSN"), None)
        accepted = table.structures.get(bsn[5]) if bsn is not None else None
        if bsn is not None and accepted is not None:
            found = shape(roots)
            if found not in accepted:
                args: dict[str, Argument] = {"shape": found, "accepted": " or ".join(accepted)}
                emit("EDI506", bsn, 5, key, "structure", structure=bsn[5], **args)


def _check_levels(top: Node, parent: Node | None, table: Hierarchy, key: str, emit: Emit) -> None:
    stack: list[tuple[Node, Node | None]] = [(top, parent)]
    while stack:
        node, above = stack.pop()
        level = node.level
        allowed = table.parents.get(level)
        if allowed is not None:
            under = above.level if above is not None else None
            if (under is None and allowed) or (under is not None and under not in allowed):
                shown = " or ".join(allowed) if allowed else "nothing (the top of the tree)"
                args: dict[str, Argument] = {"level": level, "number": node.hl[1]}
                if under is None:
                    emit("EDI511", node.hl, 3, key, "top", allowed=shown, **args)
                else:
                    where: dict[str, Argument] = {"parent": under, "parent_number": above.hl[1]}  # type: ignore[union-attr]
                    emit("EDI511", node.hl, 2, key, "default", allowed=shown, **where, **args)
        for wanted in table.children.get(level, ()):
            if not any(child.level == wanted for child in node.children):
                args = {"level": level, "number": node.hl[1], "child": wanted}
                emit("EDI413", node.hl, 3, key, "default", **args)
        stack.extend((child, node) for child in reversed(node.children))


def _nowhere(
    code: str,
    segment: Segment,
    element: int | None,
    rule: str | None,
    variant: str,
    /,
    **args: Argument,
) -> None:
    """Before the first envelope segment there is nothing to report."""


class EnvelopeCheck:
    """The profile's envelope rules on one file, segment by segment as the reader meets
    them: ISA (control version, usage, and the parties either way round) and GS (with
    ``direction: by-document``, each party's IDs in its own element of the ISA and GS; the
    group's version GS08 against what the profile accepts for its transaction sets)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.emit: Emit = _nowhere
        self._isa: Segment | None = None
        self._isa_checked = False

    def segment(self, segment: Segment, emit: Emit) -> None:
        """Check one envelope segment; findings go to ``emit`` (which knows its context)."""
        self.emit = emit
        if segment.tag == "ISA":
            self._isa, self._isa_checked = segment, False
            check_envelope(segment, self.profile, self.emit)
        elif segment.tag == "GS":
            self._group(segment)

    def _group(self, gs: Segment) -> None:
        set_id = FUNCTIONAL_SETS.get(gs[1])
        if set_id is None:
            return
        narrowing = self.profile.transactions.get(set_id)  # type: ignore[call-overload]
        accepted = narrowing.version_rule if narrowing is not None else None
        version = value_text(gs[8])
        if accepted is not None and not any(version.startswith(v) for v in accepted.accept):
            key = profile_rule_key(set_id, "versions")
            args: dict[str, Argument] = {"version": version, "versions": _listed(accepted.accept)}
            self.emit("EDI409", gs, 8, key, "version", set_id=set_id, **args)
        envelope = self.profile.envelope
        if envelope is None or envelope.direction != "by-document":
            return
        retailer_sends = set_id in RETAILER_SENDS
        sender, receiver = (
            (envelope.retailer, envelope.brand)
            if retailer_sends
            else (envelope.brand, envelope.retailer)
        )
        if self._isa is not None and not self._isa_checked:
            self._isa_checked = True
            self._parties(self._isa, sender, receiver, set_id, isa=True)
        self._parties(gs, sender, receiver, set_id, isa=False)

    def _parties(
        self,
        segment: Segment,
        sender: Party | None,
        receiver: Party | None,
        set_id: str,
        *,
        isa: bool,
    ) -> None:
        key = profile_rule_key("envelope")
        for role, party, positions in (
            ("sender", sender, (5, 6) if isa else (None, 2)),
            ("receiver", receiver, (7, 8) if isa else (None, 3)),
        ):
            if party is None:
                continue
            who = "retailer" if party is self.profile.envelope.retailer else "brand"  # type: ignore[union-attr]
            qualifier_at, id_at = positions
            wanted = [
                (qualifier_at, party.qualifier, "ID qualifier"),
                (id_at, party.id if isa else party.application, "ID" if isa else "application ID"),
            ]
            for number, expected, what in wanted:
                if number is None or expected is None:
                    continue
                value = value_text(segment[number].strip())
                if value != expected:
                    args: dict[str, Argument] = {
                        "element": f"{segment.tag}{number:02d}",
                        "what": f"{role} {what}",
                        "value": value,
                        "expected": f"the {who}'s {expected!r}",
                        "set_id": set_id,
                    }
                    self.emit("EDI409", segment, number, key, "direction", **args)


def check_envelope(isa: Segment, profile: Profile, emit: Emit) -> None:
    """The profile's envelope expectations on one ISA: the retailer's and the brand's IDs
    (as sender or receiver, unless ``direction: by-document``) and qualifiers, the control
    version, the usage indicator."""
    envelope = profile.envelope
    if envelope is None:
        return
    key = profile_rule_key("envelope")
    expected: list[tuple[int, list[str] | None, str]] = [
        (12, envelope.interchange_versions, "interchange version (ISA12)"),
        (15, list(envelope.usage) if envelope.usage else None, "usage indicator (ISA15)"),
    ]
    sender, receiver = value_text(isa[6].strip()), value_text(isa[8].strip())
    either_way = envelope.direction == "either"
    for role, party in _parties(envelope) if either_way else ():
        if party.id not in (sender, receiver):
            where = 8 if role == "retailer" else 6
            args: dict[str, Argument] = {"role": role, "id": party.id, "sender": sender}
            emit("EDI409", isa, where, key, "party", receiver=receiver, **args)
        elif party.qualifier:
            number = 5 if sender == party.id else 7
            expected.append((number, [party.qualifier], f"{role}'s ID qualifier"))
    for number, allowed, what in expected:
        value = value_text(isa[number].strip())
        if allowed and value not in allowed:
            shown = " or ".join(map(str, allowed))
            args = {"element": number, "what": what, "value": value, "expected": shown}
            emit("EDI409", isa, number, key, "isa", **args)


def _parties(envelope: Envelope) -> list[tuple[str, Party]]:
    found: list[tuple[str, Party]] = []
    for role, party in (("retailer", envelope.retailer), ("brand", envelope.brand)):
        if party is not None and party.id is not None:
            found.append((role, party))
    return found


# The dictionary the names and meanings in messages come from: the release most retail
# guidelines are written against.
NAMES_FROM: Final = "004010"


def segment_name(tag: str) -> str:
    """``TD1`` as a person reads it: ``TD1 (Carrier Details (Quantity and Weight))``."""
    spec = segment_specs(NAMES_FROM).get(tag)
    return f"{tag} ({spec.name})" if spec is not None and spec.name else tag


def with_meanings(codes: list[str], element_path: str) -> list[str]:
    """``codes`` of the element at ``element_path`` (``PO1/ACK01``), each with its meaning
    from the dictionary when it has one: ``IA (Item Accepted)``."""
    match = ELEMENT_PART.fullmatch(element_path.rsplit("/", 1)[-1])
    spec = segment_specs(NAMES_FROM).get(match.group(1)) if match is not None else None
    if match is None or spec is None:
        return codes
    number = int(match.group(3))
    element = next((e for e in spec.elements if e.position == number), None)
    listed = code_list(NAMES_FROM, element.reference) if element is not None else None
    if listed is None:
        return codes
    return [f"{c} ({listed.codes[c]})" if listed.codes.get(c) else c for c in codes]


def _listed(values: list[str] | None, most: int = LISTED) -> str:
    """Values for a message: at most ``most`` of them, and how many there are."""
    items = list(values or ())
    shown = ", ".join(items[:most])
    if len(items) > most:
        shown += f"… ({len(items):,} in all)"
    return shown
