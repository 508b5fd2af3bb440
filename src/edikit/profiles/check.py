"""Applying a resolved profile to what ``edikit.validate`` read (EDI4xx): segment and element
usage, codes, lengths, patterns, reference tables, envelope expectations; then the profile's
severities and suppressions over every finding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from edikit.grammar.tree import Loop
from edikit.io.envelope import Context, Transaction, X12File
from edikit.io.segment import Segment
from edikit.location import Location
from edikit.profiles.compiled import CompiledElement, value_text
from edikit.profiles.loader import ResolvedProfile
from edikit.profiles.model import ELEMENT_PART, Citation, SegmentRule, Sourced
from edikit.quoting import bounded, quote
from edikit.rules.business.checks import PRODUCT_ID_PAIRS, BusinessOptions
from edikit.rules.business.gs1 import (
    GTIN_QUALIFIERS,
    company_prefix_problem,
    gtin_problem,
    normalize_sscc,
    sscc_problem,
)
from edikit.rules.crossdoc import CrossDocOptions
from edikit.rules.registry import make_violation
from edikit.rules.violation import Violation


@dataclass(frozen=True, slots=True)
class Selector:
    tag: str
    qualifier: str | None

    def matches(self, segment: Segment) -> bool:
        if segment.tag != self.tag:
            return False
        return self.qualifier is None or segment[3 if self.tag == "HL" else 1] == self.qualifier


@lru_cache(maxsize=1024)
def selectors(path: str) -> tuple[Selector, ...]:
    found = []
    for part in path.split("/"):
        tag, _, rest = part.partition("[")
        found.append(Selector(tag, rest.rstrip("]") or None))
    return tuple(found)


# The profile rules that switch a cross-document check on, by the code it reports.
TIMING_RULES: Final = {
    "EDI615": "timing.acknowledgment",
    "EDI616": "timing.ship_notice",
    "EDI617": "timing.invoice",
}


def crossdoc_options(resolved: ResolvedProfile | None) -> CrossDocOptions:
    """The cross-document checks' parameters a profile sets: ``asn.over_shipment``
    (tolerance_percent) and the timing rules (hours, business_days)."""
    if resolved is None:
        return CrossDocOptions()
    uses = {use.use: use.with_ for use in resolved.profile.rules if use.use}
    return CrossDocOptions(
        over_ship_percent=_decimal(uses.get("asn.over_shipment", {}).get("tolerance_percent"))
        or Decimal(0),
        ack_hours=_decimal(uses.get("timing.acknowledgment", {}).get("hours")),
        ship_notice_hours=_decimal(uses.get("timing.ship_notice", {}).get("hours")),
        invoice_business_days=_integer(uses.get("timing.invoice", {}).get("business_days")),
    )


def _decimal(value: object) -> Decimal | None:
    return Decimal(str(value)) if isinstance(value, int | float) else None


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) else None


def business_options(resolved: ResolvedProfile) -> BusinessOptions:
    """The business rules' parameters a profile sets (``ctt.counts``, ``asn.shapes``)."""
    options = BusinessOptions()
    for use in resolved.profile.rules:
        if use.use == "ctt.counts" and "asn" in use.with_:
            options = BusinessOptions(str(use.with_["asn"]), options.shapes_856)  # type: ignore[arg-type]
        elif use.use == "asn.shapes" and "allowed" in use.with_:
            allowed = use.with_["allowed"]
            shapes = tuple(str(s) for s in allowed) if isinstance(allowed, list) else ()
            options = BusinessOptions(options.ctt_856, shapes)
    return options


