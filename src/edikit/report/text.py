"""The report for people (rich): grouped by file and document, each finding with the segment
it is about between its neighbours, the element marked, and a summary line."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from edikit.io.decode import readable
from edikit.quoting import bounded
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits, omitted_note
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.vocabulary import Excerpt, Severity, Violation

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARGIN = "           "
_PREFIX = len(_MARGIN) + 10  # margin, marker, line number and " | "
MESSAGE_SHOWN = 500  # characters of a message a person is shown


def print_file(console: Console, result: FileResult, caps: FindingLimits = DEFAULT_LIMITS) -> None:
    counts = {s: result.count(s) for s in Severity}
    if not result.all_violations() and not result.omitted:
        console.print(Text.assemble((result.path, "bold"), ": ", ("no problems", "green")))
        return
    console.print(Text(result.path, style="bold underline"))
    _print_block(console, "envelope", result.violations)
    for document in result.documents:
        title = f"{document.name}" + (f" (line {document.line})" if document.line else "")
        _print_block(console, title, document.violations)
    if result.omitted:
        console.print(Text(f"  {omitted_note(result, caps)}", style="bold yellow"), soft_wrap=True)
    summary = ", ".join(counted(counts[s], s) for s in Severity)
    console.print(Text(f"  {summary}", style="bold"))
    console.print()


def _print_block(console: Console, title: str, violations: Iterable[Violation]) -> None:
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
        head.append(f" {ref}: " if ref and not names(violation.message, ref) else " ")
        head.append(bounded(violation.message, MESSAGE_SHOWN))
        console.print(head)
        if violation.excerpt is not None:
            _print_excerpt(console, violation.excerpt)
        if violation.citation:  # "says who?": the guideline section behind a profile rule
            console.print(Text(f"{_MARGIN}  source: {violation.citation}", style="dim"))
        if violation.chargeback:
            console.print(Text(f"{_MARGIN}  chargeback: {violation.chargeback}", style="dim"))
        if violation.hint and violation.code not in hinted:
            hinted.add(violation.code)  # once per code and document: hints do not change
            console.print(Text(f"{_MARGIN}  hint: {violation.hint}", style="dim italic"))


def names(message: str, reference: str) -> bool:
    """Whether ``message`` already names the segment or element ``reference`` (``PO107``,
    ``REF``), so that a report does not say it twice (``PO107: PO107 'X' ...``)."""
    return re.search(rf"(?<![A-Z0-9]){re.escape(reference)}(?![0-9])", message) is not None


def _print_excerpt(console: Console, excerpt: Excerpt) -> None:
    """The segment between its neighbours, the element marked. Nothing is cut: off a terminal
    a line is never wrapped (a log or a pager keeps it whole); on a terminal, a line longer
    than its width is folded into rows of that width, the mark under the row that holds the
    element."""
    room = console.width - _PREFIX if console.is_terminal else None
    for line in excerpt.lines:
        marker = ">" if line.target else " "
        number = f"{line.line:>5}" if line.line is not None else "     "
        start = excerpt.start if line.target else None
        for index, (row_start, text) in enumerate(_folded(readable(line.text), room)):
            lead = f"{_MARGIN}{marker} {number} | " if index == 0 else f"{_MARGIN}        | "
            row = Text(lead, style="dim")
            row.append(text, style="" if line.target else "dim")
            console.print(row, soft_wrap=True)
            if start is not None and row_start <= start < row_start + max(len(text), 1):
                offset = start - row_start
                width = min(max(excerpt.width, 1), len(text) - offset) or 1
                console.print(Text(" " * (_PREFIX + offset) + "^" * width, style="bold red"))


def _folded(text: str, room: int | None) -> list[tuple[int, str]]:
    """``text`` in rows of at most ``room`` characters (None: one row), each with the offset
    it starts at."""
    if room is None or room < 10 or len(text) <= room:
        return [(0, text)]
    return [(begin, text[begin : begin + room]) for begin in range(0, len(text), room)]


def print_summary(console: Console, results: list[FileResult]) -> None:
    """A table of counts per file, for runs over many files."""
    table = Table(title="edikit validate", show_lines=False)
    table.add_column("file", overflow="fold")  # folded on a terminal, never cut
    table.add_column("documents", justify="right")
    for severity in Severity:
        heading = severity.value if severity is Severity.INFO else f"{severity.value}s"
        table.add_column(heading, justify="right", style=STYLE[severity])
    for result in results:
        table.add_row(
            result.path, str(len(result.documents)), *(str(result.count(s)) for s in Severity)
        )
    console.print(table)


def counted(number: int, severity: Severity) -> str:
    """``1 error``, ``2 warnings``, ``3 info``."""
    word = severity.value
    return f"{number:,} {word}{'s' if number != 1 and severity is not Severity.INFO else ''}"


def total_line(results: Sequence[FileResult], seconds: float | None = None) -> str:
    """The last line of a run: files, transaction sets, findings by severity (those left out
    past the caps included) and the time it took."""
    files = f"{len(results):,} file{'s' if len(results) != 1 else ''}"
    sets = sum(len(r.documents) for r in results)
    documents = f"{sets:,} transaction set{'s' if sets != 1 else ''}"
    counts = Counter[Severity]()
    for result in results:
        counts.update(v.severity for v in result.iter_violations())
        for item in result.omitted:
            counts[item.severity] += item.count
    found = ", ".join(counted(counts[s], s) for s in Severity)
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    return f"{files}, {documents}: {found}{took}"


def statistics(results: Iterable[FileResult]) -> list[tuple[str, Severity, int]]:
    """Findings per code (those left out past the caps included), most frequent first."""
    counts = Counter[tuple[str, Severity]]()
    for result in results:
        counts.update((v.code, v.severity) for v in result.iter_violations())
        for item in result.omitted:
            counts[(item.code, item.severity)] += item.count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [(code, severity, count) for (code, severity), count in ranked]


def write_statistics(results: Sequence[FileResult], out: IO[str], *, as_json: bool) -> None:
    """``--statistics``: one line per code (count, code, severity, name), as ruff does, or
    the same as a JSON list."""
    rules = catalog()
    rows = [
        (count, code, severity, rules[code].name if code in rules else "")
        for code, severity, count in statistics(results)
    ]
    if as_json:
        data = [
            {"code": code, "name": name, "severity": severity.value, "count": count}
            for count, code, severity, name in rows
        ]
        out.write(json.dumps(data, indent=2) + "\n")
        return
    width = max((len(f"{row[0]:,}") for row in rows), default=1)
    for count, code, severity, name in rows:
        out.write(f"{count:>{width},}  {code}  {severity.value:<7}  {name}\n")
