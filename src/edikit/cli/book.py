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

from edikit.book import BookError, Finding, OrderBook, OrderSummary, Scorecard, Windows
from edikit.book.scorecard import Period
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
    report_output,
    utc,
    write_report,
)
from edikit.cli.validate import jobs_option, rules_or_exit
from edikit.many import expand, validate_many
from edikit.quoting import bounded
from edikit.report.html import write_scorecard_html
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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    help="text: the orders and findings, and the scorecard per retailer; json: the same as "
    "data (docs/scorecard.md); html: the scorecard as one self-contained page with charts.",
)
@click.option(
    "--period",
    type=click.Choice(["week", "month"]),
    default="week",
    show_default=True,
    help="The scorecard's periods (a PO counts in the period of its due date).",
)
@click.option(
    "--ack-hours",
    type=click.FloatRange(min=0, min_open=True),
    default=48.0,
    show_default=True,
    help="An 855 is on time within this many hours of its PO.",
)
@click.option(
    "--asn-hours",
    type=click.FloatRange(min=0, min_open=True),
    default=24.0,
    show_default=True,
    help="An 856 is on time within this many hours of the shipment leaving (DTM*011).",
)
@click.option(
    "--window",
    "retailer_windows",
    multiple=True,
    metavar="RETAILER=ACK,ASN",
    help="A retailer's own windows in hours, by its ISA ID (repeatable): --window ZAPPOS=48,2.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@connect_timeout_option
def report(
    book_ref: str,
    output_format: str,
    period: Period,
    ack_hours: float,
    asn_hours: float,
    retailer_windows: tuple[str, ...],
    output: Path | None,
    connect_timeout: int | None,
) -> None:
    """Every purchase order in the book: units ordered, acknowledged, shipped and invoiced;
    open or complete; the errors and warnings found in the documents added; and the
    compliance scorecard per retailer and period (on time, fill rates, OTIF, ASN and invoice
    accuracy, chargeback exposure)."""
    windows = Windows(ack_hours=ack_hours, asn_hours=asn_hours)
    by_retailer = dict(_retailer_window(text) for text in retailer_windows)
    with open_book(book_ref, connect_timeout, create=False) as book:
        try:
            orders, findings = book.report(), book.findings()
            counts = book.counts()
            card = book.scorecard(period=period, windows=windows, by_retailer=by_retailer)
        except BookError as exc:
            fail(str(exc), EXIT_UNREADABLE)
    with report_output(output) as stream:
        if output_format == "json":
            payload = {
                "schema": "edikit.book-report/3",
                "counts": counts,
                "orders": [_order_json(o) for o in orders],
                "findings": [_finding_json(f) for f in findings],
                "scorecard": card.to_json(),
            }
            stream.write(json.dumps(payload, indent=2) + "\n")
        elif output_format == "html":
            write_scorecard_html(card.to_json(), stream, title="edikit compliance scorecard")
        else:
            console = text_console(stream if output else None)
            _print_orders(console, orders, findings)
            _print_scorecard(console, card)
            console.print(book_totals(counts))


def _retailer_window(text: str) -> tuple[str, Windows]:
    """``ZAPPOS=48,2``: a retailer's ISA ID and its windows (hours to acknowledge, to send the
    ship notice)."""
    retailer, _, hours = text.rpartition("=")
    parts = hours.split(",")
    try:
        ack, asn = (float(part) for part in parts) if len(parts) == 2 else (0.0, 0.0)
    except ValueError:
        ack = asn = 0.0
    if not retailer.strip() or ack <= 0 or asn <= 0:
        raise click.UsageError(
            f"--window {text!r}: give RETAILER=ACK,ASN, the hours above 0 (ZAPPOS=48,2)"
        )
    return retailer.strip(), Windows(ack_hours=ack, asn_hours=asn)


def _print_orders(console: Console, orders: list[OrderSummary], findings: list[Finding]) -> None:
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


def _print_scorecard(console: Console, card: Scorecard) -> None:
    """The scorecard's totals per retailer (the periods are in the JSON and HTML reports)."""
    table = Table(title=f"compliance scorecard (by {card.period}: --format html or json)")
    columns = ("POs", "ack on time", "ship on time", "order fill", "unit fill", "OTIF")
    table.add_column("retailer", no_wrap=True)
    for column in (*columns, "ASN on time", "invoice accuracy", "exposure"):
        table.add_column(column, justify="right")
    totals = [(r, card.retailer_totals(r)) for r in sorted(card.retailers)]
    for name, figures in [*totals, ("all", card.totals())]:
        rates = figures.rates()
        shown = (
            rates["ack_on_time_rate"],
            rates["ship_on_time_rate"],
            rates["order_fill_rate"],
            rates["unit_fill_rate"],
            rates["otif_rate"],
            rates["asn_on_time_rate"],
            rates["invoice_accuracy"],
        )
        exposure = ", ".join(f"{a:.2f} {c}" for c, a in sorted(figures.exposure.items()))
        table.add_row(
            bounded(name, 40), str(figures.orders), *(_percent(r) for r in shown), exposure or "-"
        )
    console.print(table)
    omitted = card.totals().findings_omitted
    if omitted:
        console.print(
            f"{omitted:,} errors and warnings were left out by the finding caps when files "
            "were added: the ASN and invoice figures and the exposure do not count them "
            "(book add --max-findings all records every one)",
            soft_wrap=True,
        )


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


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