class ProfileChecker:
    """Checks one transaction set (or the envelope) against a resolved profile."""

    def __init__(self, resolved: ResolvedProfile) -> None:
        self.profile = resolved.profile
        self.compiled = resolved.compiled
        self.source = f"profile:{resolved.id}"

    def check_transaction(self, transaction: Transaction) -> None:
        narrowing = self.profile.transactions.get(transaction.set_id)  # type: ignore[call-overload]
        loop = transaction.loop
        out = transaction.violations
        context = transaction.context
        if narrowing is not None and narrowing.versions:
            version = context.version or ""
            if not any(version.startswith(v) for v in narrowing.versions):
                out.append(
                    self._violation(
                        "EDI409",
                        f"GS08 {quote(version)} is not a version the guideline accepts "
                        f"({_listed(narrowing.versions)})",
                        context.locate(transaction.header),
                        None,
                    )
                )
        self._named_rules(transaction)
        if narrowing is None or loop is None:
            self._company_prefix(transaction)
            return
        for rule in narrowing.segments:
            if rule.usage == "situational" and not _holds(rule, loop):
                continue
            out.extend(self._segment(rule, loop, context))
        for element in self.compiled.elements.get(transaction.set_id, ()):
            out.extend(self._element(element, loop, context))
        self._company_prefix(transaction)

    # -- segments -----------------------------------------------------------------------------
    def _segment(self, rule: SegmentRule, root: Loop, context: Context) -> Iterator[Violation]:
        *outer, last = selectors(rule.path)
        for scope in _scopes(root, outer):
            found = [s for s in _members(scope) if last.matches(s)]
            anchor = scope.first or root.first
            if rule.usage in ("required", "situational") and not found and anchor is not None:
                where = (
                    f" in the {scope.name}[{_qualifier(anchor)}] loop that starts at line "
                    f"{anchor.line}"
                    if outer
                    else ""
                )
                yield self._violation(
                    "EDI401",
                    f"the guideline requires {rule.path}{where}",
                    context.locate(anchor),
                    rule,
                )
            if rule.usage == "not-used":
                for segment in found:
                    yield self._violation(
                        "EDI402",
                        f"the guideline does not use {rule.path}",
                        context.locate(segment),
                        rule,
                    )
            if rule.max_use is not None and len(found) > rule.max_use:
                yield self._violation(
                    "EDI403",
                    f"{rule.path} is used {len(found)} times here; the guideline "
                    f"allows {rule.max_use}",
                    context.locate(found[rule.max_use]),
                    rule,
                )

    # -- elements -----------------------------------------------------------------------------
    def _element(
        self, compiled: CompiledElement, root: Loop, context: Context
    ) -> Iterator[Violation]:
        rule = compiled.rule
        for segment, number in element_segments(root, rule.path):
            problem = _value_problem(compiled, segment[number])
            if problem is not None:
                code, message = problem
                yield self._violation(
                    code, f"{rule.path} {message}", context.locate(segment, number), rule
                )

    def _named_rules(self, transaction: Transaction) -> None:
        names = {use.use: use for use in self.profile.rules if use.use}
        loop = transaction.loop
        if loop is None:
            return
        context = transaction.context
        if transaction.set_id == "856" and "asn.one_per_shipment" in names:
            shipments = [s for s in transaction.segments if s.tag == "HL" and s[3] == "S"]
            for extra in shipments[1:]:
                transaction.violations.append(
                    self._violation(
                        "EDI509",
                        f"a second shipment level (HL*{extra[1]}) in one ship notice",
                        context.locate(extra, 3),
                        names["asn.one_per_shipment"],
                    )
                )
        if transaction.set_id == "810" and "invoice.unique_item" in names:
            seen: dict[str, Segment] = {}
            for segment, number, value in _gs1_identifiers(transaction.segments):
                if segment.tag != "IT1":
                    continue
                if value in seen:
                    transaction.violations.append(
                        self._violation(
                            "EDI510",
                            f"{value} is invoiced again (first on line {seen[value].line})",
                            context.locate(segment, number),
                            names["invoice.unique_item"],
                        )
                    )
                else:
                    seen[value] = segment

    def _company_prefix(self, transaction: Transaction) -> None:
        uses = [u for u in self.profile.rules if u.use == "gs1.company_prefix"]
        if not uses or transaction.loop is None:
            return
        configured = uses[0].with_.get("prefixes", [])
        prefixes = [str(p) for p in configured] if isinstance(configured, list) else []
        if not prefixes:
            return
        for segment in transaction.segments:
            if segment.tag == "MAN" and segment[1] == "GM" and segment[2]:
                problem = company_prefix_problem(segment[2][-18:], prefixes)
                if problem is not None:
                    transaction.violations.append(
                        self._violation(
                            "EDI508",
                            f"MAN02 {problem}",
                            transaction.context.locate(segment, 2),
                            uses[0],
                        )
                    )

    # -- envelope -----------------------------------------------------------------------------
    def check_envelope(self, x12: X12File) -> None:
        envelope = self.profile.envelope
        if envelope is None:
            return
        for interchange in x12.interchanges:
            isa = interchange.header
            context = Context(x12.name, interchange.index, interchange.control_number)
            expected = [
                (12, envelope.interchange_versions, "interchange version (ISA12)"),
                (15, envelope.usage, "usage indicator (ISA15)"),
            ]
            for role, party in (("retailer", envelope.retailer), ("brand", envelope.brand)):
                if party is None or party.id is None:
                    continue
                sender, receiver = value_text(isa[6].strip()), value_text(isa[8].strip())
                if party.id not in (sender, receiver):
                    x12.violations.append(
                        self._violation(
                            "EDI409",
                            f"neither ISA06 nor ISA08 is the {role}'s ID {quote(party.id)} "
                            f"(sender {quote(sender)}, receiver {quote(receiver)})",
                            context.locate(isa, 8 if role == "retailer" else 6),
                            envelope,
                        )
                    )
                elif party.qualifier:
                    number = 5 if sender == party.id else 7
                    expected.append((number, [party.qualifier], f"{role}'s ID qualifier"))
            for number, allowed, what in expected:
                value = value_text(isa[number].strip())
                if allowed and value not in allowed:
                    x12.violations.append(
                        self._violation(
                            "EDI409",
                            f"ISA{number:02d} {what} is {quote(value)}; the guideline expects "
                            f"{bounded(' or '.join(map(str, allowed)), 200)}",
                            context.locate(isa, number),
                            envelope,
                        )
                    )

    # -- severities and suppressions ---------------------------------------------------------
    @property
    def suppressed_codes(self) -> frozenset[str]:
        return frozenset(s.code for s in self.profile.suppress)

    def adjust(self, violations: list[Violation]) -> list[Violation]:
        suppressed = self.suppressed_codes
        severities = self.profile.severities
        return [
            v.model_copy(update={"severity": severities[v.code]}) if v.code in severities else v
            for v in violations
            if v.code not in suppressed
        ]

    def attribute(self, violations: list[Violation]) -> list[Violation]:
        """The timing findings (EDI615-EDI617) as the profile's: the profile rule that set
        the limit is their source, with its citation, severity and chargeback note."""
        uses = {use.use: use for use in self.profile.rules if use.use}
        return [
            self._violation(v.code, v.message, v.location, uses[TIMING_RULES[v.code]])
            if v.code in TIMING_RULES and TIMING_RULES[v.code] in uses
            else v
            for v in violations
        ]

    def _violation(
        self, code: str, message: str, location: Location, rule: Sourced | object | None
    ) -> Violation:
        severity = getattr(rule, "severity", None)
        citation: Citation | None = getattr(rule, "citation", None)
        violation = make_violation(code, message, location, severity)
        return violation.model_copy(
            update={
                "source": self.source,
                "citation": _cite(citation),
                "hint": _hint(rule, violation),
            }
        )


