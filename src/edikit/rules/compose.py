"""Composing a :class:`~edikit.rules.ruleset.RuleSet` from the catalog, a profile chain and the
caller's choices (``--select``, ``--ignore``, ``--min-severity``).

What a profile says of the catalog's rules is checked here, each problem at its place in the
profile file: codes that do not exist, named rules that do not exist, parameters a rule does
not take or values it cannot use, and parameters a rule needs but was not given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Final

from edikit.errors import ProfileError, ProfileProblem
from edikit.profiles.loader import LoadedProfile, ResolvedProfile
from edikit.profiles.model import Chargeback, Citation, Profile, RuleUse, Sourced
from edikit.quoting import bounded, quote
from edikit.rules.plugins import catalog, rule_plugins
from edikit.rules.registry import REGISTRY, Rule
from edikit.rules.ruleset import (
    RuleSet,
    RuleSpec,
    Selection,
    dormant,
    spec_of,
    standard_ruleset,
)
from edikit.vocabulary import Fee, Severity

# Codes a profile's own rules report, by the kind of rule (for their RuleSpec's title).
SEGMENT_RULE: Final = "EDI401"
ELEMENT_RULE: Final = "EDI404"
ENVELOPE_RULE: Final = "EDI409"
TEXT_RULE: Final = "EDI408"
UNIQUE_RULE: Final = "EDI412"
HIERARCHY_RULE: Final = "EDI511"


def compose(
    profile: ResolvedProfile | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    minimum: Severity = Severity.INFO,
    plugins: bool = True,
) -> RuleSet:
    """The rule set for ``profile`` (None: the standard and the business rules alone) with the
    selection given, and the rules of the installed plugins unless ``plugins`` is False.
    :class:`~edikit.errors.ProfileError` lists every problem in what the profile says of the
    catalog's rules, with its place."""
    installed = rule_plugins() if plugins else ()
    rules = catalog(with_plugins=plugins)
    selection = Selection.of(select, ignore, minimum)
    if profile is None and not installed:
        return replace(standard_ruleset(), selection=selection)
    specs = {code: spec_of(rule) for code, rule in rules.items()}
    templates = {code: rule.messages for code, rule in rules.items()}
    names = tuple(plugin.name for plugin in installed)
    if profile is None:
        return RuleSet(
            rules=specs,
            templates=templates,
            selection=selection,
            dormant=dormant(rules),
            plugins=names,
        )
    problems = [problem for loaded in profile.chain for problem in _problems(loaded, rules)]
    if problems:
        raise ProfileError(problems)
    merged = profile.profile
    source = f"profile:{merged.id}"
    enabled: set[str] = set()
    named = _named_rules(rules)
    for use in merged.rules:
        for code in named.get(use.use, ()) if use.use is not None else (use.code or "",):
            specs[code] = _applied(specs[code], use, source)
            enabled.add(code)
    for code, severity in merged.severities.items():
        specs[code] = replace(specs[code], severity=severity, severity_set=True)
    return RuleSet(
        rules=specs,
        templates=templates,
        profile_rules=_profile_rules(merged, source),
        selection=selection,
        suppressed={s.code: s.reason for s in merged.suppress},
        dormant=dormant(rules),
        enabled=frozenset(enabled),
        plugins=names,
        profile=merged,
        compiled=profile.compiled,
    )


def _named_rules(rules: Mapping[str, Rule]) -> dict[str, tuple[str, ...]]:
    """Each named rule (``asn.over_shipment``) and the codes it governs (EDI603, EDI619)."""
    found: dict[str, list[str]] = {}
    for code, rule in rules.items():
        if rule.profile_rule is not None:
            found.setdefault(rule.profile_rule, []).append(code)
    return {name: tuple(codes) for name, codes in found.items()}


def _applied(spec: RuleSpec, rule: Sourced, source: str, params: bool = True) -> RuleSpec:
    """``spec`` as a profile's ``rule`` states it."""
    with_ = getattr(rule, "with_", {}) if params else {}
    return replace(
        spec,
        id=rule.id or spec.id,
        severity=rule.severity or spec.severity,
        severity_set=spec.severity_set or rule.severity is not None,
        citation=cite(rule.citation) or spec.citation,
        # A chargeback the rule states replaces the one before it, note and fee together.
        chargeback=spec.chargeback if rule.chargeback is None else note_of(rule.chargeback),
        fee=spec.fee if rule.chargeback is None else fee_of(rule.chargeback),
        source=source,
        params={**spec.params, **with_},
    )


