"""``edikit parse`` output: the envelope tree, its segments and typed documents, as JSON or
as text.

The JSON shape is documented in ``docs/parse-json.md`` and versioned by its ``schema`` field;
fields are only ever added within one schema version.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from edikit._json import iter_json
from edikit.api import ParsedFile
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.decode import readable
from edikit.io.envelope import Group, Interchange, Transaction
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap
from edikit.report.json_report import violation_to_json
from edikit.vocabulary import Severity, Violation

SCHEMA = "edikit.parse/1"
JsonObject = dict[str, Any]


#: Nesting deeper than this is not indented further in JSON output.
JSON_INDENT_DEPTH = 64


def write_json(document: object, stream: TextIO) -> None:
    """``json.dump(document, stream, indent=2, ensure_ascii=False)`` and a line break, at any
    depth of nesting (an 856's HL levels nest as deep as its input says; ``json.dump``
    recurses once per level). Lines nested deeper than :data:`JSON_INDENT_DEPTH` levels are
    indented as that level, so that the output grows in proportion to the document."""
    for piece in iter_json(document, indent=2, ensure_ascii=False, indent_depth=JSON_INDENT_DEPTH):
        stream.write(piece)
    stream.write("\n")


def file_to_json(parsed: ParsedFile, segments: bool = True) -> JsonObject:
    view = _View(parsed, segments)
    envelope = parsed.envelope
    return {
        "file": envelope.name,
        "codec": envelope.codec,
        "interchanges": [view.interchange(ic) for ic in envelope.interchanges],
        "outside": [_gap(gap) for gap in envelope.parts if isinstance(gap, Gap)],
        "violations": [violation_to_json(v) for v in parsed.all_violations()],
    }


class _View:
    """A parsed file as ``edikit parse --format json`` shows it."""

    def __init__(self, parsed: ParsedFile, segments: bool) -> None:
        self.parsed = parsed
        self.segments = segments
        self.by_transaction = {id(p.transaction): p for p in parsed.transactions}

    def interchange(self, ic: Interchange) -> JsonObject:
        return _interchange(ic, self)

    def group(self, group: Group) -> JsonObject:
        return _group(group, self)

    def transaction(self, tx: Transaction) -> JsonObject:
        body: JsonObject = {
            "index": tx.context.transaction,
            "set_id": tx.set_id,
            "control_number": tx.control_number,
            "segment_count": len(tx.segments) + 1 + (tx.trailer is not None),
            "line": tx.header.line,
        }
        if self.segments:
            body["segments"] = [_segment(s) for s in tx.all_segments()]
        parsed: ParsedTransaction | None = self.by_transaction.get(id(tx))
        document = self.parsed.document(parsed) if parsed is not None else None
        body["document"] = (
            {"type": type(document).__name__, **document.model_dump(mode="json")}
            if document is not None
            else None
        )
        return body


def _interchange(ic: Interchange, view: _View) -> JsonObject:
    delimiters = ic.delimiters
    return {
        "index": ic.index,
        "control_number": ic.control_number,
        "sender": {"qualifier": ic.sender[0], "id": readable(ic.sender[1])},
        "receiver": {"qualifier": ic.receiver[0], "id": readable(ic.receiver[1])},
        "date": ic.header[9],
        "time": ic.header[10],
        "version": ic.version,
        "usage": ic.usage,
        "delimiters": {
            "element": delimiters.element,
            "component": delimiters.component,
            "repetition": delimiters.repetition,
            "segment": delimiters.segment,
        },
        "header": _segment(ic.header),
        "trailer": _segment(ic.trailer) if ic.trailer else None,
        "service_segments": [_segment(s) for s in ic.parts if isinstance(s, Segment)],
        "groups": [view.group(group) for group in ic.groups],
    }


def _group(group: Group, view: _View) -> JsonObject:
    return {
        "index": group.index,
        "functional_id": group.functional_id,
        "control_number": group.control_number,
        "sender": readable(group.header[2]),
        "receiver": readable(group.header[3]),
        "date": group.header[4],
        "time": group.header[5],
        "version": group.version,
        "header": _segment(group.header),
        "trailer": _segment(group.trailer) if group.trailer else None,
        "stray_segments": [_segment(s) for s in group.parts if isinstance(s, Segment)],
        "transactions": [view.transaction(tx) for tx in group.transactions],
    }


def _segment(segment: Segment) -> JsonObject:
    return {
        "id": segment.tag,
        "elements": [readable(value) for value in segment.elements[1:]],
        "position": segment.position,
        "index": segment.index,
        "line": segment.line,
        "column": segment.column,
        "offset": segment.offset,
    }


def _gap(gap: Gap) -> JsonObject:
    return {
        "text": readable(gap.text),
        "line": gap.line,
        "column": gap.column,
        "offset": gap.offset,
    }


# -- text ------------------------------------------------------------------------------------
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_file(console: Console, parsed: ParsedFile, segments: bool = True) -> None:
    root = Tree(Text(f"{parsed.name or '<input>'}", style="bold"))
    for ic in parsed.interchanges:
        sender, receiver = ":".join(ic.sender), ":".join(ic.receiver)
        node = root.add(
            f"interchange {ic.control_number}  {sender} -> {receiver}  "
            f"version {ic.version}  usage {ic.usage}  (line {ic.header.line})"
        )
        for group in ic.groups:
            group_node = node.add(
                f"group {group.functional_id} {group.control_number}  {group.version}  "
                f"(line {group.header.line})"
            )
            for tx in group.transactions:
                count = len(tx.segments) + 1 + (tx.trailer is not None)
                tx_node = group_node.add(
                    f"{tx.set_id} {tx.control_number}  {count} segments ST..SE  "
                    f"(line {tx.header.line})"
                )
                if segments:
                    for segment in tx.all_segments():
                        tx_node.add(Text(readable(segment.raw), style="dim"))
    console.print(root)
    print_violations(console, parsed.all_violations())


def print_violations(console: Console, violations: list[Violation]) -> None:
    for violation in violations:
        line = Text()
        line.append(violation.location.describe(), style="bold")
        line.append(": ")
        line.append(
            f"{violation.severity.value} {violation.code}", style=_STYLE[violation.severity]
        )
        line.append(f" {violation.message}")
        console.print(line)
        if violation.hint:
            console.print(Text(f"    hint: {violation.hint}", style="dim"))
