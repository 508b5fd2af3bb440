"""Applying the rule set's profile to a transaction set the grammar stage parsed, and to each
interchange header (EDI4xx).

Every finding is handed on with the key of the profile rule that made it
(:func:`~edikit.rules.compose.profile_rule_key`), so it carries that rule's id, severity,
citation and chargeback note.
"""

from __future__ import annotations

from typing import Final, Protocol

from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.segment import Segment
from edikit.profiles.compiled import CompiledElement, value_text
from edikit.profiles.model import ELEMENT_PART, Envelope, Party, Profile, SegmentRule
from edikit.rules.compose import profile_rule_key
from edikit.rules.profile.paths import (
    element_segments,
    members,
    qualifier,
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


def check_profile(parsed: ParsedTransaction, rules: RuleSet, emit: Emit) -> None:
    """The profile's rules for this transaction set: its versions, segments and elements."""
    profile = rules.profile
    if profile is None:
        return
    set_id = parsed.set_id
    narrowing = profile.transactions.get(set_id)  # type: ignore[call-overload]
    if narrowing is None:
        return
    if narrowing.versions:
        version = parsed.context.version or ""
        if not any(version.startswith(v) for v in narrowing.versions):
            key = profile_rule_key(set_id, "versions")
            listed = _listed(narrowing.versions)
            emit(
                "EDI409",
                parsed.transaction.header,
                None,
                key,
                "version",
                version=version,
                versions=listed,
            )
    loop = parsed.loop
    if loop is None:
        return
    for number, rule in enumerate(narrowing.segments):
        if rule.usage == "situational" and not _holds(rule, loop):
            continue
        _check_segment(rule, loop, profile_rule_key(set_id, "segments", number), emit)
    compiled = rules.compiled.elements.get(set_id, ()) if rules.compiled is not None else ()
    for number, element in enumerate(compiled):
        _check_element(element, loop, profile_rule_key(set_id, "elements", number), emit)


def _check_segment(rule: SegmentRule, root: Loop, key: str, emit: Emit) -> None:
    *outer, last = selectors(rule.path)
    for scope in scopes(root, outer):
        found = [s for s in members(scope) if last.matches(s)]
        anchor = scope.first or root.first
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


def _check_element(compiled: CompiledElement, root: Loop, key: str, emit: Emit) -> None:
    path = compiled.rule.path
    for segment, number in element_segments(root, path):
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


def _holds(rule: SegmentRule, root: Loop) -> bool:
    """Whether a situational rule's condition holds: the first value of its element is one of
    the listed values."""
    condition = rule.when
    if condition is None:
        return False
    for segment, number in element_segments(root, condition.element):
        return value_text(segment[number]) in condition.in_
    return False


def check_envelope(isa: Segment, profile: Profile, emit: Emit) -> None:
    """The profile's envelope expectations on one ISA: the retailer's and the brand's IDs
    (as sender or receiver) and qualifiers, the control version, the usage indicator."""
    envelope = profile.envelope
    if envelope is None:
        return
    key = profile_rule_key("envelope")
    expected: list[tuple[int, list[str] | None, str]] = [
        (12, envelope.interchange_versions, "interchange version (ISA12)"),
        (15, list(envelope.usage) if envelope.usage else None, "usage indicator (ISA15)"),
    ]
    sender, receiver = value_text(isa[6].strip()), value_text(isa[8].strip())
    for role, party in _parties(envelope):
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
