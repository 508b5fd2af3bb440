"""Values quoted in messages, bounded: a message names a value so a person can find it, and a
10 MB element (or a 10 MB key of a profile) must not make a 10 MB message, nor a report that
takes minutes to write. Every message that quotes an input value goes through :func:`quote`;
the reporters pass every message through :func:`bounded` as a last guard."""

from __future__ import annotations

from typing import Final

QUOTE_LIMIT: Final = 80  # characters of a quoted value that are shown
MESSAGE_LIMIT: Final = 2_000  # characters of a message that are shown


def quote(value: str, limit: int = QUOTE_LIMIT) -> str:
    """``value`` as ``repr`` shows it; a longer one cut to ``limit`` characters, with an
    ellipsis and its full length: ``'AAAA'… (10,000,000 characters)``."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


def bounded(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis and its full length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (cut: {len(text):,} characters in all)"
