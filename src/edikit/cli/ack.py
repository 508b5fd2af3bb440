"""``edikit ack``: the 997 or 999 a trading partner expects for what a file holds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click

from edikit.api import ruleset, validate_file
from edikit.cli.options import EXIT_UNREADABLE, EXIT_USAGE, INPUT_PATH, fail
from edikit.errors import InputError
from edikit.report.ack import AckPolicy, AckVersion, build_ack
from edikit.report.counter import LARGEST, CounterError, default_counter, take


@click.command("ack")
@click.argument("file", type=INPUT_PATH)
@click.option(
    "--type",
    "ack_type",
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
@click.option(
    "--control-number",
    type=click.IntRange(1, LARGEST),
    help="ISA13 and GS06 of the acknowledgment; by default the next number of the counter.",
)
@click.option(
    "--counter",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file that keeps the last control number used (made when missing); default "
    "$XDG_STATE_HOME/edikit/control-number, or ack-counter in edikit.toml.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the acknowledgment to this file instead of standard output.",
)
def command(
    file: Path,
    ack_type: str,
    policy: str,
    control_number: int | None,
    counter: Path | None,
    output: Path | None,
) -> None:
    """Write the functional acknowledgment (997 or 999) for what FILE holds.

    Each acknowledgment gets the next control number (ISA13, GS06) of a counter kept in a
    file, so none repeats; the number used is said on standard error.
    """
    every_finding = ruleset(max_per_rule=None, max_per_file=None)
    try:
        result = validate_file(file, every_finding, name=str(file))
    except InputError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    if not any(interchange.groups for interchange in result.interchanges):
        fail(f"{file} holds no functional group to acknowledge", EXIT_UNREADABLE)
    number = _control_number(counter or default_counter(), control_number)
    try:
        data = build_ack(
            result,
            version=cast(AckVersion, ack_type),
            control_number=number,
            policy=cast(AckPolicy, policy),
        )
    except ValueError as exc:
        fail(f"cannot acknowledge {file}: {exc}", EXIT_USAGE)
    try:
        if output is not None:
            output.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
    except OSError as exc:
        target = output if output is not None else "standard output"
        fail(f"cannot write the acknowledgment to {target}: {exc.strerror or exc}", EXIT_USAGE)


def _control_number(counter: Path, given: int | None) -> int:
    """The number to use, taken from (or recorded in) ``counter``; said on standard error."""
    try:
        taken = take(counter, given)
    except CounterError as exc:
        fail(f"{exc}; give --counter FILE or --control-number N", EXIT_USAGE)
    made = " (a new counter)" if taken.created else ""
    click.echo(f"edikit: control number {taken.number} (counter {counter}{made})", err=True)
    if taken.repeated:
        click.echo(
            f"edikit: warning: control number {taken.number} was reached by the counter "
            "before; a partner may refuse it as a duplicate",
            err=True,
        )
    return taken.number
