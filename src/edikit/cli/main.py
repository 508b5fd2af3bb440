"""Click commands. Each command reads its inputs through the public API only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import cast

import click
import yaml
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress
from rich.table import Table

import edikit
from edikit.api import cross_check, file_event_times
from edikit.book import BookError, Finding, OrderBook, OrderSummary, book_url
from edikit.errors import ConfigurationError, InputError, ProfileError
from edikit.io.envelope import X12File
from edikit.location import Location
from edikit.plugins import plugins
from edikit.profiles.loader import ResolvedProfile, builtin_ids, load_profile, read_profile
from edikit.profiles.testing import (
    as_file_results,
    difference,
    run_folder,
    unused_suppressions,
)
from edikit.report.ack import AckPolicy, AckVersion, build_ack
from edikit.report.build import file_result, unreadable_result
from edikit.report.junit import to_junit
from edikit.report.results import FileResult
from edikit.report.sarif import to_sarif
from edikit.report.text import print_file as print_report
from edikit.report.text import print_summary
from edikit.report.tree import SCHEMA, file_to_json, print_file, validate_json
from edikit.rules.crossdoc.timing import EVENT_SOURCES, EventSource
from edikit.rules.engine import Selection
from edikit.rules.pages import rule_page
from edikit.rules.registry import REGISTRY, make_violation
from edikit.rules.violation import Severity

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
# Codes meaning the input holds no X12 to speak of: the command treats it as unreadable.
_UNREADABLE_CODES = frozenset({"EDI001", "EDI002", "EDI003", "EDI005"})
_SEVERITIES = [s.value for s in Severity]
# The report options validate and book add share (book add reports as validate does).
_REPORT_FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "junit"]),
    default="text",
    show_default=True,
    help="text for people; json (docs/validate-json.md), sarif or junit for machines.",
)
_EVENT_TIME_OPTION = click.option(
    "--event-time",
    type=click.Choice(EVENT_SOURCES),
    default="received",
    show_default=True,
    help="The time the timing rules of a profile compare: when each file was received (its "
    "modification time, or --received) or the GS04/GS05 its sender wrote.",
)
_CONNECT_TIMEOUT_OPTION = click.option(
    "--connect-timeout",
    type=click.IntRange(min=1),
    metavar="SECONDS",
    help="Seconds a PostgreSQL book's server has to let edikit in; by default the URL's "
    "connect_timeout, else PGCONNECT_TIMEOUT, else EDIKIT_CONNECT_TIMEOUT, else 10.",
)
_FAIL_ON_OPTION = click.option(
    "--fail-on",
    type=click.Choice(_SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a violation of at least this severity is reported.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(edikit.__version__, prog_name="edikit")
@click.option("--no-plugins", is_flag=True, help="Do not load installed plugins.")
def main(no_plugins: bool) -> None:
    """Parse and check ANSI ASC X12 retail EDI (850, 855, 856, 810, 997)."""
    if no_plugins:
        os.environ["EDIKIT_NO_PLUGINS"] = "1"


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs (docs/parse-json.md).",
)
@click.option(
    "--segments/--no-segments",
    default=True,
    show_default=True,
    help="List every segment of every transaction set.",
)
@click.option(
    "--fail-on",
    type=click.Choice(_SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a violation of at least this severity is found.",
)
def parse(files: tuple[Path, ...], output_format: str, segments: bool, fail_on: str) -> None:
    """Print the envelope tree (interchanges, groups, transaction sets) of FILES."""
    console = Console(highlight=False)
    parsed: list[X12File] = []
    exit_code = EXIT_CLEAN
    for path in files:
        try:
            x12 = edikit.parse(path, name=str(path))
        except InputError as exc:
            click.echo(f"edikit: {exc}", err=True)
            x12 = _unreadable(path, exc)
        parsed.append(x12)
        exit_code = max(exit_code, _exit_code(x12, Severity(fail_on)))
    if output_format == "json":
        document = {"schema": SCHEMA, "files": [file_to_json(x, segments) for x in parsed]}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for x12 in parsed:
            print_file(console, x12, segments)
    sys.exit(exit_code)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_REPORT_FORMAT_OPTION
@_FAIL_ON_OPTION
@click.option(
    "--min-severity",
    type=click.Choice(_SEVERITIES),
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
@_CONNECT_TIMEOUT_OPTION
@_EVENT_TIME_OPTION
def validate(
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
    connect_timeout: int | None,
    event_time: EventSource,
) -> None:
    """Check INPUTS (files or directories) against the X12 standard and the business rules
    (and a retailer profile with --profile, each other with --set, an order book and each
    other with --book)."""
    selection = Selection.of(select, ignore, Severity(min_severity))
    unknown = [c for c in (*selection.select, *selection.ignore) if not _is_code_prefix(c)]
    if unknown:
        raise click.UsageError(f"not a code or code prefix: {', '.join(unknown)}")
    paths = _expand(inputs)
    if not paths:
        raise click.UsageError("no files to validate")
    profile = _load_profile_or_exit(profile_ref) if profile_ref else None
    by_file = partial(_validate_file, profile=profile)
    if book_ref:
        with _open_book(book_ref, connect_timeout, create=False) as book:

            def against_book(files: list[X12File]) -> None:
                _guard_database(
                    lambda: book.check_files(files, profile=profile, event_time=event_time)
                )

            results, parsed = _validate_all(paths, selection, by_file, together=against_book)
    elif as_set:

        def against_each_other(files: list[X12File]) -> None:
            cross_check(files, profile=profile, times=file_event_times(files, event_time))

        results, parsed = _validate_all(paths, selection, by_file, together=against_each_other)
    else:
        results, parsed = _validate_all(paths, selection, by_file)
    _write_report(output_format, results, parsed, output, Severity(fail_on))
    sys.exit(_validate_exit_code(results, Severity(fail_on)))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--version",
    "ack_version",
    type=click.Choice(["997", "999"]),
    default="997",
    show_default=True,
    help="997 functional or 999 implementation acknowledgment.",
)
@click.option(
    "--policy",
    type=click.Choice(["note", "reject", "accept"]),
    default="note",
    show_default=True,
    help="note: E for element errors only, R otherwise; reject: R for any error; accept: A.",
)
@click.option("--control-number", type=int, default=1, show_default=True, help="ISA13 and GS06.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def ack(
    file: Path, ack_version: str, policy: str, control_number: int, output: Path | None
) -> None:
    """Write the functional acknowledgment (997 or 999) for what FILE holds."""
    try:
        x12 = edikit.validate(file, name=str(file))
    except InputError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    if not x12.groups:
        click.echo(f"edikit: {file} holds no functional group to acknowledge", err=True)
        sys.exit(EXIT_UNREADABLE)
    try:
        data = build_ack(
            x12,
            version=cast(AckVersion, ack_version),
            control_number=control_number,
            policy=cast(AckPolicy, policy),
        )
    except ValueError as exc:
        click.echo(f"edikit: cannot acknowledge {file}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if output is not None:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("code", required=False)
def rule(code: str | None) -> None:
    """Explain a violation code (EDI132), or list every code."""
    console = Console(highlight=False)
    plugins()  # plugin rules join the registry when they are discovered
    if code is None:
        for item in REGISTRY.values():
            console.print(f"{item.code}  {item.severity.value:<7}  {item.name}: {item.title}")
        return
    found = code.strip().upper()
    if found not in REGISTRY:
        raise click.UsageError(f"{code!r} is not an edikit code; `edikit rule` lists them")
    console.print(Markdown(rule_page(found)))


def _is_code_prefix(code: str) -> bool:
    plugins()
    return any(rule.startswith(code) for rule in REGISTRY) or code == "EDI"


def _expand(inputs: tuple[Path, ...]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(
                sorted(p for p in item.rglob("*") if p.is_file() and not p.name.startswith("."))
            )
        else:
            paths.append(item)
    return paths


def _load_profile_or_exit(reference: str) -> ResolvedProfile:
    try:
        return load_profile(reference)
    except ProfileError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _validate_file(path: Path, profile: ResolvedProfile | None) -> X12File:
    return edikit.validate(path, name=str(path), profile=profile)


def _validate_all(
    paths: list[Path],
    selection: Selection,
    validate_one: Callable[[Path], X12File],
    *,
    together: Callable[[list[X12File]], None] | None = None,
) -> tuple[list[FileResult], dict[str, X12File]]:
    """Each of ``paths`` through ``validate_one``; then ``together`` over every file read
    (the cross-document checks)."""
    unreadable: dict[str, FileResult] = {}
    parsed: dict[str, X12File] = {}
    err = Console(stderr=True)
    with Progress(
        console=err, transient=True, disable=len(paths) < 2 or not err.is_terminal
    ) as bar:
        task = bar.add_task("validating", total=len(paths))
        for path in paths:
            try:
                parsed[str(path)] = validate_one(path)
            except InputError as exc:
                unreadable[str(path)] = unreadable_result(str(path), str(exc))
            bar.advance(task)
    if together is not None:
        together(list(parsed.values()))
    results = [
        unreadable[str(p)] if str(p) in unreadable else file_result(parsed[str(p)], selection)
        for p in paths
    ]
    return results, parsed


def _guard_database(action: Callable[[], None]) -> None:
    try:
        action()
    except BookError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_UNREADABLE)


def _book_guard(action: Callable[[Path], X12File]) -> Callable[[Path], X12File]:
    """``action`` with a file that cannot be read reported as EDI005, like validate does, and
    a database failure as a message and exit 3 rather than a traceback."""

    def guarded(path: Path) -> X12File:
        try:
            return action(path)
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror or exc}") from exc
        except BookError as exc:  # the database went away, or stayed locked too long
            click.echo(f"edikit: {path}: {exc}", err=True)
            sys.exit(EXIT_UNREADABLE)

    return guarded


@contextmanager
def _open_book(
    reference: str, connect_timeout: int | None = None, *, create: bool = True
) -> Iterator[OrderBook]:
    """The book at ``reference``: exit 2 for a database edikit does not support (or a bad
    setting), exit 3 when it cannot be opened; messages never show its password."""
    try:
        book = OrderBook(book_url(reference), connect_timeout=connect_timeout, create=create)
    except ConfigurationError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except BookError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    with book:
        yield book


def _write_report(
    output_format: str,
    results: list[FileResult],
    parsed: dict[str, X12File],
    output: Path | None,
    fail_on: Severity,
) -> None:
    if output_format == "text":
        console = Console(highlight=False, file=output.open("w") if output else None)
        for result in results:
            print_report(console, result, parsed.get(result.path))
        if len(results) > 1:
            print_summary(console, results)
        return
    if output_format == "json":
        text = json.dumps(validate_json(results), indent=2, ensure_ascii=False)
    elif output_format == "sarif":
        text = json.dumps(to_sarif(results, tool_version=edikit.__version__), indent=2)
    else:
        text = to_junit(results, fail_on=fail_on)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def _validate_exit_code(results: list[FileResult], fail_on: Severity) -> int:
    if any(r.error is not None for r in results) or any(
        v.code in _UNREADABLE_CODES for r in results for v in r.violations
    ):
        return EXIT_UNREADABLE
    if any(v.severity.rank >= fail_on.rank for r in results for v in r.all_violations()):
        return EXIT_VIOLATIONS
    return EXIT_CLEAN


def _unreadable(path: Path, error: InputError) -> X12File:
    """An input that could not be read still gets an entry (EDI005) in machine output."""
    x12 = X12File(name=str(path))
    x12.violations.append(make_violation("EDI005", str(error), Location(file=str(path))))
    return x12


def _exit_code(x12: X12File, fail_on: Severity) -> int:
    violations = x12.all_violations()
    if any(v.code in _UNREADABLE_CODES for v in violations):
        return EXIT_UNREADABLE
    if any(v.severity.rank >= fail_on.rank for v in violations):
        return EXIT_VIOLATIONS
    return EXIT_CLEAN


@main.group()
def book() -> None:
    """The order book: record documents, check new ones against it, summarise it."""


_BOOK_OPTION = click.option(
    "--book",
    "book_ref",
    metavar="PATH|URL",
    required=True,
    help="A SQLite file (created on first use) or a database URL "
    "(postgresql+psycopg://user@host/db).",
)


@book.command("add")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_BOOK_OPTION
@click.option(
    "--received",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]),
    help="When the documents were received (UTC); the files' modification time by default.",
)
@click.option("--profile", "profile_ref", metavar="ID|PATH", help="Also check this profile.")
@_EVENT_TIME_OPTION
@_REPORT_FORMAT_OPTION
@_FAIL_ON_OPTION
@_CONNECT_TIMEOUT_OPTION
def book_add(
    inputs: tuple[Path, ...],
    book_ref: str,
    received: dt.datetime | None,
    profile_ref: str | None,
    event_time: EventSource,
    output_format: str,
    fail_on: str,
    connect_timeout: int | None,
) -> None:
    """Check INPUTS against the book, in order, and record them. The report is the one of
    validate; a file already in the book is not recorded twice."""
    paths = _expand(inputs)
    profile = _load_profile_or_exit(profile_ref) if profile_ref else None
    at = received.replace(tzinfo=dt.UTC) if received else None
    err = Console(stderr=True, highlight=False)
    with _open_book(book_ref, connect_timeout) as order_book:

        def add(path: Path) -> X12File:
            result = order_book.add(path, received_at=at, profile=profile, event_time=event_time)
            err.print(f"{path}: {_add_state(result.recorded, result.added_at)}", soft_wrap=True)
            return result.x12

        results, parsed = _validate_all(
            paths, Selection.of((), (), Severity.WARNING), _book_guard(add)
        )
    _write_report(output_format, results, parsed, None, Severity(fail_on))
    sys.exit(_validate_exit_code(results, Severity(fail_on)))


def _add_state(recorded: bool, added_at: dt.datetime | None) -> str:
    if recorded:
        return "recorded"
    if added_at is None:  # recorded by an edikit before book schema 4
        return "already in the book (added before the book kept when)"
    return f"already in the book (added {added_at.isoformat(timespec='seconds')})"


@book.command("report")
@_BOOK_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@_CONNECT_TIMEOUT_OPTION
def book_report(book_ref: str, output_format: str, connect_timeout: int | None) -> None:
    """Every purchase order in the book: units ordered, acknowledged, shipped and invoiced;
    open or complete; and the errors and warnings found in the documents added."""
    with _open_book(book_ref, connect_timeout, create=False) as order_book:
        try:
            orders, findings = order_book.report(), order_book.findings()
            counts = order_book.counts()
        except BookError as exc:
            click.echo(f"edikit: {exc}", err=True)
            sys.exit(EXIT_UNREADABLE)
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
        state = o.state
        amounts = (_units(n) for n in (o.ordered, o.acknowledged, o.shipped, o.invoiced))
        table.add_row(o.number, *amounts, state, str(len(o.findings)))
    console.print(table)
    for f in findings:
        where = f"{f.file}:{f.line}:{f.column}" if f.line is not None else f.file
        about = f" (PO {f.order})" if f.order else ""
        console.print(f"{where}: {f.severity} {f.code}{about}: {f.message}", soft_wrap=True)
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


@main.group()
def profile() -> None:
    """Retailer profiles: list, show, lint, test."""


@profile.command("list")
def profile_list() -> None:
    """The built-in profiles."""
    console = Console(highlight=False)
    for reference in builtin_ids():
        loaded = read_profile(reference)
        note = "  (example to adapt)" if loaded.profile.example else ""
        extends = f"  extends {loaded.profile.extends}" if loaded.profile.extends else ""
        console.print(f"{reference:<20} {loaded.profile.title}{extends}{note}")


@profile.command("show")
@click.argument("reference", metavar="ID|PATH")
@click.option("--resolved", is_flag=True, help="Merge the extends chain into one profile.")
def profile_show(reference: str, resolved: bool) -> None:
    """Print a profile as YAML (with --resolved, merged with everything it extends)."""
    try:
        found = load_profile(reference).profile if resolved else read_profile(reference).profile
    except ProfileError as exc:
        click.echo(f"edikit: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    data = found.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)


@profile.command("lint")
@click.argument("paths", nargs=-1, required=True)
def profile_lint(paths: tuple[str, ...]) -> None:
    """Check profile files: schema, paths, narrowing only, known rules, safe patterns."""
    failed = False
    for reference in paths:
        try:
            load_profile(reference)
        except ProfileError as exc:
            failed = True
            click.echo(str(exc), err=True)
        else:
            click.echo(f"{reference}: ok")
    sys.exit(EXIT_USAGE if failed else EXIT_CLEAN)


@profile.command("test")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--profile", "profile_ref", metavar="ID|PATH", help="Overrides the files' profile.")
@click.option("--format", "output_format", type=click.Choice(["text", "junit"]), default="text")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def profile_test(
    folder: Path, profile_ref: str | None, output_format: str, output: Path | None
) -> None:
    """Validate every document in FOLDER against its expectation file (docs/profiles.md)."""
    cases = run_folder(folder, profile_ref)
    if not cases:
        raise click.UsageError(f"no documents in {folder}")
    if output_format == "junit":
        text = to_junit(as_file_results(cases))
        if output is not None:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
    else:
        for case in cases:
            status = "ok  " if case.passed else "FAIL"
            detail = "" if case.passed else f"  {case.error or difference(case)}"
            click.echo(f"{status} {case.document}{detail}")
        for code in unused_suppressions(cases):
            click.echo(f"note: the suppression of {code} matched nothing in {folder}")
        passed = sum(case.passed for case in cases)
        click.echo(f"{passed} passed, {len(cases) - passed} failed")
    if any(case.error and "profile" in case.error.lower() for case in cases):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_CLEAN if all(case.passed for case in cases) else EXIT_VIOLATIONS)
