"""The ``edikit`` command group; each command group lives in its own module."""

from __future__ import annotations

import os

import click

from edikit._version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edikit")
@click.option("--no-plugins", is_flag=True, help="Do not load installed plugins.")
def main(no_plugins: bool) -> None:
    """Parse and check ANSI ASC X12 retail EDI (850, 855, 856, 810, 997)."""
    if no_plugins:
        os.environ["EDIKIT_NO_PLUGINS"] = "1"


def _register() -> None:
    from edikit.cli import ack, book, explain, parse, profile, rule, validate

    for module in (parse, validate, explain, ack, rule):
        main.add_command(module.command)
    main.add_command(book.group)
    main.add_command(profile.group)


_register()
