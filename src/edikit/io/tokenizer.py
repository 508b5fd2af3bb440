"""Pipeline stage 2: decoded text -> one :class:`Segment` token per segment, with positions.

The tokenizer reads each interchange's delimiters from its ISA (``delimiters.read_isa``), splits
on that interchange's terminator until its IEA, then looks for the next ISA, so one input may mix
delimiter sets (a "mailbag"). Text outside interchanges comes out as :class:`Gap` items so that
nothing the caller gave is lost. It reads the source chunk by chunk and keeps only the unfinished
tail between chunks, so memory does not grow with the input.

Endless or hostile input is bounded: edikit stops reading (and says so, see :class:`Stop`) after
:data:`MAX_OUTSIDE` bytes outside any interchange without a readable ISA (``/dev/urandom``, a
pipe fed by ``yes``), and when one segment runs on for :data:`MAX_SEGMENT` bytes without its
terminator. So the most it holds at once is about one of these plus a chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Final, Literal

from edikit.io.decode import Source
from edikit.io.delimiters import MAX_ISA_LENGTH, Delimiters, IsaHeader, read_isa
from edikit.io.segment import Segment

WHITESPACE = " \t\r\n"
_ISA_START = re.compile(r"ISA(?=[^0-9A-Za-z \t\r\n])")
#: Bytes of text outside any interchange (before the first ISA, or since the last readable
#: one) after which edikit stops looking for an ISA and stops reading: 4 MiB.
MAX_OUTSIDE: Final = 4 << 20
#: Bytes one segment may run on without its terminator before edikit stops reading: 64 MiB
#: (far above any real segment; element values of tens of megabytes are read).
MAX_SEGMENT: Final = 64 << 20
# The most read at once while the buffer holds no complete piece: reading in steps as large
# as what is held (up to this) keeps scanning a long piece linear in its length.
_MAX_STEP: Final = 8 << 20


@dataclass(slots=True)
class Gap:
    """Text outside any interchange: a byte-order mark, stray data, or an unreadable ISA."""

    text: str
    offset: int
    line: int
    column: int
    isa_problem: str | None = None  # why an ISA at the start of this gap could not be read


Token = Segment | Gap


@dataclass(frozen=True, slots=True)
class Stop:
    """Why and where the tokenizer stopped reading before the input ended.

    ``what`` is ``outside`` (``read`` bytes outside any interchange without a readable ISA)
    or ``segment`` (one segment, starting at ``offset``, ran on for ``read`` bytes without its
    terminator). ``offset`` is where that text starts; ``end`` the byte offset where reading
    stopped; ``limit`` the bound that was passed.
    """

    what: Literal["outside", "segment"]
    offset: int
    line: int
    column: int
    read: int
    end: int
    limit: int


@lru_cache(maxsize=256)  # a run of unreadable ISAs (ISA_ISA_...) repeats the same text
def _readable_isa(text: str) -> bool:
    return not isinstance(read_isa(text), str)


@lru_cache(maxsize=64)
def _boundary(delimiters: Delimiters) -> re.Pattern[str]:
    """Finds the next IEA (end of this interchange) or ISA (a new one, IEA missing)."""
    term, element = re.escape(delimiters.segment), re.escape(delimiters.element)
    return re.compile(rf"(?:\A|{term})[ \t\r\n]*((?:IEA|ISA){element})")


class Tokenizer:
    """Iterate over a :class:`Source` as segment tokens and gaps."""

    def __init__(
        self, source: Source, max_outside: int = MAX_OUTSIDE, max_segment: int = MAX_SEGMENT
    ) -> None:
        self.source = source
        self.max_outside = max_outside
        self.max_segment = max_segment
        self.stopped: Stop | None = None  # set when reading stopped before the input ended
        self._outside = 0  # bytes outside interchanges consumed since the last readable ISA
        self._outside_at = (0, 1, 1)  # where that text starts: offset, line, column
        self._inside = False  # reading an interchange (not text outside one)
        self._chunks = source.chunks()
        self._buffer = ""
        self._final = False
        self._base = 0  # offset of _buffer[0] in the input
        self._line = 1
        self._line_start = 0  # offset of the first character of the current line
        self._index = 0
        self._pending: Segment | None = None  # last segment, still collecting its trailer

    def __iter__(self) -> Iterator[Token]:
        return chain.from_iterable(self.batches())

    def batches(self) -> Iterator[list[Token]]:
        """Tokens in input order, a list at a time (one per chunk read): iterating lists is
        much cheaper per token than resuming generators."""
        while True:
            header_at = self._find_isa()
            if header_at is None:
                yield self._flush_gap(len(self._buffer))
                break
            yield self._flush_gap(header_at)
            header = read_isa(self._buffer)
            if isinstance(header, str):
                yield self._unreadable_isa(header)
                continue
            self._inside = True
            yield from self._interchange(header)
            self._inside = False
        if self._pending is not None:
            yield [self._pending]

    # -- reading ---------------------------------------------------------------------------
    def _read_more(self) -> bool:
        """Add to the buffer: one chunk, or as much as it holds already (up to _MAX_STEP)
        when that is more, so that a piece spanning many chunks is scanned a bounded number
        of times. False at the end of the input."""
        if self._final:
            return False
        held = len(self._buffer)
        room = self.max_segment if self._inside else self.max_outside - self._outside
        wanted = min(held, _MAX_STEP, max(0, room - held))
        pieces: list[str] = []
        size = 0
        while True:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._final = True
                break
            pieces.append(chunk)
            size += len(chunk)
            if size >= wanted:
                break
        if not pieces:
            return False
        self._buffer += pieces[0] if len(pieces) == 1 else "".join(pieces)
        return True

    def _stop(self, what: Literal["outside", "segment"], read: int) -> None:
        """Read no more: the input is endless, or no X12 reader could use what follows."""
        here = (self._base, self._line, self._base - self._line_start + 1)
        if what == "segment" or not self._outside:
            here = self._after_whitespace()
        offset, line, column = self._outside_at if what == "outside" and self._outside else here
        limit = self.max_outside if what == "outside" else self.max_segment
        end = self._base + len(self._buffer)
        self.stopped = Stop(what, offset, line, column, read, end, limit)
        self._final = True
        self.source.close()  # a pipe's writer learns that nobody reads any more

    def _after_whitespace(self) -> tuple[int, int, int]:
        """Offset, line and column of the first character of the buffer that is not white
        space (where text outside an interchange will be reported)."""
        buffer = self._buffer
        lead = len(buffer) - len(buffer.lstrip(WHITESPACE))
        if lead == len(buffer):
            lead = 0  # only white space: report where it starts
        newline = buffer.rfind("\n", 0, lead)
        line = self._line + buffer.count("\n", 0, lead)
        start = self._base + newline + 1 if newline >= 0 else self._line_start
        return self._base + lead, line, self._base + lead - start + 1

    def _count_outside(self, size: int) -> None:
        """``size`` bytes at the buffer's start are text outside any interchange."""
        if not self._outside:
            self._outside_at = (self._base, self._line, self._base - self._line_start + 1)
        self._outside += size

    def _outside_full(self) -> bool:
        """Whether the text outside interchanges held and consumed has passed the bound."""
        if self._outside + len(self._buffer) <= self.max_outside:
            return False
        if self.stopped is None:
            self._stop("outside", self._outside + len(self._buffer))
        return True

    def _consume(self, count: int) -> None:
        """Drop ``count`` characters that were not split into segments, keeping line counts."""
        text = self._buffer[:count]
        newline = text.rfind("\n")
        if newline >= 0:
            self._line += text.count("\n")
            self._line_start = self._base + newline + 1
        self._base += count
        self._buffer = self._buffer[count:]

    # -- outside interchanges --------------------------------------------------------------
    def _find_isa(self) -> int | None:
        """Offset in the buffer of the next ISA with enough text after it to read, or None."""
        scan_from = 0
        while True:
            match = _ISA_START.search(self._buffer, scan_from)
            if match is not None:
                needed = match.start() + MAX_ISA_LENGTH
                while len(self._buffer) < needed and not self._outside_full():
                    if not self._read_more():
                        break
                return match.start()
            scan_from = max(0, len(self._buffer) - 3)
            if self._outside_full() or not self._read_more():
                return None

    def _flush_gap(self, end: int) -> list[Token]:
        """Emit the text before ``end``: white space goes to the last segment's trailer."""
        out: list[Token] = []
        text = self._buffer[:end]
        if not text:
            return out
        body = text.lstrip(WHITESPACE)
        lead = len(text) - len(body)
        if self._pending is not None and lead:
            self._pending.trailer += text[:lead]
            self._consume(lead)
            text = body
        if self._pending is not None:
            out.append(self._pending)
            self._pending = None
        if text:
            out.append(Gap(text, self._base, self._line, self._base - self._line_start + 1))
            self._count_outside(len(text))
            self._consume(len(text))
        return out

    def _unreadable_isa(self, problem: str) -> list[Token]:
        """An ISA whose delimiters can't be read: everything to the next ISA that can be read
        becomes one gap (``ISA_ISA_ISA_...`` is one gap, not one per ``ISA``)."""
        out: list[Token] = []
        if self._pending is not None:
            out.append(self._pending)
            self._pending = None
        end = self._next_readable_isa(3)
        out.append(
            Gap(
                self._buffer[:end],
                self._base,
                self._line,
                self._base - self._line_start + 1,
                isa_problem=problem,
            )
        )
        self._count_outside(end)
        self._consume(end)
        return out

    def _next_readable_isa(self, start: int) -> int:
        """Offset in the buffer of the first ISA at or after ``start`` whose header can be
        read; the buffer's length when the input (or the bound) ends first."""
        scan_from = start
        while True:
            match = _ISA_START.search(self._buffer, scan_from)
            if match is None:
                scan_from = max(start, len(self._buffer) - 3)
                if self._outside_full() or not self._read_more():
                    return len(self._buffer)
                continue
            at = match.start()
            while len(self._buffer) < at + MAX_ISA_LENGTH and not self._outside_full():
                if not self._read_more():
                    break
            if self.stopped is not None:
                return len(self._buffer)
            if _readable_isa(self._buffer[at : at + MAX_ISA_LENGTH]):
                return at
            scan_from = at + 3

    # -- inside an interchange -------------------------------------------------------------
    def _interchange(self, header: IsaHeader) -> Iterator[list[Token]]:
        self._outside = 0
        yield self._isa_segment(header)
        delimiters = header.delimiters
        boundary = _boundary(delimiters)
        terminator = delimiters.segment
        while True:
            match = boundary.search(self._buffer)
            if match is not None:
                start = match.start(1)
                if self._buffer.startswith("ISA", start):  # a new interchange: IEA is missing
                    yield self._split(start, delimiters)
                    return
                stop = self._buffer.find(terminator, start)
                if stop < 0 and self._read_more():
                    continue
                end = len(self._buffer) if stop < 0 else stop + len(terminator)
                yield self._split(end, delimiters)
                return
            cut = self._buffer.rfind(terminator)
            if cut >= 0 and not self._final:
                yield self._split(cut + len(terminator), delimiters)
            if len(self._buffer) > self.max_segment:  # one segment, no terminator in sight
                self._stop("segment", len(self._buffer))
                yield self._split(len(self._buffer), delimiters)
                return
            if not self._read_more():
                yield self._split(len(self._buffer), delimiters)
                return

    def _isa_segment(self, header: IsaHeader) -> list[Token]:
        # The ISA is cut by its length, not split on the terminator: a broken ISA may hold
        # the terminator character inside an element.
        out: list[Token] = [] if self._pending is None else [self._pending]
        end, cut = header.length, header.terminator_at
        self._pending = Segment(
            "ISA",
            self._buffer[:cut],
            self._buffer[cut:end],
            "",
            self._base,
            self._line,
            self._base - self._line_start + 1,
            self._index,
            header.delimiters,
        )
        self._index += 1
        self._consume(end)
        return out

    def _split(self, end: int, delimiters: Delimiters) -> list[Token]:
        """Split the first ``end`` characters of the buffer into segments and consume them.

        Every piece but the last is followed by a terminator. White space before a segment is
        formatting and goes to the trailer of the segment before it; so does a blank line when
        the terminator is itself a line break. A terminator with nothing before it is kept as
        an empty segment, for the envelope stage to report.
        """
        text = self._buffer[:end]
        terminator = delimiters.segment
        element = delimiters.element
        blank_terminator = terminator in ("\r", "\n")
        newline_terminates = terminator.endswith("\n")
        step = len(terminator)
        pieces = text.split(terminator)
        last = len(pieces) - 1
        position = self._base
        line, line_start, index = self._line, self._line_start, self._index
        pending = self._pending
        out: list[Token] = []
        append = out.append
        for number, piece in enumerate(pieces):
            followed = number < last
            if piece and piece[0] in WHITESPACE:
                body = piece.lstrip(WHITESPACE)
                lead = len(piece) - len(body)
                newline = piece.rfind("\n", 0, lead)
                if newline >= 0:
                    line += piece.count("\n", 0, lead)
                    line_start = position + newline + 1
            else:
                body, lead = piece, 0
            if body or (followed and not blank_terminator):
                start = position + lead
                cut = body.find(element)
                if pending is not None:
                    pending.trailer += piece[:lead]
                    append(pending)
                pending = Segment(
                    body if cut < 0 else body[:cut],
                    body,
                    terminator if followed else "",
                    "",
                    start,
                    line,
                    start - line_start + 1,
                    index,
                    delimiters,
                )
                index += 1
                inner = body.rfind("\n")
                if inner >= 0:
                    line += body.count("\n")
                    line_start = start + inner + 1
                position = start + len(body)
            else:
                if pending is not None:
                    pending.trailer += piece + terminator if followed else piece
                position += len(piece)
            if followed:
                position += step
                if newline_terminates:
                    line += 1
                    line_start = position
        self._line, self._line_start, self._index = line, line_start, index
        self._pending = pending
        self._base += end
        self._buffer = self._buffer[end:]
        return out
