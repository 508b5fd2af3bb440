"""The tokenizer's quick split of the usual layout (the same formatting after every
terminator) against its piece-by-piece split: the same tokens, to the last field, for any
layout and any chunk size."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edikit.io.decode import open_source
from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap, Token, Tokenizer
from tests.helpers import isa


class PieceByPiece(Tokenizer):
    """The tokenizer with its quick split turned off."""

    def _regular(self, text: str, pieces: list[str], delimiters: Delimiters) -> str | None:
        return None


def _fields(token: Token) -> tuple[object, ...]:
    if isinstance(token, Gap):
        return ("gap", token.text, token.offset, token.line, token.column, token.isa_problem)
    return (
        token.tag,
        token.raw,
        token.terminator,
        token.trailer,
        token.offset,
        token.line,
        token.column,
        token.index,
        token.delimiters,
    )


def _tokens(kind: type[Tokenizer], text: str, chunk_size: int) -> list[tuple[object, ...]]:
    return [_fields(t) for t in kind(open_source(text.encode("latin-1"), chunk_size=chunk_size))]


USUAL = ["GS*SH*A*B*20240105*1230*1*X*004010", "ST*856*0001", "BSN*00*1*20240105*1230",
         "HL*1**S", "LIN**UP*012345678905", "SN1**12*EA", "SE*6*0001", "GE*1*1",
         "IEA*1*000000001", "TD5*B*2*UPSN", "REF"]  # fmt: skip
ODD = ["N1*ST*NAME\nON TWO LINES", "", " PID*F****X", "ISA*00"]
FORMATS = ["", "\n", "\r\n", " ", "\n\n", "\t", "\r"]


@settings(max_examples=300, deadline=None)
@given(
    segments=st.lists(st.one_of(*[st.sampled_from(USUAL)] * 9, st.sampled_from(ODD)), max_size=60),
    layout=st.lists(st.sampled_from(FORMATS), min_size=1, max_size=4),
    usual=st.sampled_from(["", "\n", "\r\n"]),
    chunk_size=st.one_of(st.integers(1, 200), st.integers(200, 5000)),
    tail=st.sampled_from(["", "\n", "junk", "\n\n"]),
)
def test_the_quick_split_gives_what_the_piece_by_piece_split_gives(
    segments: list[str], layout: list[str], usual: str, chunk_size: int, tail: str
) -> None:
    """Mostly the usual formatting after each terminator, now and then another."""
    parts = [isa() + "~" + usual]
    for number, segment in enumerate(segments):
        formatting = layout[number % len(layout)] if number % 17 == 16 else usual
        parts.append(segment + "~" + formatting)
    text = "".join(parts) + tail
    assert _tokens(Tokenizer, text, chunk_size) == _tokens(PieceByPiece, text, chunk_size)


def test_the_usual_layout_takes_the_quick_split() -> None:
    """A file of one segment a line is split in one run, not piece by piece (else the quick
    split would be of no use)."""
    body = "".join(f"LIN**UP*{n:012d}~\n" for n in range(50))
    tokenizer = Tokenizer(open_source((isa() + "~\n" + body).encode()))
    pieces = (isa() + "~\n" + body).split("~")
    assert tokenizer._regular(isa() + "~\n" + body, pieces, Delimiters()) == "\n"
    found = [t for t in tokenizer if isinstance(t, Segment)]
    assert len(found) == 51 and found[-1].line == 51 and found[-1].trailer == "\n"


def test_a_large_chunk_is_split_a_bounded_piece_at_a_time() -> None:
    """However much is read at once, no more than a piece of segments is made at a time, and
    the pieces together are the segments of splitting it whole."""
    from edikit.io import tokenizer

    body = "".join(f"REF*ZZ*{n:08d}~\n" for n in range(40_000))  # about 720 KB
    isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
    text = f"{isa}*261120*0930*U*00401*000000001*0*P*>~\n{body}IEA*0*000000001~\n"
    batches = list(Tokenizer(open_source(text.encode(), chunk_size=len(text))).batches())
    sizes = [sum(len(t.raw) for t in batch if isinstance(t, Segment)) for batch in batches]
    assert len(batches) > 4 and max(sizes) <= tokenizer._PIECE + 64
    segments = [t for batch in batches for t in batch if isinstance(t, Segment)]
    assert [s.index for s in segments] == list(range(len(segments)))
    assert len(segments) == 40_002
    assert "".join(s.raw + s.terminator + s.trailer for s in segments) == text
