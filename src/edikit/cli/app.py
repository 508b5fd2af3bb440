"""The ``edikit`` command group; each command group lives in its own module."""

from __future__ import annotations

import os
from pathlib import Path

import click

from edikit._version import __version__
from edikit.cli import config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edikit")
@click.option("--no-plugins", is_flag=True, help="Do not load installed plugins.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read settings from this file (edikit.toml, or a pyproject.toml with [tool.edikit]) "
    "instead of the one found from the current folder upward.",
)
@click.option("--isolated", is_flag=True, help="Read no configuration file.")
@click.pass_context
def main(ctx: click.Context, no_plugins: bool, config_file: Path | None, isolated: bool) -> None:
    """Parse and check ANSI ASC X12 retail EDI (850, 855, 856, 810, 997).

    Settings are read from edikit.toml or the [tool.edikit] table of pyproject.toml, in the
    current folder or the nearest above it; options given on the command line override them.
    """
    if no_plugins:
        os.environ["EDIKIT_NO_PLUGINS"] = "1"
    if isolated:
        return
    try:
        found = config_file or config.find(Path.cwd())
        if found is not None:
            ctx.default_map = config.default_map(config.settings(found))
    except config.ConfigError as exc:
        click.echo(f"edikit: {exc}", err=True)
        ctx.exit(2)


def _register() -> None:
    from edikit.cli import ack, book, explain, parse, profile, rule, validate

    for module in (parse, validate, explain, ack, rule):
        main.add_command(module.command)
    main.add_command(book.group)
    main.add_command(profile.group)


_register()
