"""``edikit profile``: list, show, lint and test retailer profiles."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from edikit.api import load_profile
from edikit.cli.options import EXIT_CLEAN, EXIT_USAGE, EXIT_VIOLATIONS, fail, report_output
from edikit.errors import ProfileError
from edikit.profile_test import as_file_results, difference, run_folder, unused_suppressions
from edikit.profiles.loader import builtin_ids, read_profile
from edikit.report.junit import to_junit
from edikit.report.terminal import console as text_console


@click.group("profile")
def group() -> None:
    """Retailer profiles: list, show, lint, test."""


@group.command("list")
def profile_list() -> None:
    """The built-in profiles."""
    console = text_console()
    for reference in builtin_ids():
        loaded = read_profile(reference)
        note = "  (example to adapt)" if loaded.profile.example else ""
        extends = f"  extends {loaded.profile.extends}" if loaded.profile.extends else ""
        console.print(f"{reference:<20} {loaded.profile.title}{extends}{note}")


@group.command("show")
@click.argument("reference", metavar="ID|PATH")
@click.option("--resolved", is_flag=True, help="Merge the extends chain into one profile.")
def profile_show(reference: str, resolved: bool) -> None:
    """Print a profile as YAML (with --resolved, merged with everything it extends)."""
    try:
        found = load_profile(reference).profile if resolved else read_profile(reference).profile
    except ProfileError as exc:
        fail(str(exc), EXIT_USAGE)
    data = found.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)


@group.command("lint")
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


@group.command("test")
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
        with report_output(output) as stream:
            stream.write(to_junit(as_file_results(cases)) + "\n")
    else:
        for case in cases:
            status = "ok  " if case.passed else "FAIL"
            detail = "" if case.passed else f"  {case.error or difference(case)}"
            click.echo(f"{status} {case.document}{detail}")
        for code in unused_suppressions(cases):
            click.echo(f"note: the suppression of {code} matched nothing in {folder}")
        passed = sum(case.passed for case in cases)
        click.echo(f"{passed} passed, {len(cases) - passed} failed")
    if any(case.profile_error for case in cases):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_CLEAN if all(case.passed for case in cases) else EXIT_VIOLATIONS)
