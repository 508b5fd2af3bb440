"""A :class:`RuleSet`: every rule one validation applies, resolved once, before the first byte
is read.

It holds the catalog's rules (edikit's own and the plugins'), with what a profile chain says
of them (severity, id, citation, chargeback note, parameters, suppression), what
``--select``/``--ignore`` keep, and the profile's own rules (segment and element usage, codes,
patterns, envelope expectations), each with the same shape: :class:`RuleSpec`. A stage that
finds something hands a :class:`~edikit.vocabulary.Problem` to :meth:`RuleSet.resolve`, which
makes the finding with its rule's settings; nothing is adjusted afterwards.

A RuleSet is plain data: it pickles, so a process pool or a cluster worker validates with
exactly the rules the caller resolved.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from edikit.profiles.compiled import CompiledProfile
from edikit.profiles.model import Profile
from edikit.quoting import bounded, quote
from edikit.rules.registry import REGISTRY, Rule, source_of
from edikit.vocabulary import Argument, Excerpt, Fee, Problem, Severity, Violation

# A finding keeps at most this much of each text argument (a 10 MB element stays in the
# input; the message quotes its start and says how long it is: edikit.quoting).
MAX_ARGUMENT: Final = 200
DEFAULT_TEMPLATE: Final = "{message}"


class _Messages(string.Formatter):
    """``str.format`` for message templates, with ``!r`` quoting a value bounded
    (:func:`~edikit.quoting.quote`) and every other text argument cut too."""

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "r" and isinstance(value, str):
            return quote(value)
        if conversion is None and isinstance(value, str):
            return bounded(value, MAX_ARGUMENT)
        return super().convert_field(value, conversion)


_FORMATTER: Final = _Messages()


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule as this rule set applies it: the catalog's code, the ``id`` findings carry
    (the code, or a profile's own id such as a guide's requirement number), its title and
    severity, its parameters, and where it comes from."""

    code: str
    id: str | None  # None: the code of each finding
    title: str
    severity: Severity
    hint: str | None = None
    source: str = "standard"
    citation: str | None = None
    chargeback: str | None = None  # the note findings show
    fee: Fee | None = None  # the chargeback as data, for the scorecard
    params: Mapping[str, object] = field(default_factory=dict)
    severity_set: bool = False  # a profile set the severity: it wins over a stage's own


