"""What the commands share: exit codes, options, and how a report or a failure reaches the
user. Commands parse options and print; the work is done by the library."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

import click

from edikit._version import __version__
from edikit.errors import ConfigurationError, ProfileError
from edikit.profiles.loader import ResolvedProfile
from edikit.report.limits import DEFAULT_LIMITS, FindingLimits
from edikit.report.terminal import console as text_console
from edikit.report.text import print_file, print_summary, total_line, write_statistics
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

if TYPE_CHECKING:  # the book (SQLAlchemy) is imported when it is used
    from edikit.book import OrderBook

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
# Inputs are checked for being readable by edikit itself, which reports an unreadable one
# (EDI005, exit 3) rather than stopping at a usage error.
INPUT_PATH: Final = click.Path(path_type=Path, readable=False)
SEVERITIES: Final = [s.value for s in Severity]
TIME_FORMATS: Final = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]

report_format_option = click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "junit", "github", "html"]),
    default="text",
    show_default=True,
    help="text for people; json (docs/validate-json.md), sarif or junit for machines; "
    "github for annotations in a GitHub Actions run; html: one self-contained page "
    "(docs/html-reports.md).",
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
    "connect_timeout, else PGCONNECT_TIMEOUT, else EDIKIT_CONNECT_TIMEOUT, else 10. Also how "
    "long a Dask scheduler (--scheduler) has to answer (default 10).",
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


@dataclass(frozen=True)
class ReportChoices:
    """How a run over inputs is reported and what its exit code says (the options of
    :func:`report_options`)."""

    output_format: str = "text"
    output: Path | None = None
    fail_on: Severity = Severity.ERROR
    minimum: Severity = Severity.WARNING
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    caps: FindingLimits = DEFAULT_LIMITS
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False


_REPORT_OPTIONS: Final = (
    report_format_option,
    click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report to this file instead of standard output.",
    ),
    fail_on_option,
    click.option(
        "--exit-zero",
        is_flag=True,
        help="Exit 0 even when violations are reported (2 and 3 still say the run failed).",
    ),
    click.option(
        "--min-severity",
        type=click.Choice(SEVERITIES),
        default="warning",
        show_default=True,
        help="Leave out violations below this severity (info: notes such as a code that is "
        "not in the few code lists edikit holds only in part).",
    ),
    click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Report only codes starting with these (EDI3,EDI501).",
    ),
    click.option(
        "--ignore", multiple=True, metavar="CODES", help="Do not report codes starting with these."
    ),
    click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="Only the problems: no line for a clean file, no summary, no total.",
    ),
    click.option(
        "--statistics",
        is_flag=True,
        help="Count the findings per code instead of listing them (text or json).",
    ),
    max_findings_option,
    max_per_rule_option,
)
_REPORT_PARAMETERS: Final = (
    "output_format",
    "output",
    "fail_on",
    "exit_zero",
    "min_severity",
    "select",
    "ignore",
    "quiet",
    "statistics",
    "max_findings",
    "max_findings_per_rule",
)


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how a run is reported, handed to ``command`` as one
    ``report: ReportChoices``."""

    @functools.wraps(command)
    def with_report(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in _REPORT_PARAMETERS}
        if given["statistics"] and given["output_format"] not in ("text", "json"):
            raise click.UsageError("--statistics is for --format text or json")
        kwargs["report"] = ReportChoices(
            output_format=given["output_format"],
            output=given["output"],
            fail_on=Severity(given["fail_on"]),
            minimum=Severity(given["min_severity"]),
            select=tuple(given["select"]),
            ignore=tuple(given["ignore"]),
            caps=limits(given["max_findings"], given["max_findings_per_rule"]),
            quiet=given["quiet"],
            statistics=given["statistics"],
            exit_zero=given["exit_zero"],
        )
        return command(*args, **kwargs)

    decorated: Callable[..., Any] = with_report
    for option in reversed(_REPORT_OPTIONS):
        decorated = option(decorated)
    return decorated


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
    from edikit.book import BookError, OrderBook, book_url

    try:
        book = OrderBook(book_url(reference), connect_timeout=connect_timeout, create=create)
    except ConfigurationError as exc:
        fail(str(exc), EXIT_USAGE)
    except BookError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    with book:
        yield book


@dataclass(frozen=True)
class RunNotes:
    """What a report says of the run besides the findings: how long it took and the files
    of folders that were left out."""

    started: float = field(default_factory=time.perf_counter)
    skipped: str | None = None

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def write_report(
    results: list[FileResult], report: ReportChoices, notes: RunNotes | None = None
) -> None:
    """The report of ``results`` as ``report`` says, written as it is made, to its output or
    standard output. The note on skipped files goes to standard error (unless quiet)."""
    notes = notes if notes is not None else RunNotes()
    if notes.skipped and not report.quiet:
        text_console(stderr=True).print(f"edikit: {notes.skipped}")
    with report_output(report.output) as stream:
        if report.statistics:
            write_statistics(results, stream, as_json=report.output_format == "json")
        elif report.output_format == "text":
            console = text_console(stream if report.output else None)
            for result in results:
                if not (report.quiet and _clean(result)):
                    print_file(console, result, report.caps)
            if len(results) > 1 and not report.quiet:
                print_summary(console, results)
        elif report.output_format == "json":
            from edikit.report.json_report import write_validate_json  # each when it is used

            write_validate_json(results, stream, report.caps)
        elif report.output_format == "html":
            from edikit.report.html import write_validate_html

            write_validate_html(results, stream)
        elif report.output_format == "sarif":
            from edikit.report.sarif import write_sarif

            write_sarif(results, stream, tool_version=__version__, limits=report.caps)
        elif report.output_format == "github":
            from edikit.report.github import write_github

            write_github(results, stream, report.caps)
        else:
            from edikit.report.junit import write_junit

            write_junit(results, stream, fail_on=report.fail_on, limits=report.caps)
        if report.output_format == "text" and not report.quiet:
            stream.write(total_line(results, notes.seconds) + "\n")


def _clean(result: FileResult) -> bool:
    return not result.omitted and next(result.iter_violations(), None) is None


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


def exit_code(results: list[FileResult], report: ReportChoices) -> int:
    """3 when an input could not be read, else 1 when a finding (listed or left out past the
    caps) is at or above ``--fail-on`` and ``--exit-zero`` was not given, else 0."""
    from edikit.many import is_unreadable

    if any(is_unreadable(r) for r in results):
        return EXIT_UNREADABLE
    if report.exit_zero:
        return EXIT_CLEAN
    threshold = report.fail_on.rank
    if any(v.severity.rank >= threshold for r in results for v in r.iter_violations()):
        return EXIT_VIOLATIONS
    if any(o.severity.rank >= threshold for r in results for o in r.omitted):
        return EXIT_VIOLATIONS  # left out of the report, not out of the verdict
    return EXIT_CLEAN
