"""What the commands share: exit codes, options, and how a report or a failure reaches the
user. Commands parse options and print; the work is done by the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, NoReturn

import click
from rich.console import Console

from edikit._version import __version__
from edikit.book import BookError, OrderBook, book_url
from edikit.errors import ConfigurationError, ProfileError
from edikit.profiles.loader import ResolvedProfile
from edikit.report.json_report import validate_json
from edikit.report.junit import to_junit
from edikit.report.sarif import to_sarif
from edikit.report.text import print_file, print_summary
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
SEVERITIES: Final = [s.value for s in Severity]
TIME_FORMATS: Final = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]

report_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "junit"]),
    default="text",
    show_default=True,
    help="text for people; json (docs/validate-json.md), sarif or junit for machines.",
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a violation of at least this severity is reported.",
)
received_option = click.option(
    "--received",
    type=click.DateTime(TIME_FORMATS),
    help="When the inputs were received (UTC), for a profile's timing rules; by default the "
    "date and time each sender wrote in its functional group (GS04/GS05).",
)
connect_timeout_option = click.option(
    "--connect-timeout",
    type=click.IntRange(min=1),
    metavar="SECONDS",
    help="Seconds a PostgreSQL book's server has to let edikit in; by default the URL's "
    "connect_timeout, else PGCONNECT_TIMEOUT, else EDIKIT_CONNECT_TIMEOUT, else 10.",
)


def fail(message: str, code: int) -> NoReturn:
    """Say what went wrong on standard error and exit with ``code``."""
    click.echo(f"edikit: {message}", err=True)
    sys.exit(code)


def utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A time given on the command line, read as UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment is not None else None


def profile_or_exit(reference: str) -> ResolvedProfile:
    from edikit.api import load_profile

    try:
        return load_profile(reference)
    except ProfileError as exc:
        fail(str(exc), EXIT_USAGE)


@contextmanager
def open_book(
    reference: str, connect_timeout: int | None = None, *, create: bool = True
) -> Iterator[OrderBook]:
    """The book at ``reference``: exit 2 for a database edikit does not support (or a bad
    setting), exit 3 when it cannot be opened; messages never show its password."""
    try:
        book = OrderBook(book_url(reference), connect_timeout=connect_timeout, create=create)
    except ConfigurationError as exc:
        fail(str(exc), EXIT_USAGE)
    except BookError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    with book:
        yield book


def write_report(
    output_format: str, results: list[FileResult], output: Path | None, fail_on: Severity
) -> None:
    """The report of ``results`` in ``output_format``, to ``output`` or standard output."""
    if output_format == "text":
        console = Console(highlight=False, file=output.open("w") if output else None)
        for result in results:
            print_file(console, result)
        if len(results) > 1:
            print_summary(console, results)
        return
    if output_format == "json":
        text = json.dumps(validate_json(results), indent=2, ensure_ascii=False)
    elif output_format == "sarif":
        text = json.dumps(to_sarif(results, tool_version=__version__), indent=2)
    else:
        text = to_junit(results, fail_on=fail_on)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def exit_code(results: list[FileResult], fail_on: Severity) -> int:
    from edikit.many import is_unreadable

    if any(is_unreadable(r) for r in results):
        return EXIT_UNREADABLE
    if any(v.severity.rank >= fail_on.rank for r in results for v in r.iter_violations()):
        return EXIT_VIOLATIONS
    return EXIT_CLEAN
