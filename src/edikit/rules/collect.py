"""Collecting the findings of one file: each problem resolved through the rule set once, with
an excerpt for people, counted when a profile suppressed it, and left out (counted) past the
rule set's caps, so that a file of a million bad segments makes a report, not a MemoryError."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Final

from edikit.io.segment import Segment
from edikit.rules.result import Omitted
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Excerpt, ExcerptLine, Problem, Severity, Violation

# Characters of a segment shown on each side of the marked element (a 10 MB element shows
# its start, and the excerpt stays a line).
# Characters of a segment shown before the marked element (and twice that after): a segment
# of ordinary length (the ISA is 106) is shown whole; only a hostile one, megabytes long, is cut.
WINDOW: Final = 250
CUT: Final = "…"
Lookup = Callable[[int], Segment | None]


def _nothing(index: int) -> Segment | None:
    return None


class Collector:
    """The resolver one file's stages report to. ``lookup`` finds a segment by its index in
    the input while it is still at hand (the stage sets it: a streaming read keeps one
    transaction set at a time)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.lookup: Lookup = _nothing
        self.suppressed: Counter[str] = Counter()
        self.omitted: Counter[tuple[str, Severity]] = Counter()
        self._per_code: Counter[str] = Counter()
        self._kept = 0

    def resolve(self, problem: Problem) -> Violation | None:
        rules, code = self.rules, problem.code
        if code in rules.suppressed:
            self.suppressed[code] += 1
            return None
        if self._over(code):
            severity = rules.severity_of(problem)
            if severity is not None:
                self.omitted[code, severity] += 1
            return None
        violation = rules.resolve(problem, self._excerpt(problem))
        if violation is not None:
            self._per_code[code] += 1
            self._kept += 1
        return violation

    def left_out(self) -> tuple[Omitted, ...]:
        """What the caps left out, by code and severity."""
        return tuple(
            Omitted(code=code, severity=severity, count=count)
            for (code, severity), count in sorted(self.omitted.items())
        )

    def _over(self, code: str) -> bool:
        rules = self.rules
        per_rule, per_file = rules.max_per_rule, rules.max_per_file
        return (per_rule is not None and self._per_code[code] >= per_rule) or (
            per_file is not None and self._kept >= per_file
        )

    def _excerpt(self, problem: Problem) -> Excerpt | None:
        location = problem.location
        index = location.segment_index
        if index is None:
            return None
        target = self.lookup(index)
        if target is None:
            return None
        lines = []
        start, width = None, 1
        for neighbour in (index - 1, index, index + 1):
            segment = target if neighbour == index else self.lookup(neighbour)
            if segment is None:
                continue
            if neighbour == index:
                text, start, width = _marked(segment, location.element)
                lines.append(ExcerptLine(line=segment.line or None, text=text, target=True))
            else:
                lines.append(ExcerptLine(line=segment.line or None, text=_cut(segment.raw, 0)[0]))
        return Excerpt(lines=tuple(lines), start=start, width=width)


def _marked(segment: Segment, element: int | None) -> tuple[str, int | None, int]:
    """The segment's text cut to a window around element ``element``, and where the element
    is in that text."""
    if element is None or segment.offset < 0:
        text, _ = _cut(segment.raw, 0)
        return text, None, 1
    elements = segment.elements
    start = sum(len(value) + 1 for value in elements[: min(element, len(elements))])
    width = max(len(elements[element]) if element < len(elements) else 1, 1)
    text, shift = _cut(segment.raw, start)
    return text, start - shift, min(width, len(text) - (start - shift)) or 1


def _cut(raw: str, around: int) -> tuple[str, int]:
    """``raw`` cut to :data:`WINDOW` characters before ``around`` and twice that after (with
    ``…`` where it was cut), and how many characters were cut from the front."""
    begin = max(0, around - WINDOW)
    end = min(len(raw), around + WINDOW * 2)
    text = raw[begin:end]
    shift = begin
    if begin > 0:
        text = CUT + text
        shift -= len(CUT)
    if end < len(raw):
        text += CUT
    return text, shift
