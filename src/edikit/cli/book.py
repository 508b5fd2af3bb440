"""``edikit book``: record documents in the order book, and report what it holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from edikit.book import BookError, Finding, OrderBook, OrderSummary
from edikit.cli.options import (
    EXIT_UNREADABLE,
    INPUT_PATH,
    connect_timeout_option,
    exit_code,
    fail,
    fail_on_option,
    limits,
    max_findings_option,
    max_per_rule_option,
    open_book,
    received_option,
    report_format_option,
    utc,
    write_report,
)
from edikit.cli.validate import rules_or_exit
from edikit.many import expand, unreadable
from edikit.quoting import bounded
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Severity

book_option = click.option(
    "--book",
    "book_ref",
    metavar="PATH|URL",
    required=True,
    help="A SQLite file (created on first use) or a database URL "
    "(postgresql+psycopg://user@host/db).",
)


@click.group("book")
def group() -> None:
    """The order book: record documents, check new ones against it, summarise it."""


@group.command("add")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_PATH)
@book_option
@received_option
@click.option("--profile", "profile_ref", metavar="ID|PATH", help="Also check this profile.")
@report_format_option
@fail_on_option
@max_findings_option
@max_per_rule_option
@connect_timeout_option
def add(
    inputs: tuple[Path, ...],
    book_ref: str,
    received: dt.datetime | None,
    profile_ref: str | None,
    output_format: str,
    fail_on: str,
    max_findings: int | str | None,
    max_findings_per_rule: int | str | None,
    connect_timeout: int | None,
) -> None:
    """Check INPUTS against the book, in order, and record them. The report is the one of
    validate; a file already in the book is not recorded twice."""
    paths, unlisted = expand(inputs)
    caps = limits(max_findings, max_findings_per_rule)
    rules = rules_or_exit(profile_ref, minimum=Severity.WARNING, caps=caps)
    err = Console(stderr=True, highlight=False)
    with open_book(book_ref, connect_timeout) as book:
        results = [_add(book, path, rules, utc(received), err) for path in paths]
    results += unlisted
    write_report(output_format, results, None, Severity(fail_on), caps)
    sys.exit(exit_code(results, Severity(fail_on)))


def _add(
    book: OrderBook, path: Path, rules: RuleSet, received: dt.datetime | None, err: Console
) -> FileResult:
    try:
        added = book.add(path, received_at=received, rules=rules)
    except OSError as exc:
        return unreadable(path, f"{path}: {exc.strerror or exc}")
    except BookError as exc:  # the database went away, or stayed locked too long
        fail(f"{path}: {exc}", EXIT_UNREADABLE)
    err.print(f"{path}: {_add_state(added.recorded, added.added_at)}", soft_wrap=True)
    return added.result


def _add_state(recorded: bool, added_at: dt.datetime | None) -> str:
    if recorded:
        return "recorded"
    if added_at is None:  # recorded by an edikit before book schema 4
        return "already in the book (added before the book kept when)"
    return f"already in the book (added {added_at.isoformat(timespec='seconds')})"


@group.command("report")
@book_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@connect_timeout_option
def report(book_ref: str, output_format: str, connect_timeout: int | None) -> None:
    """Every purchase order in the book: units ordered, acknowledged, shipped and invoiced;
    open or complete; and the errors and warnings found in the documents added."""
    with open_book(book_ref, connect_timeout, create=False) as book:
        try:
            orders, findings = book.report(), book.findings()
            counts = book.counts()
        except BookError as exc:
            fail(str(exc), EXIT_UNREADABLE)
    if output_format == "json":
        payload = {
            "schema": "edikit.book-report/2",
            "counts": counts,
            "orders": [_order_json(o) for o in orders],
            "findings": [_finding_json(f) for f in findings],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    console = Console(highlight=False)
    table = Table(title="edikit order book")
    table.add_column("PO", no_wrap=True)
    for column in ("ordered", "acked", "shipped", "invoiced"):
        table.add_column(column, justify="right")
    table.add_column("state", no_wrap=True)
    table.add_column("findings", justify="right")
    for o in orders:
        amounts = (_units(n) for n in (o.ordered, o.acknowledged, o.shipped, o.invoiced))
        table.add_row(bounded(o.number, 40), *amounts, o.state, str(len(o.findings)))
    console.print(table)
    for f in findings:
        where = f"{f.file}:{f.line}:{f.column}" if f.line is not None else f.file
        about = f" (PO {bounded(f.order, 40)})" if f.order else ""
        message = bounded(f.message)  # books before this edikit may hold whole values
        console.print(f"{where}: {f.severity} {f.code}{about}: {message}", soft_wrap=True)
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))


def _units(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _order_json(summary: OrderSummary) -> dict[str, object]:
    return {
        "number": summary.number,
        "file": summary.file,
        "ordered": _units(summary.ordered),
        "acknowledged": _units(summary.acknowledged),
        "shipped": _units(summary.shipped),
        "invoiced": _units(summary.invoiced),
        "open": summary.is_open,
        "state": summary.state,
        "errors": sum(1 for f in summary.findings if f.severity == "error"),
        "warnings": sum(1 for f in summary.findings if f.severity == "warning"),
    }


def _finding_json(finding: Finding) -> dict[str, object]:
    return dataclasses.asdict(finding)