def _profile_rules(profile: Profile, source: str) -> dict[str, RuleSpec]:
    """The profile's own rules, by the key its checks report them with
    (:func:`profile_rule_key`)."""
    found: dict[str, RuleSpec] = {}
    for set_id, narrowing in profile.transactions.items():
        for number, segment in enumerate(narrowing.segments):
            key = profile_rule_key(set_id, "segments", number)
            found[key] = _own(segment, source, SEGMENT_RULE, f"{set_id} {segment.path}")
        for number, element in enumerate(narrowing.elements):
            key = profile_rule_key(set_id, "elements", number)
            found[key] = _own(element, source, ELEMENT_RULE, f"{set_id} {element.path}")
        for number, text in enumerate(narrowing.text):
            key = profile_rule_key(set_id, "text", number)
            found[key] = _own(text, source, TEXT_RULE, f"{set_id} text")
        for number, unique in enumerate(narrowing.unique):
            key = profile_rule_key(set_id, "unique", number)
            title = f"{set_id} {unique.element} unique within the {unique.within}"
            found[key] = _own(unique, source, UNIQUE_RULE, title)
        if narrowing.hierarchy is not None:
            key = profile_rule_key(set_id, "hierarchy")
            found[key] = _own(narrowing.hierarchy, source, HIERARCHY_RULE, f"{set_id} hierarchy")
        versions = narrowing.version_rule or Sourced()
        if versions.citation is None:
            versions = versions.model_copy(update={"citation": profile.citation})
        found[profile_rule_key(set_id, "versions")] = _own(
            versions, source, ENVELOPE_RULE, f"{set_id} versions (GS08)"
        )
    for number, text in enumerate(profile.text):
        found[profile_rule_key("text", number)] = _own(text, source, TEXT_RULE, "text")
    if profile.envelope is not None:
        envelope: Sourced = profile.envelope
        if envelope.citation is None:
            envelope = Sourced(
                id=envelope.id,
                severity=envelope.severity,
                citation=profile.citation,
                chargeback=envelope.chargeback,
            )
        found[profile_rule_key("envelope")] = _own(envelope, source, ENVELOPE_RULE, "envelope")
    return found


def _own(rule: Sourced, source: str, code: str, title: str) -> RuleSpec:
    return RuleSpec(
        code=code,
        id=rule.id,
        title=title,
        severity=rule.severity or REGISTRY[code].severity,
        severity_set=rule.severity is not None,
        source=source,
        citation=cite(rule.citation),
        chargeback=note_of(rule.chargeback),
        fee=fee_of(rule.chargeback),
    )


def profile_rule_key(*parts: str | int) -> str:
    """How a profile's own rule is named between the rule set and the checks:
    ``856.segments.3`` (the fourth segment rule of the merged profile's 856), ``envelope``."""
    return ".".join(map(str, parts))


def note_of(chargeback: str | Chargeback | None) -> str | None:
    """The chargeback as findings show it: the note, or the fee described."""
    return chargeback.describe() if isinstance(chargeback, Chargeback) else chargeback


def fee_of(chargeback: str | Chargeback | None) -> Fee | None:
    """The chargeback as data, when the profile gives it so."""
    return chargeback.fee if isinstance(chargeback, Chargeback) else None


def cite(citation: Citation | None) -> str | None:
    if citation is None:
        return None
    return ", ".join(p for p in (citation.document, citation.section, citation.url) if p)


# -- what a profile says of the catalog's rules ------------------------------------------------
def _problems(loaded: LoadedProfile, rules: Mapping[str, Rule]) -> list[ProfileProblem]:
    profile = loaded.profile
    problems = [
        loaded.problem(("suppress", number), f"no code {quote(s.code)}")
        for number, s in enumerate(profile.suppress)
        if s.code not in rules
    ]
    problems += [
        loaded.problem(("severities", code), f"no code {quote(code)}")
        for code in profile.severities
        if code not in rules
    ]
    named = _named_rules(rules)
    for number, use in enumerate(profile.rules):
        problems += [
            loaded.problem(("rules", number), problem)
            for problem in _use_problems(use, named, rules)
        ]
    return problems


def _use_problems(
    use: RuleUse, named: Mapping[str, tuple[str, ...]], rules: Mapping[str, Rule]
) -> list[str]:
    if use.code is not None:
        return [] if use.code in rules else [f"no code {quote(use.code)}"]
    codes = named.get(use.use or "")
    if codes is None:
        return [f"unknown rule {quote(use.use or '')} (known: {', '.join(sorted(named))})"]
    parameters = {name: p for code in codes for name, p in rules[code].parameters.items()}
    extra = sorted(set(use.with_) - set(parameters))
    if extra:
        return [f"rule {quote(use.use or '')} takes no parameter {bounded(', '.join(extra), 200)}"]
    problems = []
    for name, parameter in parameters.items():
        if name in use.with_:
            problem = parameter.problem(use.with_[name])
            if problem is not None:
                problems.append(f"{use.use}: {problem}")
        elif parameter.required:
            problems.append(f"{use.use}: {parameter.name} is required")
    return problems
