"""Pipeline stage, way back: the envelope tree (or any part of it) -> the bytes it came from.

Each segment writes ``raw + terminator + trailer`` and text outside interchanges is written as
it was, so ``serialize(parse(data)) == data`` for every input edikit can read.
"""

from __future__ import annotations

from collections.abc import Iterable

from edikit.io.decode import LATIN1
from edikit.io.envelope import Group, Interchange, Transaction, X12File
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap

Serializable = X12File | Interchange | Group | Transaction | Segment | Gap


def serialize(obj: Serializable | Iterable[Serializable], codec: str | None = None) -> bytes:
    """The bytes of a parsed file, interchange, group, transaction set or segment (or an
    iterable of them). :class:`TypeError` for anything else: a ``str`` or ``bytes`` is
    already what ``serialize`` would give.

    ``codec`` defaults to the one the file was read with (cp037 for EBCDIC, else latin-1).
    """
    if codec is None:
        codec = obj.codec if isinstance(obj, X12File) else LATIN1
    return to_text(obj).encode(codec)


def to_text(obj: Serializable | Iterable[Serializable]) -> str:
    """Like :func:`serialize`, as one character per byte."""
    out: list[str] = []
    _write(obj, out)
    return "".join(out)


def _write(obj: Serializable | Iterable[Serializable], out: list[str]) -> None:
    if isinstance(obj, Segment):
        out.append(obj.raw)
        out.append(obj.terminator)
        out.append(obj.trailer)
    elif isinstance(obj, Gap):
        out.append(obj.text)
    elif isinstance(obj, Transaction):
        _write_segments(obj.all_segments(), out)
    elif isinstance(obj, Group | Interchange):
        _write(obj.header, out)
        for part in obj.parts:
            _write(part, out)
        if obj.trailer is not None:
            _write(obj.trailer, out)
    elif isinstance(obj, X12File):
        for piece in obj.parts:
            _write(piece, out)
    elif isinstance(obj, str | bytes | bytearray | memoryview) or not hasattr(obj, "__iter__"):
        raise TypeError(
            f"cannot serialize a {type(obj).__name__}: give an X12File, Interchange, Group, "
            "Transaction, Segment or Gap (from edikit.parse), or an iterable of them"
        )
    else:
        for item in obj:
            _write(item, out)


def _write_segments(segments: list[Segment], out: list[str]) -> None:
    append = out.append
    for segment in segments:
        append(segment.raw)
        append(segment.terminator)
        append(segment.trailer)
