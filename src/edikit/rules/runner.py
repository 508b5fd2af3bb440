"""Every check edikit runs on one transaction set after its structure: the standard's element
rules (EDI3xx), the business rules (EDI5xx), the profile's rules (EDI4xx) and the plugins'.
Each hands what it finds to the rule set's ``resolve``; the findings are returned."""

from __future__ import annotations

from edikit.grammar.transaction import ParsedTransaction
from edikit.io.segment import Segment
from edikit.rules.business.checks import check_business
from edikit.rules.business.named import check_named
from edikit.rules.plugins import plugin_checks
from edikit.rules.profile.guideline import check_profile
from edikit.rules.ruleset import RuleSet
from edikit.rules.standard.elements import check_segment
from edikit.vocabulary import Argument, Problem, Resolve, Severity, Violation
from edikit.x12.dictionary import segment_specs

# Checked by the envelope stage (EDI1xx) with the envelope's own rules.
_ENVELOPE_SEGMENTS = frozenset({"ST", "SE"})
# Segments found clean are remembered for the rest of a file (documents repeat many: the
# same N1, TD5, PID description, SN1 quantity), up to this many.
CLEAN_LIMIT = 200_000
# ... of at most this many characters: a long segment is rarely repeated, and a set of them
# would hold megabytes.
CLEAN_LENGTH = 256


class Checks:
    """The checks of one validation run: its rule set, where findings go, and what it has
    learnt so far about the file (segments already found clean)."""

    def __init__(self, rules: RuleSet, resolve: Resolve) -> None:
        self.rules = rules
        self.resolve = resolve
        self._clean: dict[tuple[str, object], set[str]] = {}
        self._elements = any(rules.is_on(code) for code in _ELEMENT_CODES)

    def run(self, parsed: ParsedTransaction) -> list[Violation]:
        """The findings of every check on ``parsed``, in the order the checks ran."""
        found: list[Violation] = []
        if self._elements:  # a set without a segment table still has segments edikit knows
            self._check_elements(parsed, found)
        if parsed.loop is None:
            return found
        locate = parsed.context.locate

        def emit(
            code: str, segment: Segment, element: int | None, variant: str, /, **args: Argument
        ) -> None:
            self._add(found, Problem(code, locate(segment, element), args, variant))

        def emit_profile(
            code: str,
            segment: Segment,
            element: int | None,
            rule: str | None,
            variant: str,
            /,
            **args: Argument,
        ) -> None:
            self._add(found, Problem(code, locate(segment, element), args, variant, rule=rule))

        check_business(parsed, self.rules, emit)
        check_named(parsed, self.rules, emit)
        check_profile(parsed, self.rules, emit_profile)
        for check in plugin_checks(self.rules):
            for problem in check(parsed):
                self._add(found, problem)
        return found

    def _add(self, found: list[Violation], problem: Problem) -> None:
        violation = self.resolve(problem)
        if violation is not None:
            found.append(violation)

    def _check_elements(self, parsed: ParsedTransaction, found: list[Violation]) -> None:
        """EDI3xx for every body segment the dictionary knows (unknown segments are the
        structure stage's EDI201/EDI202). Read through the nearest version's dictionary,
        lengths and lists may differ: findings that would be errors are warnings then."""
        specs = segment_specs(parsed.version)
        ceiling = None if parsed.exact else Severity.WARNING
        context = parsed.context
        current: list[Segment] = []
        problems = [0]  # problems the current segment had (found, left out or suppressed)

        def emit(
            code: str,
            element: int,
            component: int | None,
            repetition: int | None,
            severity: Severity | None,
            variant: str,
            /,
            **args: Argument,
        ) -> None:
            location = context.locate(current[0], element)
            if component is not None or repetition is not None:
                location = location.model_copy(
                    update={"component": component, "repetition": repetition}
                )
            if ceiling is not None and severity is not Severity.INFO:
                severity = ceiling
            problems[0] += 1
            self._add(found, Problem(code, location, args, variant, severity))

        clean = self._clean.setdefault((parsed.version, parsed.transaction.delimiters), set())
        for segment in parsed.segments:
            raw = segment.raw
            if raw in clean:
                continue
            spec = specs.get(segment.tag)
            if spec is None or segment.tag in _ENVELOPE_SEGMENTS:
                continue
            current[:] = [segment]
            problems[0] = 0
            check_segment(segment, spec, emit)
            if not problems[0] and len(raw) <= CLEAN_LENGTH and len(clean) < CLEAN_LIMIT:
                clean.add(raw)


_ELEMENT_CODES = tuple(f"EDI3{n:02d}" for n in range(1, 15))
