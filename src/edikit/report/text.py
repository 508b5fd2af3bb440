"""The report for people (rich): grouped by file and document, each finding with the segment
it is about between its neighbours, the element marked, and a summary line."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from edikit.io.decode import readable
from edikit.rules.result import FileResult
from edikit.vocabulary import Excerpt, Severity, Violation

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARGIN = "           "


def print_file(console: Console, result: FileResult) -> None:
    counts = {s: result.count(s) for s in Severity}
    if not result.all_violations() and not result.left_out:
        console.print(Text.assemble((result.path, "bold"), ": ", ("no problems", "green")))
        return
    console.print(Text(result.path, style="bold underline"))
    _print_block(console, "envelope", result.violations, result.omitted)
    for document in result.documents:
        title = f"{document.name}" + (f" (line {document.line})" if document.line else "")
        _print_block(console, title, document.violations, document.omitted)
    summary = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity)
    if result.left_out:
        summary += f"; {result.left_out} more left out (over the limit per rule or file)"
    console.print(Text(f"  {summary}", style="bold"))
    console.print()


def _print_block(
    console: Console, title: str, violations: Iterable[Violation], omitted: dict[str, int]
) -> None:
    violations = list(violations)
    if not violations and not omitted:
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
        head.append(violation.message)
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
    for code, count in sorted(omitted.items()):
        console.print(Text(f"    ... {count} more {code} left out", style="dim"))


def _print_excerpt(console: Console, excerpt: Excerpt) -> None:
    for line in excerpt.lines:
        marker = ">" if line.target else " "
        number = f"{line.line:>5}" if line.line is not None else "     "
        row = Text(f"{_MARGIN}{marker} {number} | ", style="dim")
        row.append(readable(line.text), style="" if line.target else "dim")
        console.print(row)
        if line.target and excerpt.start is not None:
            pad = len(_MARGIN) + 10 + excerpt.start
            console.print(Text(" " * pad + "^" * max(excerpt.width, 1), style="bold red"))


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
