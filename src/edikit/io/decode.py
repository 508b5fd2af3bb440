"""Pipeline stage 1: turn what the caller gave into text whose character offsets are byte offsets.

X12 is a byte format. edikit decodes it one byte per character (latin-1, or cp037 for an EBCDIC
interchange) so that every position it reports is a byte offset into the original input and
encoding the text again gives back the same bytes. A ``str`` given by the caller is taken as
its UTF-8 encoding, so offsets refer to those bytes and :func:`edikit.serialize` returns them.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from edikit.errors import InputError

CHUNK_SIZE: Final = 1 << 20
LATIN1: Final = "latin-1"
EBCDIC: Final = "cp037"
_EBCDIC_SPACE: Final = b"\x40\x05\x15\x25\x0d"
_EBCDIC_ISA: Final = "ISA".encode(EBCDIC)
_WIDE_BOMS: Final = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)

Readable = bytes | bytearray | memoryview | str | os.PathLike[str] | IO[bytes] | IO[str]


@dataclass(slots=True)
class Source:
    """Decoded input, handed to the tokenizer chunk by chunk so that large files stream.

    ``codec`` is set once the first bytes have been seen; ``unsupported`` names a wide text
    encoding (UTF-16/32) that edikit refuses rather than misread.
    """

    name: str | None
    _chunks: Iterator[bytes | str]
    codec: str = LATIN1
    unsupported: str | None = None

    def chunks(self) -> Iterator[str]:
        sniffed = False
        for raw in self._chunks:
            if isinstance(raw, str):
                # The caller's text stands for its UTF-8 bytes (see module docstring).
                yield raw if raw.isascii() else raw.encode("utf-8").decode(LATIN1)
                continue
            if not raw:
                continue
            if not sniffed:
                sniffed = True
                encoding = sniff_encoding(raw)
                if encoding not in (LATIN1, EBCDIC):
                    self.unsupported = encoding
                    return
                self.codec = encoding
            yield raw.decode(self.codec)


def sniff_encoding(head: bytes) -> str:
    """Name the encoding of an X12 input from its first bytes.

    Returns ``latin-1`` for ASCII-compatible input (UTF-8 included: its bytes are kept as they
    are), ``cp037`` for an EBCDIC interchange, or ``utf-16``/``utf-32`` for input edikit cannot
    read byte-for-byte.
    """
    for bom in _WIDE_BOMS:
        if head.startswith(bom):
            return "utf-32" if len(bom) == 4 else "utf-16"
    if head[:1] != b"\x00" and b"\x00" not in head[:16]:
        if head.lstrip(_EBCDIC_SPACE).startswith(_EBCDIC_ISA):
            return EBCDIC
        return LATIN1
    return "utf-16" if b"\x00\x00" not in head[:16] else "utf-32"


def open_source(source: Readable, name: str | None = None, chunk_size: int = CHUNK_SIZE) -> Source:
    """Wrap bytes, X12 text, a path or an open file as a :class:`Source`.

    A ``str`` is X12 text when it starts with ``ISA`` (after white space or a byte-order mark)
    or holds a line break, otherwise it is a path. Raises :class:`~edikit.errors.InputError`
    for a path that cannot be read or an object that is none of these.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return Source(name, _slices(bytes(source), chunk_size))
    if isinstance(source, str) and _looks_like_x12_text(source):
        return Source(name, iter([source]))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return Source(name or str(path), _read_path(path, chunk_size))
    if hasattr(source, "read"):
        return Source(name or _stream_name(source), _read_stream(source, chunk_size))
    raise InputError(
        f"cannot read X12 from a {type(source).__name__}: pass bytes, a path or an open file"
    )


def _slices(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _looks_like_x12_text(text: str) -> bool:
    # Paths hold no line breaks and are short; X12 text starts with ISA or spans lines.
    return "\n" in text or len(text) > 4096 or text.lstrip("\ufeff \t\r").startswith("ISA")


def _read_path(path: Path, chunk_size: int) -> Iterator[bytes | str]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return _read_stream(handle, chunk_size, close=True)


def _read_stream(
    stream: IO[bytes] | IO[str], chunk_size: int, close: bool = False
) -> Iterator[bytes | str]:
    try:
        while chunk := stream.read(chunk_size):
            yield chunk
    except OSError as exc:
        raise InputError(f"cannot read {_stream_name(stream)}: {exc}") from exc
    finally:
        if close:
            stream.close()


def _stream_name(stream: object) -> str | None:
    name = getattr(stream, "name", None)
    return name if isinstance(name, str) else None


def readable(value: str) -> str:
    """A value for people: bytes that form UTF-8 are shown as the characters they encode.

    Element values are kept one byte per character so they round-trip; UTF-8 senders' ``é``
    would otherwise be shown as ``Ã©``.
    """
    if value.isascii():
        return value
    try:
        return value.encode(LATIN1).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value
