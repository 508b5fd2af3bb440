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


@click.command("ack")
@click.argument("file", type=INPUT_PATH)
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
@click.option(
    "--control-number",
    type=click.IntRange(1, 999_999_999),
    default=1,
    show_default=True,
    help="ISA13 and GS06.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def command(
    file: Path, ack_version: str, policy: str, control_number: int, output: Path | None
) -> None:
    """Write the functional acknowledgment (997 or 999) for what FILE holds."""
    every_finding = ruleset(max_per_rule=None, max_per_file=None)
    try:
        result = validate_file(file, every_finding, name=str(file))
    except InputError as exc:
        fail(str(exc), EXIT_UNREADABLE)
    if not any(interchange.groups for interchange in result.interchanges):
        fail(f"{file} holds no functional group to acknowledge", EXIT_UNREADABLE)
    try:
        data = build_ack(
            result,
            version=cast(AckVersion, ack_version),
            control_number=control_number,
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
