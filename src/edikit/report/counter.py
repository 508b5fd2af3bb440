"""Control numbers for the interchanges edikit writes, from a counter kept in a file.

A trading partner rejects (or silently drops) an interchange whose ISA13 repeats one it has
already received, so each acknowledgment needs a number of its own. The counter file holds the
last number used, as text; taking a number locks the file, so two runs at once never get the
same one. After 999999999 (the largest ISA13) it starts again at 1.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

LARGEST: Final = 999_999_999  # ISA13 and GS06 are nine digits


class CounterError(Exception):
    """The counter file cannot be read or written, or does not hold a number."""


def default_counter() -> Path:
    """The user's counter: ``$XDG_STATE_HOME/edikit/control-number`` (by default under
    ``~/.local/state``)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "edikit" / "control-number"


@dataclass(frozen=True)
class Taken:
    """A control number taken from a counter: ``number``, and ``repeated`` when it was given
    by hand and the counter had already passed it (a number that may have been sent)."""

    number: int
    counter: Path
    created: bool = False  # the counter file did not exist before
    repeated: bool = False


def take(counter: Path, given: int | None = None) -> Taken:
    """The next number of ``counter`` (created, starting at 1, when missing), recorded as
    used; or ``given``, recorded as used too, and flagged when the counter had passed it."""
    try:
        counter.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(counter, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CounterError(f"cannot open the counter {counter}: {exc.strerror or exc}") from exc
    with os.fdopen(descriptor, "r+", encoding="ascii") as handle:
        _lock(handle.fileno())
        text = handle.read().strip()
        created = not text
        try:
            last = int(text) if text else 0
        except ValueError as exc:
            raise CounterError(f"the counter {counter} holds {text[:20]!r}, not a number") from exc
        following = last + 1 if 0 <= last < LARGEST else 1
        number = following if given is None else given
        handle.seek(0)
        handle.truncate()
        handle.write(f"{number if given is None else max(number, last)}\n")
        handle.flush()
        os.fsync(handle.fileno())
    return Taken(number, counter, created, given is not None and given <= last)


def _lock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one run at a time there
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)
