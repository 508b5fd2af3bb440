"""The report for people (rich): grouped by file and document, each violation with the
segment it is about between its neighbours, the element marked, and a summary line."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from edikit.io.decode import readable
from edikit.io.envelope import X12File
from edikit.io.segment import Segment
from edikit.report.results import FileResult
from edikit.rules.violation import Severity, Violation

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_file(console: Console, result: FileResult, x12: X12File | None) -> None:
    counts = {s: result.count(s) for s in Severity}
    if not result.all_violations():
        console.print(Text.assemble((result.path, "bold"), ": ", ("no problems", "green")))
        return
    console.print(Text(result.path, style="bold underline"))
    by_index = _segments_by_index(x12)
    _print_block(console, "envelope", result.violations, by_index)
    for document in result.documents:
        title = f"{document.name}" + (f" (line {document.line})" if document.line else "")
        _print_block(console, title, document.violations, by_index)
    summary = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity)
    console.print(Text(f"  {summary}", style="bold"))
    console.print()


def _print_block(
    console: Console, title: str, violations: list[Violation], by_index: dict[int, Segment]
) -> None:
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
        ref = location.reference()
        head.append(f" {ref}: " if ref else " ")
        head.append(violation.message)
        console.print(head)
        if location.segment_index is not None:
            _print_context(console, by_index, location.segment_index, location.element)
        if violation.citation:  # "says who?": the guideline section behind a profile rule
            console.print(Text(f"             source: {violation.citation}", style="dim"))
        if violation.hint and violation.code not in hinted:
            hinted.add(violation.code)  # once per code and document: hints do not change
            console.print(Text(f"             hint: {violation.hint}", style="dim italic"))


def _print_context(
    console: Console, by_index: dict[int, Segment], index: int, element: int | None
) -> None:
    for neighbour in (index - 1, index, index + 1):
        segment = by_index.get(neighbour)
        if segment is None:
            continue
        marker = ">" if neighbour == index else " "
        line = Text(f"           {marker} {segment.line:>5} | ", style="dim")
        line.append(readable(segment.raw), style="" if neighbour == index else "dim")
        console.print(line)
        if neighbour == index and element is not None and segment.offset >= 0:
            start, width = _element_span(segment, element)
            console.print(Text(" " * (21 + start) + "^" * max(width, 1), style="bold red"))


def _element_span(segment: Segment, element: int) -> tuple[int, int]:
    elements = segment.elements
    start = sum(len(value) + 1 for value in elements[: min(element, len(elements))])
    width = len(elements[element]) if element < len(elements) else 1
    return start, width


def _segments_by_index(x12: X12File | None) -> dict[int, Segment]:
    if x12 is None:
        return {}
    found: dict[int, Segment] = {}
    for interchange in x12.interchanges:
        found[interchange.header.index] = interchange.header
        for group in interchange.groups:
            found[group.header.index] = group.header
            for tx in group.transactions:
                for segment in tx.all_segments():
                    found[segment.index] = segment
            if group.trailer is not None:
                found[group.trailer.index] = group.trailer
        if interchange.trailer is not None:
            found[interchange.trailer.index] = interchange.trailer
    return found


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
