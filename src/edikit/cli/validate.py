"""``edikit validate``: every check on the inputs, reported for people or machines."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from edikit.api import ruleset
from edikit.cli.options import (
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
from edikit.many import DEFAULT_INCLUDE, STDIN, InputSelection, expand, validate_paths
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet, Selection
from edikit.vocabulary import Severity

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
    with _progress(len(found.files)) as advance:
        if book_ref:
            with open_book(book_ref, connect_timeout, create=False) as book:
                results = validate_paths(
                    found.files, rules, book=book, received=times, progress=advance, stdin=stdin
                )
        else:
            results = validate_paths(
                found.files, rules, together=as_set, received=times, progress=advance, stdin=stdin
            )
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
def _progress(total: int) -> Iterator[Callable[[Path, FileResult], None]]:
    """A progress bar on a terminal for a run over several files; nothing on a pipe."""
    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=total < 2 or not err.is_terminal) as bar:
        task = bar.add_task("validating", total=total)
        yield lambda path, result: bar.advance(task)
