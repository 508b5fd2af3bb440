"""``edikit validate``: every check on the inputs, reported for people or machines."""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from edikit.api import ruleset
from edikit.cli.options import (
    EXIT_UNREADABLE,
    EXIT_USAGE,
    INPUT_PATH,
    SEVERITIES,
    connect_timeout_option,
    exit_code,
    fail,
    fail_on_option,
    limits,
    max_findings_option,
    max_per_rule_option,
    open_book,
    profile_or_exit,
    received_option,
    report_format_option,
    utc,
    write_report,
)
from edikit.errors import ProfileError
from edikit.many import cores, expand, validate_many
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet, Selection
from edikit.vocabulary import Severity


@click.command("validate")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_PATH)
@report_format_option
@fail_on_option
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="warning",
    show_default=True,
    help="Leave out violations below this severity (info: notes such as codes edikit's "
    "partial code lists do not know).",
)
@click.option(
    "--select", multiple=True, help="Report only codes starting with these (EDI3,EDI501)."
)
@click.option("--ignore", multiple=True, help="Do not report codes starting with these.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--profile",
    "profile_ref",
    metavar="ID|PATH",
    help="Also check a retailer profile (edikit profile list shows the built-in ones).",
)
@click.option(
    "--set",
    "as_set",
    is_flag=True,
    help="Also check the documents against each other (EDI6xx): PO links, items and "
    "quantities shipped against ordered, SSCC/ASN/invoice numbers unique across the inputs.",
)
@click.option(
    "--book",
    "book_ref",
    metavar="PATH|URL",
    help="Also check the inputs against an order book (see edikit book add) and each other; "
    "nothing is recorded.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=f"Validate N files at a time, each in its own process (default: the cores this "
    f"process may use, {cores()} here). The results are the same, in the same order.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Validate the files on a Dask cluster, by its scheduler's address "
    "(tcp://host:8786); its workers must be able to read the paths. Needs "
    "pip install 'edikit[dask]'.",
)
@max_findings_option
@max_per_rule_option
@connect_timeout_option
@received_option
def command(
    inputs: tuple[Path, ...],
    output_format: str,
    fail_on: str,
    min_severity: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    profile_ref: str | None,
    as_set: bool,
    book_ref: str | None,
    max_findings: int | str | None,
    max_findings_per_rule: int | str | None,
    connect_timeout: int | None,
    received: dt.datetime | None,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """Check INPUTS (files or directories) against the X12 standard and the business rules
    (and a retailer profile with --profile, each other with --set, an order book and each
    other with --book)."""
    caps = limits(max_findings, max_findings_per_rule)
    rules = rules_or_exit(profile_ref, select, ignore, Severity(min_severity), caps)
    paths, unlisted = expand(inputs)
    if not paths and not unlisted:
        raise click.UsageError("no files to validate")
    at = utc(received)
    times = {str(p): at for p in paths} if at is not None else None
    with _cluster(scheduler, connect_timeout) as client, _progress(len(paths)) as advance:
        run: dict[str, Any] = {"jobs": jobs, "client": client, "received": times}
        run["progress"] = advance
        if book_ref:
            with open_book(book_ref, connect_timeout, create=False) as book:
                results = validate_many(paths, rules, book=book, **run)
        else:
            results = validate_many(paths, rules, together=as_set, **run)
    results = [*results, *unlisted]
    gc.freeze()  # kept to the end (see edikit.cli.run): the collector need not scan them again
    write_report(output_format, results, output, Severity(fail_on), caps)
    sys.exit(exit_code(results, Severity(fail_on)))


def rules_or_exit(
    profile_ref: str | None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    minimum: Severity = Severity.INFO,
    caps: FindingLimits = DEFAULT_LIMITS,
) -> RuleSet:
    """The rule set the options describe: exit 2 for an unknown code or a bad profile."""
    selection = Selection.of(select, ignore, minimum)
    known = catalog()
    unknown = [
        prefix
        for prefix in (*selection.select, *selection.ignore)
        if prefix != "EDI" and not any(code.startswith(prefix) for code in known)
    ]
    if unknown:
        raise click.UsageError(f"not a code or code prefix: {', '.join(unknown)}")
    profile = profile_or_exit(profile_ref) if profile_ref else None
    try:
        return ruleset(
            profile,
            select=select,
            ignore=ignore,
            min_severity=minimum,
            max_per_rule=caps.per_rule,
            max_per_file=caps.per_file,
        )
    except ProfileError as exc:
        fail(str(exc), EXIT_USAGE)


@contextmanager
def _cluster(address: str | None, timeout: int | None) -> Iterator[Any]:
    """A client of the Dask cluster at ``address`` (None without one): exit 2 when Dask is
    not installed, 3 when the scheduler cannot be reached in ``timeout`` seconds (10)."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        fail("--scheduler needs Dask: pip install 'edikit[dask]'", EXIT_USAGE)
    try:
        client = Client(address, timeout=timeout or 10)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        fail(f"cannot reach the Dask scheduler at {address}: {exc}", EXIT_UNREADABLE)
    with client:
        yield client


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Path, FileResult], None]]:
    """A progress bar on a terminal for a run over several files, with files and segments
    per second; nothing on a pipe or for one file."""
    from rich.console import Console

    err = Console(stderr=True)
    if total < 2 or not err.is_terminal:
        yield lambda path, result: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("validating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files  {task.fields[rate]}"),
    )
    started = time.monotonic()
    done = {"files": 0, "segments": 0}
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("validating", total=total, rate="")

        def advance(path: Path, result: FileResult) -> None:
            done["files"] += 1
            done["segments"] += result.segments
            bar.update(task, advance=1, rate=_rate(done, time.monotonic() - started))

        yield advance


def _rate(done: dict[str, int], seconds: float) -> str:
    """``12.5 files/s, 480,112 segments/s``."""
    if seconds <= 0:
        return ""
    files, segments = done["files"] / seconds, done["segments"] / seconds
    return f"{files:,.1f} files/s, {segments:,.0f} segments/s"
