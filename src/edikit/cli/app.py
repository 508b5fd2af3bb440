"""The ``edikit`` command group; each command group lives in its own module, imported when the
command is run (or its help listed), so that ``edikit --version`` starts fast."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import suppress
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

import click

from edikit._version import __version__
from edikit.cli import config

# Each command's name and where it is: the module under edikit.cli and its click object.
COMMANDS = {
    "parse": ("parse", "command"),
    "validate": ("validate", "command"),
    "explain": ("explain", "command"),
    "ack": ("ack", "command"),
    "rule": ("rule", "command"),
    "describe": ("describe", "command"),
    "book": ("book", "group"),
    "profile": ("profile", "group"),
}


class _Commands(dict[str, Any]):
    """The commands by name, each imported from its module when it is first asked for (by
    name: only that one; listed: all of them)."""

    def _load(self, name: object) -> None:
        if isinstance(name, str) and name in COMMANDS and not super().__contains__(name):
            module, attribute = COMMANDS[name]
            super().__setitem__(name, getattr(import_module(f"edikit.cli.{module}"), attribute))

    def _load_all(self) -> None:
        for name in COMMANDS:
            self._load(name)

    def __contains__(self, name: object) -> bool:
        self._load(name)
        return super().__contains__(name)

    def __getitem__(self, name: str) -> Any:
        self._load(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self._load(name)
        return super().get(name, default)

    def __iter__(self) -> Iterator[str]:
        self._load_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._load_all()
        return super().__len__()

    def keys(self) -> Any:
        self._load_all()
        return super().keys()

    def values(self) -> Any:
        self._load_all()
        return super().values()

    def items(self) -> Any:
        self._load_all()
        return super().items()


class _LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def run() -> NoReturn:
    """The command line as a program (the ``edikit`` command, ``python -m edikit``).

    It ends the process without freeing what the command built: the results of a large run
    are millions of small objects, and taking them apart one by one at exit only delays the
    exit code (the operating system takes the memory back at once). Output is flushed first.
    ``main`` is the click group itself, for callers that run it in their own process."""
    code = 0
    try:
        main.main(prog_name="edikit")  # it ends with SystemExit, whatever happens
    except SystemExit as stop:
        code = _exit_status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(code)


def _exit_status(code: object) -> int:
    """What ``sys.exit(code)`` would make the process's status."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
