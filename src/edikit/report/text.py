"""The report for people (rich): grouped by file and document, each finding with the segment
it is about between its neighbours, the element marked, and a summary line."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from edikit.io.decode import readable
from edikit.quoting import bounded
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits, omitted_note
from edikit.rules.collect import CUT
from edikit.rules.result import FileResult
from edikit.vocabulary import Excerpt, Severity, Violation
from edikit.x12.describe import describe_element

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARGIN = "           "
_PREFIX = len(_MARGIN) + 10  # margin, marker, line number and " | "
MESSAGE_SHOWN = 500  # characters of a message a person is shown
ENVELOPE_TABLES = "004010"  # the envelope's elements are named from these tables


def print_file(console: Console, result: FileResult, caps: FindingLimits = DEFAULT_LIMITS) -> None:
    counts = {s: result.count(s) for s in Severity}
    if not result.all_violations() and not result.omitted:
        console.print(Text.assemble((result.path, "bold"), ": ", ("no problems", "green")))
        return
    console.print(Text(result.path, style="bold underline"))
    _print_block(console, "envelope", result.violations, ENVELOPE_TABLES)
    for document in result.documents:
        title = f"{document.name}" + (f" (line {document.line})" if document.line else "")
        _print_block(console, title, document.violations, document.version or ENVELOPE_TABLES)
    if result.omitted:
        console.print(Text(f"  {omitted_note(result, caps)}", style="bold yellow"), soft_wrap=True)
    summary = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity)
    console.print(Text(f"  {summary}", style="bold"))
    console.print()


def _print_block(
    console: Console, title: str, violations: Iterable[Violation], version: str
) -> None:
    violations = list(violations)
    if not violations:
        return
    console.print(Text(f"  {title}", style="bold"))
    hinted: set[str] = set()
    for violation in violations:
        location = violation.location
        head = Text("    ")
        where = ":".join(str(p) for p in (location.line, location.column) if p is not None)
        head.append(f"{where:>8} ", style="dim")
        head.append(f"{violation.code} {violation.severity.value:<7}", STYLE[violation.severity])
        if violation.rule_id and violation.rule_id != violation.code:
            head.append(f" [{violation.rule_id}]", style="bold")
        ref = location.reference()
        head.append(f" {ref}: " if ref else " ")
        head.append(bounded(violation.message, MESSAGE_SHOWN))
        console.print(head)
        if violation.excerpt is not None:
            _print_excerpt(console, violation.excerpt)
        described = _described(violation, version)
        if described is not None:  # the element's name, and what its code means
            console.print(Text(f"{_MARGIN}  {described}", style="dim"), soft_wrap=True)
        if violation.citation:  # "says who?": the guideline section behind a profile rule
            console.print(Text(f"{_MARGIN}  source: {violation.citation}", style="dim"))
        if violation.chargeback:
            console.print(Text(f"{_MARGIN}  chargeback: {violation.chargeback}", style="dim"))
        if violation.hint and violation.code not in hinted:
            hinted.add(violation.code)  # once per code and document: hints do not change
            console.print(Text(f"{_MARGIN}  hint: {violation.hint}", style="dim italic"))


def _described(violation: Violation, version: str) -> str | None:
    """The element a finding is about, as the version's dictionary describes it, with the
    meaning of the value the finding quotes when it is one of the element's codes."""
    location = violation.location
    if location.segment_id is None or location.element is None:
        return None
    value = violation.args.get("value")
    found = describe_element(
        version,
        location.segment_id,
        location.element,
        location.component,
        value if isinstance(value, str) else None,
    )
    return None if found is None else bounded(str(found), MESSAGE_SHOWN)


def _print_excerpt(console: Console, excerpt: Excerpt) -> None:
    """The segment between its neighbours, the element marked. Lines are never wrapped (a
    log or a pager keeps them whole); on a terminal, they are cut to its width around the
    mark."""
    room = console.width - _PREFIX if console.is_terminal else None
    for line in excerpt.lines:
        marker = ">" if line.target else " "
        number = f"{line.line:>5}" if line.line is not None else "     "
        start = excerpt.start if line.target else None
        text, start = _fitted(readable(line.text), start, room)
        row = Text(f"{_MARGIN}{marker} {number} | ", style="dim")
        row.append(text, style="" if line.target else "dim")
        console.print(row, soft_wrap=True)
        if line.target and start is not None:
            width = min(max(excerpt.width, 1), len(text) - start) or 1
            console.print(Text(" " * (_PREFIX + start) + "^" * width, style="bold red"))


def _fitted(text: str, start: int | None, room: int | None) -> tuple[str, int | None]:
    """``text`` cut to ``room`` characters (None: as it is), keeping ``start`` in view."""
    if room is None or room < 10 or len(text) <= room:
        return text, start
    begin = 0 if start is None else max(0, min(start - room // 3, len(text) - room))
    cut = text[begin : begin + room - 1]
    if begin:
        cut = CUT + cut[1:]
    cut += CUT
    return cut, (start - begin if start is not None else None)


def print_summary(console: Console, results: list[FileResult]) -> None:
    """A table of counts per file, for runs over many files."""
    table = Table(title="edikit validate", show_lines=False)
    table.add_column("file")
    table.add_column("documents", justify="right")
    for severity in Severity:
        table.add_column(f"{severity.value}s", justify="right", style=STYLE[severity])
    for result in results:
        table.add_row(
            result.path, str(len(result.documents)), *(str(result.count(s)) for s in Severity)
        )
    console.print(table)