def _holds(rule: SegmentRule, root: Loop) -> bool:
    """Whether a situational rule's condition holds: the first value of its element is one of
    the listed values."""
    condition = rule.when
    if condition is None:
        return False
    for segment, number in element_segments(root, condition.element):
        return value_text(segment[number]) in condition.in_
    return False


def element_segments(root: Loop, element_path: str) -> Iterator[tuple[Segment, int]]:
    """The segments an element path (``HL[S]/REF[BM]02``, ``N1[ST]/N104``, ``BEG03``) names,
    in input order, with the element number."""
    *outer, last = element_path.split("/")
    match = ELEMENT_PART.fullmatch(last)
    if match is None:
        return
    tag, qualifier, number = match.group(1), match.group(2), int(match.group(3))
    *scope_path, target = selectors("/".join([*outer, f"{tag}[{qualifier}]" if qualifier else tag]))
    for scope in _scopes(root, scope_path):
        # N1[ST]/N104 is element 04 of the N1 that opens the N1[ST] loop itself.
        candidates = [scope.first, *_members(scope)] if scope_path else _members(scope)
        for segment in candidates:
            if segment is not None and target.matches(segment):
                yield segment, number


def _gs1_identifiers(segments: list[Segment]) -> Iterator[tuple[Segment, int, str]]:
    """Valid SSCCs (MAN GM) and GTINs (product ID pairs), with their element numbers: a
    malformed one is EDI501/EDI502 already, and its prefix cannot be read."""
    for segment in segments:
        if segment.tag == "MAN" and segment[1] == "GM" and sscc_problem(segment[2]) is None:
            yield segment, 2, normalize_sscc(segment[2])
            continue
        pairs = PRODUCT_ID_PAIRS.get(segment.tag)
        if pairs is None:
            continue
        elements = segment.elements
        for number in range(pairs[0], min(pairs[1], len(elements) - 1), 2):
            qualifier, value = elements[number], elements[number + 1]
            if qualifier in GTIN_QUALIFIERS and value and gtin_problem(value, qualifier) is None:
                yield segment, number + 1, value


