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
#: Bytes read before the encoding is decided (however small the chunks a caller asks for).
SNIFF_SIZE: Final = 64
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
        head: bytes | None = b""  # held back until there are enough to tell the encoding
        for raw in self._chunks:
            if isinstance(raw, str):
                # The caller's text stands for its UTF-8 bytes (see module docstring).
                yield raw if raw.isascii() else raw.encode("utf-8").decode(LATIN1)
                continue
            if head is None:
                yield raw.decode(self.codec)
                continue
            head += raw
            if len(head) < SNIFF_SIZE:
                continue
            if not self._sniff(head):
                return
            yield head.decode(self.codec)
            head = None
        if head and self._sniff(head):
            yield head.decode(self.codec)

    def close(self) -> None:
        """Stop reading: close the file edikit opened (a caller's open file stays open)."""
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()

    def _sniff(self, head: bytes) -> bool:
        encoding = sniff_encoding(head)
        if encoding not in (LATIN1, EBCDIC):
            self.unsupported = encoding
            return False
        self.codec = encoding
        return True


def sniff_encoding(head: bytes) -> str:
    """Name the encoding of an X12 input from its first bytes (:data:`SNIFF_SIZE` of them
    are enough).

    Returns ``latin-1`` for ASCII-compatible input (UTF-8 included: its bytes are kept as they
    are), ``cp037`` for an EBCDIC interchange, or ``utf-16``/``utf-32`` for input edikit cannot
    read byte-for-byte: one that starts with their byte-order mark, or whose first bytes have
    the zero bytes of ASCII text written in them (``I\\0S\\0A\\0``). A NUL byte anywhere
    else is data (reported where it stands), not a sign of a wide encoding.
    """
    for bom in _WIDE_BOMS:
        if head.startswith(bom):
            return "utf-32" if len(bom) == 4 else "utf-16"
    wide = _wide_text(head)
    if wide is not None:
        return wide
    if head.lstrip(_EBCDIC_SPACE).startswith(_EBCDIC_ISA):
        return EBCDIC
    return LATIN1


def _wide_text(head: bytes) -> str | None:
    """``utf-32`` or ``utf-16`` when ``head`` reads as ASCII characters in that encoding
    (little or big endian): every character has its zero bytes where that encoding puts
    them, and no character is itself NUL."""
    for width, name in ((4, "utf-32"), (2, "utf-16")):
        sample = head[: len(head[:SNIFF_SIZE]) // width * width]
        if len(sample) < 2 * width:
            continue
        characters = [sample[i : i + width] for i in range(0, len(sample), width)]
        zeros = b"\0" * (width - 1)
        if all(c[1:] == zeros and c[0] for c in characters):
            return name
        if all(c[:-1] == zeros and c[-1] for c in characters):
            return name
    return None


def open_source(source: Readable, name: str | None = None, chunk_size: int = CHUNK_SIZE) -> Source:
    """Wrap bytes, X12 text, a path or an open file as a :class:`Source`.

    A ``str`` is X12 text (see :func:`is_x12_text` for the rule) or else the path of a file.
    Raises :class:`~edikit.errors.InputError` for a path or file that cannot be read (missing,
    a directory, no permission, closed) or an object that is none of these,
    :class:`ValueError` for an empty ``str`` or a ``chunk_size`` below 1 and
    :class:`TypeError` for a ``name`` that is not a ``str``.
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a str (how locations name the input), not {name!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise TypeError(f"chunk_size must be an int (bytes read at a time), not {chunk_size!r}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    if isinstance(source, bytes | bytearray | memoryview):
        return Source(name, _slices(bytes(source), chunk_size))
    if isinstance(source, str):
        if not source.strip():
            raise ValueError(
                "an empty str is neither X12 text nor a path; pass b'' to read empty input"
            )
        if is_x12_text(source):
            return Source(name, iter([source]))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        note = _PATH_RULE if isinstance(source, str) and "ISA" in source[:8] else ""
        return Source(name or str(path), _read_path(path, chunk_size, note))
    if hasattr(source, "read"):
        if getattr(source, "closed", False):
            raise InputError(f"cannot read {_stream_name(source) or 'the file'}: it is closed")
        return Source(name or _stream_name(source), _read_stream(source, chunk_size))
    raise InputError(
        f"cannot read X12 from a {type(source).__name__}: pass bytes, a path or an open file"
    )


#: A ``str`` longer than this is never a path (Linux's PATH_MAX).
MAX_PATH_LENGTH: Final = 4096
_ISA_ELEMENTS: Final = 16


def is_x12_text(text: str) -> bool:
    """Whether :func:`open_source` reads ``text`` as X12 text rather than as a path.

    The rule: a ``str`` is X12 text when it holds a line break (CR or LF) or a NUL character,
    or is longer than 4,096 characters (no path holds those), or starts, after white space and
    a byte-order mark, with ``ISA`` and a character that is not a letter, digit or space which
    it then holds at least 16 times (an ISA alone has 16 element separators). Any other
    ``str`` is a path: ``"ISA_inbound.edi"`` is a file name. To leave no doubt, pass ``bytes``
    (``text.encode()``) or a :class:`pathlib.Path`.
    """
    if "\n" in text or "\r" in text or "\0" in text or len(text) > MAX_PATH_LENGTH:
        return True
    body = text.lstrip("\ufeff \t")
    if not body.startswith("ISA") or len(body) < 4:
        return False
    separator = body[3]
    if separator.isalnum() or separator.isspace():
        return False
    return body.count(separator) >= _ISA_ELEMENTS


def _slices(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


_PATH_RULE: Final = (
    " (this str was taken for a path: X12 text in a str holds a line break, or starts with ISA "
    "and its element separator 16 times; pass bytes to have it read as X12)"
)


def _read_path(path: Path, chunk_size: int, note: str = "") -> Iterator[bytes | str]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}{note}") from exc
    return _read_stream(handle, chunk_size, close=True)


def _read_stream(
    stream: IO[bytes] | IO[str], chunk_size: int, close: bool = False
) -> Iterator[bytes | str]:
    try:
        while chunk := stream.read(chunk_size):
            if not isinstance(chunk, bytes | str):
                raise InputError(
                    f"cannot read {_stream_name(stream) or 'the file'}: its read() returned "
                    f"a {type(chunk).__name__}, not bytes or str"
                )
            yield chunk
    except (OSError, ValueError) as exc:  # ValueError: closed while read, undecodable text
        raise InputError(f"cannot read {_stream_name(stream) or 'the file'}: {exc}") from exc
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
