"""Where text for people goes: a terminal, or a log, a file or a pipe.

On a terminal rich wraps to its width; anywhere else nothing is wrapped at all, so a CI log, a
report written with ``> file`` and ``| grep`` see every line whole: the ISA line with its
marker under the right element, a file name in full, one code per line of ``edikit rule``.
"""

from __future__ import annotations

from typing import IO, Final

from rich.console import Console

# Wide enough for any line edikit prints; rich pads nothing to the width, so it costs nothing.
UNWRAPPED: Final = 1 << 20


def console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A console that wraps only on a terminal. ``file`` None is standard output (or standard
    error with ``stderr``)."""
    found = Console(highlight=False, file=file, stderr=stderr)
    if found.is_terminal:
        return found
    return Console(highlight=False, file=file, stderr=stderr, width=UNWRAPPED, soft_wrap=True)