@dataclass(frozen=True, slots=True)
class Selection:
    """Which findings are kept: codes starting with a ``select`` prefix (all when none is
    given), none starting with an ``ignore`` prefix (``EDI3`` means EDI301-EDI399), and
    nothing below ``minimum``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    minimum: Severity = Severity.INFO

    @classmethod
    def of(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        minimum: Severity = Severity.INFO,
    ) -> Selection:
        def clean(codes: Iterable[str]) -> tuple[str, ...]:
            return tuple(c.strip().upper() for code in codes for c in code.split(",") if c)

        return cls(clean(select), clean(ignore), minimum)

    def allows(self, code: str) -> bool:
        if self.select and not code.startswith(self.select):
            return False
        return not (self.ignore and code.startswith(self.ignore))

    def keeps(self, violation: Violation) -> bool:
        return violation.severity.rank >= self.minimum.rank and self.allows(violation.code)


EVERYTHING: Final = Selection()


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything one validation applies (build one with :func:`edikit.ruleset`)."""

    rules: Mapping[str, RuleSpec]
    templates: Mapping[str, Mapping[str, str]]
    profile_rules: Mapping[str, RuleSpec] = field(default_factory=dict)
    selection: Selection = EVERYTHING
    suppressed: Mapping[str, str] = field(default_factory=dict)  # code: why
    dormant: frozenset[str] = frozenset()  # codes that run only when a profile names them
    enabled: frozenset[str] = frozenset()  # codes of rules a profile switched on
    plugins: tuple[str, ...] = ()  # the entry point names of the rule plugins to run
    max_per_rule: int | None = 1_000  # findings kept per code and file; None: all
    max_per_file: int | None = 10_000  # findings kept per file; None: all
    profile: Profile | None = None  # the merged profile whose own rules the checks apply
    compiled: CompiledProfile | None = None  # its patterns, codes and tables, compiled

    @property
    def profile_id(self) -> str | None:
        return self.profile.id if self.profile is not None else None

    def spec(self, problem: Problem) -> RuleSpec:
        """The rule a problem is a finding of: its profile rule, else its code's."""
        if problem.rule is not None:
            found = self.profile_rules.get(problem.rule)
            if found is not None:
                return found
        return self.rules[problem.code]

    def is_on(self, code: str) -> bool:
        """Whether the checks should look for ``code`` at all: selected and (for a rule only a
        profile switches on) switched on. A suppressed code is still looked for, so that a
        report can say how often the suppression applied (and that it still does)."""
        if not self.selection.allows(code):
            return False
        return code not in self.dormant or code in self.enabled

    def params(self, code: str) -> Mapping[str, object]:
        """The parameters of ``code``'s rule: the catalog's defaults, then the profile's."""
        spec = self.rules.get(code)
        return spec.params if spec is not None else {}

    def severity_of(self, problem: Problem) -> Severity | None:
        """The severity ``problem``'s finding would have, or None when it is left out."""
        code = problem.code
        if code in self.suppressed or not self.selection.allows(code):
            return None
        own = self.rules[code]
        spec = self.spec(problem)
        if spec.severity_set:
            severity = spec.severity
        elif problem.severity is not None and not own.severity_set:
            severity = problem.severity
        else:
            severity = own.severity
        return severity if severity.rank >= self.selection.minimum.rank else None

    def resolve(self, problem: Problem, excerpt: Excerpt | None = None) -> Violation | None:
        """The finding for ``problem``, or None when this rule set leaves it out (not selected,
        suppressed, or below the minimum severity); ``excerpt`` shows where, for people."""
        severity = self.severity_of(problem)
        if severity is None:
            return None
        code = problem.code
        own = self.rules[code]
        spec = self.spec(problem)
        message = self.message(code, problem.variant, problem.args)
        args = {name: _kept(value) for name, value in problem.args.items()}
        return Violation(
            code=code,
            rule_id=spec.id or code,
            severity=severity,
            message=message,
            location=problem.location,
            source=spec.source,
            args=args,
            hint=spec.hint or own.hint,
            citation=spec.citation,
            chargeback=spec.chargeback,
            fee=spec.fee,
            excerpt=excerpt,
        )

    def message(self, code: str, variant: str, args: Mapping[str, Argument]) -> str:
        templates = self.templates.get(code, {})
        template = templates.get(variant) or templates.get("default") or DEFAULT_TEMPLATE
        try:
            return bounded(_FORMATTER.vformat(template, (), args))
        except (KeyError, IndexError, ValueError, AttributeError):
            # A template and the check that fills it disagree (an edikit bug the catalog test
            # looks for): say what was found rather than fail the whole file.
            shown = ", ".join(f"{name}={value!r}" for name, value in args.items())
            return bounded(f"{template} ({shown})")


def _kept(value: Argument) -> Argument:
    """An argument as a finding keeps it: text cut to :data:`MAX_ARGUMENT` characters."""
    if isinstance(value, str) and len(value) > MAX_ARGUMENT:
        return value[:MAX_ARGUMENT]
    return value


def spec_of(rule: Rule) -> RuleSpec:
    """A catalog rule as a rule set applies it by default."""
    return RuleSpec(
        code=rule.code,
        id=rule.code,
        title=rule.title,
        severity=rule.severity,
        hint=rule.hint,
        source=source_of(rule.code),
        params=dict(rule.parameter_defaults),
    )


@cache
def standard_ruleset() -> RuleSet:
    """The X12 standard and the business rules as the catalog states them: no profile."""
    return RuleSet(
        rules={code: spec_of(rule) for code, rule in REGISTRY.items()},
        templates={code: rule.messages for code, rule in REGISTRY.items()},
        dormant=dormant(REGISTRY),
    )


def dormant(rules: Mapping[str, Rule]) -> frozenset[str]:
    """The codes of ``rules`` that run only when a profile names them."""
    return frozenset(code for code, rule in rules.items() if not rule.on_by_default)
