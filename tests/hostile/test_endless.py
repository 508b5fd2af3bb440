"""Issue 10 item 14: endless input (``/dev/urandom``, a pipe fed by ``yes``) is read only as
far as a bound, then reported with a located violation saying how much was read; text outside
interchanges and an unterminated segment never grow without bound in memory."""

from __future__ import annotations

import io
import os
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.io.decode import Source
from edikit.io.reader import EnvelopeReader
from edikit.io.tokenizer import MAX_OUTSIDE, MAX_SEGMENT, Tokenizer
from edikit.rules.ruleset import standard_ruleset
from tests.helpers import interchange

GOOD = interchange().encode("latin-1")
MIB = 1 << 20


class Endless(io.RawIOBase):
    """A file that never ends: ``piece`` again and again (``yes`` into a pipe)."""

    def __init__(self, piece: bytes, head: bytes = b"") -> None:
        self.piece, self.head, self.served = piece, head, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        data = (self.head + self.piece * (size // len(self.piece) + 1))[:size]
        self.head = self.head[size:]
        buffer[:size] = data
        self.served += size
        return size


def read(source: object, measure: bool = True) -> tuple[edikit.TransactionStream, int, int]:
    """Stream ``source`` to its end; the transactions read and the peak memory (0 when not
    ``measure``: tracing makes a run of a million unreadable ISAs slow)."""
    if measure:
        tracemalloc.start()
    try:
        stream = edikit.stream(source)  # type: ignore[arg-type]
        count = sum(1 for _ in stream)
        peak = tracemalloc.get_traced_memory()[1] if measure else 0
    finally:
        if measure:
            tracemalloc.stop()
    return stream, count, peak


@pytest.mark.parametrize("piece", [b"y\n", b"\n", b"\x00", b"ISA_", b"ISA*" + b"x" * 500])
def test_endless_text_without_an_isa_stops_after_the_bound(piece: bytes) -> None:
    endless = Endless(piece)
    stream, count, peak = read(io.BufferedReader(endless), measure=piece != b"ISA_")
    assert count == 0
    *unreadable, violation = stream.violations
    assert [v.code for v in unreadable] == (["EDI101"] if piece.startswith(b"ISA") else [])
    assert violation.code == "EDI002"
    assert "edikit stopped reading" in violation.message and "4 MiB" in violation.message
    assert violation.location.offset == 0 and violation.location.line == 1
    assert MAX_OUTSIDE <= endless.served <= 4 * MAX_OUTSIDE
    assert peak < 16 * MAX_OUTSIDE


@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="no /dev/urandom here")
def test_dev_urandom_is_reported_not_read_forever() -> None:
    x12 = edikit.parse("/dev/urandom")
    stopped = [v for v in x12.all_violations() if v.code == "EDI002"]
    assert len(stopped) == 1, x12.all_violations()
    assert "stopped reading" in stopped[0].message and "bytes" in stopped[0].message


def test_endless_junk_after_an_interchange_is_reported_after_the_bound() -> None:
    stream, count, peak = read(io.BufferedReader(Endless(b"junk\n", head=GOOD)))
    assert count == 1
    last = stream.violations[-1]
    assert last.code == "EDI004"
    assert "stopped reading" in last.message and "4 MiB" in last.message
    assert last.location.offset == len(GOOD) and last.location.line == 9
    assert peak < 16 * MAX_OUTSIDE


def test_an_endless_segment_stops_at_the_segment_bound() -> None:
    head = GOOD[: GOOD.index(b"\nPO1*") + 1]  # inside the transaction set: an endless PO1
    endless = Endless(b"A", head=head)
    source = Source("endless", iter(lambda: endless.read(1 << 16), b""))
    tokenizer = Tokenizer(source, max_segment=MIB)
    reader = EnvelopeReader(tokenizer, standard_ruleset().resolve, name="endless", keep=False)
    (transaction,) = list(reader)
    assert tokenizer.stopped is not None and tokenizer.stopped.what == "segment"
    stop = next(v for v in reader.file.violations if v.code == "EDI005")
    assert "without its segment terminator" in stop.message and "1 MiB" in stop.message
    assert stop.location.offset == len(head) and stop.location.line == 5
    assert len(transaction.segments[-1].raw) > MIB


def test_the_default_bounds() -> None:
    assert MAX_OUTSIDE == 4 * MIB and MAX_SEGMENT == 64 * MIB


def test_text_outside_interchanges_below_the_bound_is_kept() -> None:
    junk = b"x" * (3 * MIB) + b"\n"
    data = junk + GOOD + junk + GOOD + junk
    x12 = edikit.parse(data)
    assert len(x12.transactions) == 2
    assert [v.code for v in x12.all_violations()] == ["EDI004", "EDI004", "EDI004"]
    assert edikit.serialize(x12) == data


def test_many_small_gaps_do_not_add_up_to_the_bound() -> None:
    data = (b"junk\n" + GOOD) * 2000
    stream, count, _ = read(data)
    assert count == 2000
    assert not any("stopped" in v.message for v in stream.violations)


def _feed_yes(path: Path, stop: threading.Event) -> None:
    try:
        with path.open("wb") as pipe:
            while not stop.is_set():
                pipe.write(b"y\n" * 4096)
    except (BrokenPipeError, OSError):
        pass


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_fed_by_yes_is_reported_by_the_cli(tmp_path: Path) -> None:
    fifo = tmp_path / "inbound.pipe"
    os.mkfifo(fifo)
    stop = threading.Event()
    writer = threading.Thread(target=_feed_yes, args=(fifo, stop), daemon=True)
    writer.start()
    try:
        result = CliRunner().invoke(main, ["validate", "--format", "json", str(fifo)])
    finally:
        stop.set()
    writer.join(timeout=10)
    assert not writer.is_alive(), "edikit must close the pipe when it stops reading"
    assert result.exit_code == 3, result.output
    assert "EDI002" in result.output and "stopped reading" in result.output
