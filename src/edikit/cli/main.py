"""Click commands. Each command reads its inputs through the public API only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

import edikit
from edikit.errors import InputError
from edikit.io.envelope import X12File
from edikit.location import Location
from edikit.report.tree import SCHEMA, file_to_json, print_file
from edikit.rules.registry import make_violation
from edikit.rules.violation import Severity

EXIT_CLEAN, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
# Codes meaning the input holds no X12 to speak of: the command treats it as unreadable.
_UNREADABLE_CODES = frozenset({"EDI001", "EDI002", "EDI003", "EDI005"})
_SEVERITIES = [s.value for s in Severity]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(edikit.__version__, prog_name="edikit")
def main() -> None:
    """Parse and check ANSI ASC X12 retail EDI (850, 855, 856, 810, 997)."""


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
