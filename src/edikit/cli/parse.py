"""``edikit parse``: the envelope tree, segments and typed documents of each input."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edikit.api import ParsedFile, parse
from edikit.cli.options import (
    EXIT_CLEAN,
    EXIT_UNREADABLE,
    EXIT_VIOLATIONS,
    INPUT_PATH,
    SEVERITIES,
)
from edikit.cli.validate import exclude_option, gitignore_option, include_option, selection
from edikit.errors import InputError
from edikit.many import STDIN, UNREADABLE_CODES, expand, unreadable
from edikit.report.parse_output import SCHEMA, file_to_json, print_file, write_json
from edikit.report.terminal import console as text_console
from edikit.vocabulary import Severity


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=INPUT_PATH)
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
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a violation of at least this severity is found.",
)
@include_option
@exclude_option
@gitignore_option
def command(
    files: tuple[Path, ...],
    output_format: str,
    segments: bool,
    fail_on: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    respect_gitignore: bool,
) -> None:
    """Print the envelope tree (interchanges, groups, transaction sets) of FILES (files,
    folders as validate reads them, or - for standard input)."""
    console = text_console()
    found = expand(files, selection(include, exclude, respect_gitignore))
    if not found.files and not found.unlisted:
        raise click.UsageError(f"no files to parse ({found.skipped.note() or 'none found'})")
    if found.skipped.note():
        click.echo(f"edikit: {found.skipped.note()}", err=True)
    parsed: list[ParsedFile] = []
    code = EXIT_CLEAN
    for path in found.files:
        try:
            source = sys.stdin.buffer.read() if str(path) == STDIN else path
            one = parse(source, name=str(path))
        except InputError as exc:
            click.echo(f"edikit: {exc}", err=True)
            one = _unreadable(path, str(exc))
        parsed.append(one)
        code = max(code, _exit_code(one, Severity(fail_on)))
    for result in found.unlisted:
        click.echo(f"edikit: {result.error}", err=True)
        parsed.append(ParsedFile.unread(result.path, result.violations))
        code = EXIT_UNREADABLE
    if output_format == "json":
        document = {"schema": SCHEMA, "files": [file_to_json(p, segments) for p in parsed]}
        write_json(document, sys.stdout)
    else:
        for one in parsed:
            print_file(console, one, segments)
    sys.exit(code)


def _unreadable(path: Path, reason: str) -> ParsedFile:
    """An input that could not be read still gets an entry (EDI005) in machine output."""
    return ParsedFile.unread(str(path), unreadable(path, reason).violations)


def _exit_code(parsed: ParsedFile, fail_on: Severity) -> int:
    violations = parsed.all_violations()
    if any(v.code in UNREADABLE_CODES for v in violations):
        return EXIT_UNREADABLE
    if any(v.severity.rank >= fail_on.rank for v in violations):
        return EXIT_VIOLATIONS
    return EXIT_CLEAN
