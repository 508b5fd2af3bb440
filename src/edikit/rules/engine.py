"""Running the checks on a transaction set, and choosing which codes to report
(``--select``/``--ignore`` by code prefix, like a linter: DESIGN decision 10)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from edikit.io.delimiters import Delimiters
from edikit.io.envelope import Transaction
from edikit.io.segment import Segment
from edikit.rules.registry import get_rule, make_violation
from edikit.rules.standard.elements import check_segment
from edikit.rules.violation import Severity, Violation
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import resolve_version

# Checked by the envelope stage (EDI1xx) with the envelope's own rules.
_ENVELOPE_SEGMENTS = frozenset({"ST", "SE"})
# Segments already found clean, by version and delimiters: documents repeat many segments
# (the same N1, TD5, PID description, SN1 quantity), and a clean segment stays clean.
_CLEAN_LIMIT = 200_000


@lru_cache(maxsize=32)
def _clean_segments(version: str, delimiters: Delimiters) -> set[str]:
    return set()


@dataclass(frozen=True, slots=True)
class Selection:
    """Which violations a report keeps: codes starting with a ``select`` prefix (all when none
    is given), none starting with an ``ignore`` prefix (``EDI3`` means EDI301-EDI399), and
    nothing below ``minimum`` severity."""

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

    def apply(self, violations: Sequence[Violation]) -> list[Violation]:
        rank = self.minimum.rank
        return [v for v in violations if v.severity.rank >= rank and self.allows(v.code)]


def check_elements(transaction: Transaction) -> None:
    """EDI3xx for every body segment the dictionary knows (unknown segments are the
    structure stage's EDI201/EDI202)."""
    version, exact = resolve_version(transaction.context.version or "")
    specs = segment_specs(version)
    # Read through the nearest version's dictionary, lengths and lists may differ: say so,
    # but do not fail the document on them.
    ceiling = None if exact else Severity.WARNING
    context = transaction.context
    found = transaction.violations
    current: list[Segment] = []

    def emit(
        code: str,
        message: str,
        element: int,
        component: int | None,
        repetition: int | None,
        severity: Severity | None,
    ) -> None:
        location = context.locate(current[0], element)
        if component is not None or repetition is not None:
            location = location.model_copy(
                update={"component": component, "repetition": repetition}
            )
        if ceiling is not None and (severity or get_rule(code).severity) is Severity.ERROR:
            severity = ceiling
        found.append(make_violation(code, message, location, severity))

    clean = _clean_segments(version, transaction.delimiters)
    for segment in transaction.segments:
        raw = segment.raw
        if raw in clean:
            continue
        spec = specs.get(segment.tag)
        if spec is None or segment.tag in _ENVELOPE_SEGMENTS:
            continue
        current[:] = [segment]
        before = len(found)
        check_segment(segment, spec, emit)
        if len(found) == before and len(clean) < _CLEAN_LIMIT:
            clean.add(raw)