def _hint(rule: object, violation: Violation) -> str | None:
    chargeback = getattr(rule, "chargeback", None)
    return f"{violation.hint} Chargeback: {chargeback}" if chargeback else violation.hint


def _cite(citation: Citation | None) -> str | None:
    if citation is None:
        return None
    return ", ".join(p for p in (citation.document, citation.section, citation.url) if p)


def _value_problem(compiled: CompiledElement, value: str) -> tuple[str, str] | None:
    """What is wrong with one element value under ``compiled``; the value is compared as
    text (:func:`~edikit.profiles.compiled.value_text`), its length counted in bytes as the
    standard's lengths are."""
    rule = compiled.rule
    if not value:
        return ("EDI404", "is required by the guideline") if rule.usage == "required" else None
    text = value_text(value)
    shown = quote(text)
    if rule.usage == "not-used":
        return "EDI405", f"{shown} is sent; the guideline does not use it"
    if compiled.codes is not None and text not in compiled.codes:
        return "EDI406", f"{shown} is not one of the guideline's codes ({_listed(rule.codes)})"
    if rule.max_length is not None and len(value) > rule.max_length:
        return "EDI407", f"{shown} is {len(value)} long; the guideline allows {rule.max_length}"
    if rule.min_length is not None and len(value) < rule.min_length:
        return "EDI407", f"{shown} is {len(value)} long; the guideline needs {rule.min_length}"
    if rule.case == "upper" and text != text.upper():
        return "EDI408", f"{shown} must be upper case"
    if compiled.characters is not None:
        outside = compiled.characters.outside(text)
        if outside is not None:
            return "EDI408", (
                f"{shown} has {outside!r}, which is not among the characters the guideline "
                f"allows ({compiled.characters.source})"
            )
    if compiled.pattern is not None and not compiled.pattern.matches(text):
        return "EDI408", f"{shown} does not match the guideline's pattern {rule.pattern}"
    if compiled.table is not None and text not in compiled.table:
        return "EDI411", f"{shown} is not in the guideline's {rule.table} table"
    return None


def _listed(values: list[str] | None, most: int = 10) -> str:
    """Values for a message: at most ``most`` of them, and how many there are."""
    items = list(values or ())
    shown = ", ".join(items[:most])
    if len(items) > most:
        shown += f"… ({len(items):,} in all)"
    return bounded(shown, 300)


def _qualifier(segment: Segment) -> str:
    return segment[3 if segment.tag == "HL" else 1]


def _scopes(root: Loop, outer: list[Selector] | tuple[Selector, ...]) -> Iterator[Loop]:
    """The loops a path's leading selectors name (the transaction set itself when none),
    found at any depth, in input order."""
    if not outer:
        yield root
        return
    first, rest = outer[0], outer[1:]
    for loop in _all_loops(root):
        opener = loop.first
        if opener is not None and first.matches(opener):
            yield from _scopes(loop, rest) if rest else iter([loop])


def _all_loops(loop: Loop) -> Iterator[Loop]:
    for child in loop.loops():
        yield child
        yield from _all_loops(child)


def _members(loop: Loop) -> Iterator[Segment]:
    """Segments directly in ``loop`` and the opening segments of the loops directly in it
    (``N1[ST]`` inside an HL loop is an N1 loop), skipping the loop's own opening segment."""
    for number, item in enumerate(loop.items):
        if isinstance(item, Loop):
            if item.first is not None:
                yield item.first
        elif number > 0 or loop.name == "ST":
            yield item
