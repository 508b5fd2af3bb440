"""``edikit explain``: each input as a reader would say it (terminal, JSON or HTML)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from edikit.cli.options import (
    EXIT_USAGE,
    INPUT_PATH,
    SEVERITIES,
    ReportChoices,
    exit_code,
    fail,
    report_output,
)
from edikit.cli.validate import rules_or_exit
from edikit.errors import InputError
from edikit.many import STDIN, expand, unreadable
from edikit.report.explain import DEFAULT_MAX_SEGMENTS, Explanation, explain, explanation_of
from edikit.report.explain_text import print_explanation
from edikit.report.html import write_html_report
from edikit.report.terminal import console as text_console
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Severity


@click.command("explain")
@click.argument("inputs", nargs=-1, required=True, type=INPUT_PATH)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text for people on a terminal; json for programs (docs/explain.md); html: one "
    "self-contained page.",
)
@click.option(
    "--profile", "profile_ref", metavar="ID|PATH", help="Also show a retailer profile's findings."
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="warning",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--max-segments",
    default=str(DEFAULT_MAX_SEGMENTS),
    show_default=True,
    metavar="N|all",
    help="Segments drawn per transaction set; segments with a finding are always drawn.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a finding of at least this severity is shown.",
)
def command(
    inputs: tuple[Path, ...],
    output_format: str,
    profile_ref: str | None,
    min_severity: str,
    max_segments: str,
    output: Path | None,
    fail_on: str,
) -> None:
    """Explain INPUTS (files, folders as validate reads them, or - for standard input): the
    envelope (who sends to whom, test or production), then each transaction set as a tree of
    loops (an 856: shipment > order > pack > item), every segment and element named, every
    code with its meaning, findings at their segment."""
    cap = _cap(max_segments)
    rules = rules_or_exit(profile_ref, minimum=Severity(min_severity))
    found = expand(inputs)
    if found.skipped.note():
        text_console(stderr=True).print(f"edikit: {found.skipped.note()}")
    explained = [_explained(path, rules, cap) for path in found.files]
    explained += [(explanation_of(r), r) for r in found.unlisted]
    results = [result for _, result in explained]
    explanations = [explanation for explanation, _ in explained]
    with report_output(output) as stream:
        if output_format == "json":
            payload = [e.to_json() for e in explanations]
            json.dump(
                payload[0] if len(payload) == 1 else payload, stream, indent=2, ensure_ascii=False
            )
            stream.write("\n")
        elif output_format == "html":
            write_html_report(results, explanations, stream, title="edikit explain")
        else:
            console = text_console(stream if output else None)
            for explanation in explanations:
                print_explanation(console, explanation)
    sys.exit(exit_code(results, ReportChoices(fail_on=Severity(fail_on))))


def _explained(path: Path, rules: RuleSet, cap: int | None) -> tuple[Explanation, FileResult]:
    from edikit.api import validate_file

    try:
        source = sys.stdin.buffer.read() if str(path) == STDIN else path
        result = validate_file(source, rules, name=str(path))
        explanation = explain(source, rules, name=str(path), result=result, max_segments=cap)
        return explanation, result
    except InputError as exc:
        result = unreadable(path, str(exc))
        return explanation_of(result), result


def _cap(text: str) -> int | None:
    if text.strip().lower() == "all":
        return None
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        fail(f"--max-segments: {text!r} is neither a whole number nor 'all'", EXIT_USAGE)
    return number
