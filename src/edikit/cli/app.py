"""The ``edikit`` command group; each command group lives in its own module, imported when the
command is run (or its help listed), so that ``edikit --version`` starts fast."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from importlib import import_module
from typing import Any, NoReturn

import click

from edikit._version import __version__

# Each command's name and where it is: the module under edikit.cli and its click object.
COMMANDS = {
    "parse": ("parse", "command"),
    "validate": ("validate", "command"),
    "ack": ("ack", "command"),
    "rule": ("rule", "command"),
    "book": ("book", "group"),
    "profile": ("profile", "group"),
}


class _Commands(click.Group):
    """A group whose commands are imported when they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in COMMANDS if n not in self.commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name]
            command: Any = getattr(import_module(f"edikit.cli.{module}"), name)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edikit")
@click.option("--no-plugins", is_flag=True, help="Do not load installed plugins.")
def main(no_plugins: bool) -> None:
    """Parse and check ANSI ASC X12 retail EDI (850, 855, 856, 810, 997)."""
    if no_plugins:
        os.environ["EDIKIT_NO_PLUGINS"] = "1"


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
