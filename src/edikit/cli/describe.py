"""``edikit describe``: what a segment, an element and a code mean in one version's X12
dictionary (the analyst's question "what is BEG02 SA?", without a file)."""

from __future__ import annotations

import click


@click.command("describe")
@click.argument("what")
@click.argument("code", required=False)
@click.option(
    "--x12",
    "release",
    default="004010",
    show_default=True,
    help="The X12 version whose dictionary to read (a GS08 value: 003010 to 005010).",
)
def command(what: str, code: str | None, release: str) -> None:
    """Say what a segment (BEG), an element (BEG01, TD504-2, or its number: 353) or a code
    (BEG01 00) means: names, types, lengths, requirement, and the element's codes with their
    meanings. Exit 1 when CODE is not one of the element's codes."""
    # the dictionary is read only when this command runs: other commands start without it
    from edikit.report.describe import NotDescribedError, describe_text

    try:
        found = describe_text(what, code, release)
    except NotDescribedError as exc:
        raise click.UsageError(str(exc)) from None
    for line in found.lines:
        click.echo(line)
    if not found.is_code:
        raise SystemExit(1)
