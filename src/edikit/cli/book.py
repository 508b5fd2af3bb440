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
    ReportChoices,
    RunNotes,
    connect_timeout_option,
    exit_code,
    fail,
    open_book,
    received_option,
    report_options,
    utc,
    write_report,
)
from edikit.cli.validate import jobs_option, rules_or_exit
from edikit.many import expand, validate_many
from edikit.quoting import bounded
from edikit.report.terminal import console as text_console
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet

book_option = click.option(
    "--book",
    "book_ref",
    metavar="PATH|URL",
    required=True,
    help="A SQLite file or a database URL (postgresql+psycopg://user@host/db). Only book add "
    "makes a new book; the other commands refuse a place that holds none.",
)


@click.group("book")
def group() -> None:
    """The order book: record documents, check new ones against it, summarise it."""


@group.command("add")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_PATH)
@book_option
@received_option
@click.option("--profile", "profile_ref", metavar="ID|PATH", help="Also check this profile.")
@report_options
@jobs_option
@connect_timeout_option
def add(
    inputs: tuple[Path, ...],
    book_ref: str,
    received: dt.datetime | None,
    profile_ref: str | None,
    report: ReportChoices,
    jobs: int | None,
    connect_timeout: int | None,
) -> None:
    """Check INPUTS against the book, in order, and record them; makes the book if there is
    none yet, and says so. The report is the one of validate. A file already in the book is
    not recorded or reported again: one line says when it was added."""
    notes = RunNotes()
    found = expand(inputs)
    rules = rules_or_exit(profile_ref, report.select, report.ignore, report.minimum, report.caps)
    err = text_console(stderr=True)
    with open_book(book_ref, connect_timeout) as book:
        if book.created:
            where = book.display_url if "://" in book_ref else book_ref  # a password masked
            err.print(f"edikit: created the order book {where}", soft_wrap=True)
        added = _add(book, found.files, rules, utc(received), jobs, err)
    results = [result for result in added if result is not None] + found.unlisted
    write_report(results, report, RunNotes(notes.started, found.skipped.note()))
    sys.exit(exit_code(results, report))


def _add(
    book: OrderBook,
    paths: list[Path],
    rules: RuleSet,
    received: dt.datetime | None,
    jobs: int | None,
    err: Console,
) -> list[FileResult | None]:
    """The result of adding each of ``paths``, in order (validated in ``jobs`` processes,
    recorded in batches); None for a file already in the book (its findings were reported
    when it was added)."""
    validated = validate_many(paths, rules, jobs=jobs)
    readable = [n for n, result in enumerate(validated) if result.error is None]
    try:
        added = book.add_many(
            [paths[n] for n in readable],
            received_at=received,
            rules=rules,
            validated=[validated[n] for n in readable],
        )
    except OSError as exc:  # a file that went away since it was read
        fail(f"{exc.filename}: {exc.strerror or exc}", EXIT_UNREADABLE)
    except BookError as exc:  # the database went away, or stayed locked too long
        fail(str(exc), EXIT_UNREADABLE)
    outcomes = dict(zip(readable, added, strict=True))
    results: list[FileResult | None] = []
    for number, (path, result) in enumerate(zip(paths, validated, strict=True)):
        outcome = outcomes.get(number)
        if outcome is None:
            results.append(result)  # unreadable: EDI005
        elif outcome.recorded:
            err.print(f"{path}: recorded", soft_wrap=True)
            results.append(outcome.result)
        else:
            err.print(f"{path}: {_already(outcome.added_at)}; not recorded again", soft_wrap=True)
            results.append(None)
    return results


def _already(added_at: dt.datetime | None) -> str:
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
            "schema": "edikit.book-report/3",
            "counts": counts,
            "orders": [_order_json(o) for o in orders],
            "findings": [_finding_json(f) for f in findings],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    console = text_console()
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
    console.print(book_totals(counts))


def book_totals(counts: dict[str, int]) -> str:
    """The last line of ``book report``: files, purchase orders and findings recorded."""

    def counted(number: int, one: str, many: str) -> str:
        return f"{number:,} {one if number == 1 else many}"

    return ", ".join(
        (
            counted(counts.get("files", 0), "file recorded", "files recorded"),
            counted(counts.get("orders", 0), "purchase order", "purchase orders"),
            counted(counts.get("findings", 0), "finding", "findings"),
        )
    )


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
