"""What the commands share: exit codes, options, and how a report or a failure reaches the
user. Commands parse options and print; the work is done by the library."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final, NoReturn

import click
from rich.console import Console

from edikit._version import __version__
from edikit.book import BookError, OrderBook, book_url
from edikit.errors import ConfigurationError, ProfileError
from edikit.profiles.loader import ResolvedProfile
from edikit.report.html import write_validate_html
from edikit.report.json_report import write_validate_json
from edikit.report.junit import write_junit
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits
from edikit.report.sarif import write_sarif
from edikit.report.text import print_file, print_summary
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
# Inputs are checked for being readable by edikit itself, which reports an unreadable one
# (EDI005, exit 3) rather than stopping at a usage error.
INPUT_PATH: Final = click.Path(path_type=Path, readable=False)
SEVERITIES: Final = [s.value for s in Severity]
TIME_FORMATS: Final = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]

report_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "junit", "html"]),
    default="text",
    show_default=True,
    help="text for people; json (docs/validate-json.md), sarif or junit for machines; html: "
    "one self-contained page (docs/html-reports.md).",
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


class _Cap(click.ParamType):  # type: ignore[type-arg]  # generic in click's hints only
    """A cap on findings: a whole number of at least 1, or ``all``."""

    name = "N|all"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value is None or isinstance(value, int):
            return value
        if str(value).strip().lower() == "all":
            return "all"
        try:
            number = int(str(value))
        except ValueError:
            number = 0
        if number < 1:
            self.fail(f"{value!r} is neither a whole number of at least 1 nor 'all'", param, ctx)
        return number


max_findings_option = click.option(
    "--max-findings",
    type=_Cap(),
    default=None,
    help=f"List at most N findings per file (default {DEFAULT_LIMITS.per_file:,}); 'all' lists "
    "every one, per code too. What is left out is counted in every format.",
)
max_per_rule_option = click.option(
    "--max-findings-per-rule",
    type=_Cap(),
    default=None,
    help=f"List at most N findings of one code per file (default {DEFAULT_LIMITS.per_rule:,}); "
    "'all' for no cap.",
)


def limits(max_findings: int | str | None, per_rule: int | str | None) -> FindingLimits:
    """The caps: ``--max-findings all`` lifts the per-code cap too, unless it is given."""
    per_file = DEFAULT_LIMITS.per_file if max_findings is None else max_findings
    if per_rule is None:
        per_rule = "all" if max_findings == "all" else DEFAULT_LIMITS.per_rule
    return FindingLimits(
        per_file if isinstance(per_file, int) else None,
        per_rule if isinstance(per_rule, int) else None,
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
    output_format: str,
    results: list[FileResult],
    output: Path | None,
    fail_on: Severity,
    caps: FindingLimits = DEFAULT_LIMITS,
) -> None:
    """The report of ``results`` in ``output_format``, written as it is made, to ``output``
    or standard output."""
    with report_output(output) as stream:
        if output_format == "text":
            console = Console(highlight=False, file=stream if output else None)
            for result in results:
                print_file(console, result, caps)
            if len(results) > 1:
                print_summary(console, results)
        elif output_format == "json":
            write_validate_json(results, stream, caps)
        elif output_format == "html":
            write_validate_html(results, stream)
        elif output_format == "sarif":
            write_sarif(results, stream, tool_version=__version__, limits=caps)
        else:
            write_junit(results, stream, fail_on=fail_on, limits=caps)


@contextmanager
def report_output(output: Path | None) -> Iterator[IO[str]]:
    """Where a report goes: the file ``output`` (created or replaced) or standard output.
    A report that cannot be written (a missing or read-only folder, a full disk, a closed
    pipe) is a message and exit 2, not a traceback."""
    target = str(output) if output is not None else "standard output"
    try:
        if output is None:
            yield sys.stdout
            sys.stdout.flush()
            return
        with output.open("w", encoding="utf-8") as handle:
            yield handle
    except BrokenPipeError:
        # The reader went away (``| head``): nothing more to say to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        fail(f"cannot write the report to {target}: {exc.strerror or exc}", EXIT_USAGE)


def exit_code(results: list[FileResult], fail_on: Severity) -> int:
    from edikit.many import is_unreadable

    if any(is_unreadable(r) for r in results):
        return EXIT_UNREADABLE
    if any(v.severity.rank >= fail_on.rank for r in results for v in r.iter_violations()):
        return EXIT_VIOLATIONS
    if any(o.severity.rank >= fail_on.rank for r in results for o in r.omitted):
        return EXIT_VIOLATIONS  # left out of the report, not out of the verdict
    return EXIT_CLEAN
