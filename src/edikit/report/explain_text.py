"""``edikit explain`` on a terminal (rich): the envelope in a sentence, then each transaction
set as a tree of loops and segments, each element named with its value and the meaning of its
code, each finding under its segment and the element it names marked."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from edikit.io.datatypes import is_digits
from edikit.report.explain import (
    ExplainedDocument,
    ExplainedElement,
    ExplainedFinding,
    ExplainedGroup,
    ExplainedInterchange,
    ExplainedLoop,
    ExplainedParty,
    ExplainedSegment,
    Explanation,
)
from edikit.report.text import STYLE, counted
from edikit.vocabulary import Severity

_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}  # noqa: RUF001


def print_explanation(console: Console, explanation: Explanation) -> None:
    """The whole input, one tree per interchange."""
    counts = ", ".join(counted(n, Severity(severity)) for severity, n in explanation.counts.items())
    console.print(Text.assemble((explanation.file, "bold underline"), f"  ({counts})"))
    for finding in explanation.findings:
        console.print(_finding(finding))
    for interchange in explanation.interchanges:
        console.print(_interchange(interchange))
    console.print()


def _interchange(interchange: ExplainedInterchange) -> Tree:
    usage = interchange.usage_meaning or interchange.usage
    tree = Tree(
        Text.assemble(
            ("Interchange ", "bold"),
            (interchange.control_number, "bold"),
            f" from {_party(interchange.sender)} to {_party(interchange.receiver)}, "
            f"{_isa_date(interchange.date)} {_time(interchange.time)}, ",
            (usage.lower(), "bold magenta" if interchange.usage != "P" else "bold"),
            f" (ISA15 {interchange.usage}), version {interchange.version}",
        ),
        guide_style="dim",
    )
    for segment in interchange.segments[:1]:
        _add_segment(tree, segment)
    for group in interchange.groups:
        _add_group(tree, group)
    for segment in interchange.segments[1:]:
        _add_segment(tree, segment)
    return tree


def _add_group(parent: Tree, group: ExplainedGroup) -> None:
    what = group.functional_name or group.functional_id
    branch = parent.add(
        Text.assemble(
            ("Group ", "bold"),
            (group.control_number, "bold"),
            f": {what} (GS01 {group.functional_id}) from {group.sender} to {group.receiver}, "
            f"{_date(group.date)} {_time(group.time)}, version {group.version}",
        )
    )
    for segment in group.segments[:1]:
        _add_segment(branch, segment)
    for document in group.documents:
        _add_document(branch, document)
    for segment in group.segments[1:]:
        _add_segment(branch, segment)


def _add_document(parent: Tree, document: ExplainedDocument) -> None:
    title = Text.assemble(
        (f"{document.set_id} {document.control_number}", "bold cyan"),
        f" {document.name}" if document.name else "",
    )
    if document.summary:
        title.append(f": {document.summary}")
    branch = parent.add(title)
    for finding in document.findings:
        branch.add(_finding(finding))
    if document.tree is not None:
        for child in document.tree.children:
            _add_node(branch, child)
    if document.omitted:
        branch.add(
            Text(
                f"{document.omitted:,} more segments not drawn (--max-segments); "
                "every finding is shown",
                style="dim italic",
            )
        )


def _add_node(parent: Tree, node: ExplainedLoop | ExplainedSegment) -> None:
    if isinstance(node, ExplainedSegment):
        _add_segment(parent, node)
        return
    label = Text(node.label, style="bold green")
    if node.summary:
        label.append(f": {node.summary}")
    branch = parent.add(label)
    for child in node.children:
        _add_node(branch, child)


def _add_segment(parent: Tree, segment: ExplainedSegment) -> None:
    worst = min((f.severity for f in segment.findings), key=_rank, default=None)
    text = Text(segment.tag, style=STYLE[worst] if worst else "bold")
    if segment.name:
        text.append(f" {segment.name}")
    if segment.line is not None:
        text.append(f"  line {segment.line}", style="dim")
    for element in segment.elements:
        text.append("\n")
        text.append_text(_element(element))
        for component in element.components:
            text.append("\n  ")
            text.append_text(_element(component))
    for finding in segment.findings:
        text.append("\n")
        text.append_text(_finding(finding))
    parent.add(text)


def _element(element: ExplainedElement) -> Text:
    line = Text("  ")
    line.append(element.reference, style="bold red" if element.flagged else "dim")
    if element.name:
        line.append(f" {element.name}")
    line.append(": ")
    line.append(element.value, style="bold red reverse" if element.flagged else "bold")
    if element.meaning:
        line.append(f" ({element.meaning})", style="italic")
    if element.flagged:
        line.append("  ◀", style="bold red")
    return line


def _finding(finding: ExplainedFinding) -> Text:
    text = Text("  ")
    text.append(
        f"{_MARK[finding.severity]} {finding.code} {finding.severity.value}",
        STYLE[finding.severity],
    )
    if finding.rule_id != finding.code:
        text.append(f" [{finding.rule_id}]", style="bold")
    text.append(f": {finding.message}")
    if finding.chargeback:
        text.append(f"\n    chargeback: {finding.chargeback}", style="dim")
    if finding.hint:
        text.append(f"\n    hint: {finding.hint}", style="dim italic")
    return text


def _rank(severity: Severity) -> int:
    return -severity.rank


def _party(party: ExplainedParty) -> str:
    return f"{party.id.strip()} ({party.qualifier_meaning or party.qualifier})"


def _isa_date(text: str) -> str:
    return f"20{text[:2]}-{text[2:4]}-{text[4:6]}" if len(text) == 6 and is_digits(text) else text


def _date(text: str) -> str:
    return f"{text[:4]}-{text[4:6]}-{text[6:]}" if len(text) == 8 and is_digits(text) else text


def _time(text: str) -> str:
    return f"{text[:2]}:{text[2:4]}" if len(text) >= 4 and is_digits(text[:4]) else text
