"""``edikit validate``: every check on the inputs, reported for people or machines."""

from __future__ import annotations

import datetime as dt
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
    ReportChoices,
    RunNotes,
    connect_timeout_option,
    exit_code,
    fail,
    open_book,
    profile_or_exit,
    received_option,
    report_options,
    utc,
    write_report,
)
from edikit.errors import ProfileError
from edikit.many import DEFAULT_INCLUDE, STDIN, InputSelection, cores, expand, validate_many
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet, Selection
from edikit.vocabulary import Severity

jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=f"Validate N files at a time, each in its own process (default: the cores this "
    f"process may use, {cores()} here). The results are the same, in the same order.",
)
include_option = click.option(
    "--include",
    multiple=True,
    metavar="PATTERNS",
    help="Read the files of folders that match these gitignore-style patterns (comma "
    "separated or repeated; default: " + ",".join(DEFAULT_INCLUDE) + "); any other file is "
    "read when it starts with an ISA segment.",
)
exclude_option = click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERNS",
    help="Leave out the files and folders of folders that match these patterns.",
)
gitignore_option = click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=True,
    show_default=True,
    help="Leave out the files of folders that the repository's .gitignore files ignore.",
)


def selection(
    include: tuple[str, ...], exclude: tuple[str, ...], respect_gitignore: bool
) -> InputSelection:
    """The input selection the options describe."""

    def patterns(given: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p.strip() for item in given for p in item.split(",") if p.strip())

    return InputSelection(
        include=patterns(include) or DEFAULT_INCLUDE,
        exclude=patterns(exclude),
        gitignore=respect_gitignore,
    )


@click.command("validate")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_PATH)
@report_options
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
@jobs_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Validate the files on a Dask cluster, by its scheduler's address "
    "(tcp://host:8786); its workers must be able to read the paths. Needs "
    "pip install 'edikit-x12[dask]'.",
)
@include_option
@exclude_option
@gitignore_option
@connect_timeout_option
@received_option
def command(
    inputs: tuple[Path, ...],
    report: ReportChoices,
    profile_ref: str | None,
    as_set: bool,
    book_ref: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    respect_gitignore: bool,
    connect_timeout: int | None,
    received: dt.datetime | None,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """Check INPUTS (files, folders, or - for standard input) against the X12 standard and
    the business rules (and a retailer profile with --profile, each other with --set, an
    order book and each other with --book).

    In a folder, the files named like X12 (--include) or that start with an ISA segment are
    read, except those --exclude or a .gitignore leaves out; one line on standard error says
    what was skipped. Settings can come from edikit.toml or pyproject.toml [tool.edikit].
    """
    notes = RunNotes()
    rules = rules_or_exit(profile_ref, report.select, report.ignore, report.minimum, report.caps)
    found = expand(inputs, selection(include, exclude, respect_gitignore))
    if not found.files and not found.unlisted:
        raise click.UsageError(f"no files to validate ({found.skipped.note() or 'none found'})")
    stdin = sys.stdin.buffer.read() if any(str(p) == STDIN for p in found.files) else None
    at = utc(received)
    times = {str(p): at for p in found.files} if at is not None else None
    with _cluster(scheduler, connect_timeout) as client, _progress(len(found.files)) as advance:
        run: dict[str, Any] = {"jobs": jobs, "client": client, "received": times}
        run.update(progress=advance, stdin=stdin)
        if book_ref:
            with open_book(book_ref, connect_timeout, create=False) as book:
                results = validate_many(found.files, rules, book=book, **run)
        else:
            results = validate_many(found.files, rules, together=as_set, **run)
    results = [*results, *found.unlisted]
    write_report(results, report, RunNotes(notes.started, found.skipped.note()))
    sys.exit(exit_code(results, report))


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
        fail("--scheduler needs Dask: pip install 'edikit-x12[dask]'", EXIT_USAGE)
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
