"""Properties: any valid interchange with any legal delimiters round-trips and parses clean;
any bytes at all are read without an exception and written back unchanged."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import edikit
from edikit import Delimiters, X12Writer
from edikit.rules.registry import REGISTRY

# Delimiters X12 files use in practice, printable and not (0x15, 0x1C-0x1F, 0x7F).
DELIMITER_CHARS = "*~>:^|!'+{}@`\\\x15\x1c\x1d\x1e\x1f\x7f\x07"
VALUE_CHARS = string.ascii_uppercase + string.digits + " -.,/()#&"


@st.composite
def delimiter_sets(draw: st.DrawFn) -> tuple[Delimiters, str]:
    chars = draw(st.lists(st.sampled_from(DELIMITER_CHARS), min_size=4, max_size=4, unique=True))
    delimiters = Delimiters(chars[0], chars[1], chars[2], chars[3])
    suffix = draw(st.sampled_from(["", "\n", "\r\n"]))
    return delimiters, suffix


values = st.text(alphabet=VALUE_CHARS, min_size=1, max_size=12).filter(lambda v: v.strip() == v)
segment_specs = st.lists(
    st.tuples(
        st.sampled_from(["BEG", "REF", "N1", "PO1", "PID", "DTM", "HL"]),
        st.lists(values, min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(
    delimiter_sets(),
    st.sampled_from(["00401", "00501"]),
    st.lists(segment_specs, min_size=1, max_size=3),
)
def test_valid_interchange_round_trips(
    delimiters_and_suffix: tuple[Delimiters, str],
    version: str,
    bodies: list[list[tuple[str, list[str]]]],
) -> None:
    delimiters, suffix = delimiters_and_suffix
    if version == "00401":
        delimiters = Delimiters(delimiters.element, delimiters.component, delimiters.segment)
    writer = X12Writer(
        sender=("ZZ", "BRAND"),
        receiver=("ZZ", "RETAILER"),
        version=version,
        delimiters=delimiters,
        suffix=suffix,
    )
    group = writer.group("PO", "BRAND", "RETAILER")
    for body in bodies:
        group.transaction("850", [[tag, *elements] for tag, elements in body])
    data = writer.to_bytes()
    x12 = edikit.parse(data, structure=False)  # random segments: the envelope is under test
    assert x12.all_violations() == []
    assert x12.interchanges[0].delimiters == delimiters if version == "00501" else True
    assert [len(tx.segments) for tx in x12.transactions] == [len(body) for body in bodies]
    assert [[s.elements[1:] for s in tx.segments] for tx in x12.transactions] == [
        [elements for _, elements in body] for body in bodies
    ]
    assert edikit.serialize(x12) == data


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_parse_without_exception_and_round_trip(data: bytes) -> None:
    x12 = edikit.parse(data)
    codes = {v.code for v in x12.all_violations()}
    if "EDI003" not in codes:
        assert edikit.serialize(x12) == data
    for violation in x12.all_violations():
        assert violation.code.startswith("EDI")


PREFIX = (
    b"ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240105*1230*U*"
    b"00401*000000001*0*P*>~"
)


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=400), st.sampled_from([b"", b"\n", b"GS*PO*A*B*20240105*1200*1*X*004010~"])
)
def test_garbage_after_a_real_isa_never_raises(tail: bytes, middle: bytes) -> None:
    data = PREFIX + middle + tail
    x12 = edikit.parse(data)
    assert edikit.serialize(x12) == data
    streamed = edikit.stream(data)
    assert len(list(streamed)) == len(x12.transactions)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_validate_never_raises_on_garbage_inside_a_transaction_set(body: bytes) -> None:
    data = (
        PREFIX
        + b"GS*PO*A*B*20240105*1200*1*X*004010~ST*850*0001~BEG*00*SA*1**20240105~"
        + body
        + b"~PO1*1*1*EA~SE*4*0001~GE*1*1~IEA*1*000000001~"
    )
    assert edikit.serialize(edikit.parse(data)) == data
    result = edikit.validate(data)
    assert all(v.code in REGISTRY for v in result.all_violations())
    assert edikit.build_ack(result).startswith(b"ISA")


_CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"


_CATALOG = Path(edikit.__file__).resolve().parent / "rules" / "catalog"
# The timing limits of the catalog's example profiles: 48 hours for the 855, 2 hours for
# the ship notice, 3 business days for the invoice.
_TIMING_PROFILES = [None, *(_CATALOG / f"EDI61{n}" / "profile.yaml" for n in (5, 6, 7))]
# Lines the damage may also add: a ship date (with a time code), a store distribution.
_EXTRAS = ["DTM*011*20261120*0600*ES~\n", "SDQ*PR*92*0042*8*0043*4~\n", "N1*BY*S*92*0042~\n"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["850", "855", "856", "810"]),
    st.integers(min_value=0, max_value=2000),
    st.text(alphabet="*~>0123456789ABHLNPSUV \n\x00\xff", max_size=12) | st.sampled_from(_EXTRAS),
    st.sampled_from(_TIMING_PROFILES),
)
def test_document_set_checks_never_raise_on_damaged_documents(
    name: str, at: int, noise: str, profile: Path | None
) -> None:
    """One document of the clean chain damaged anywhere (or given a ship date, store or
    distribution line anywhere), with or without a timing limit: validate_set reports, never
    raises."""
    texts = {n: (_CHAIN / f"{n}.edi").read_text() for n in ("850", "855", "856", "810")}
    text = texts[name]
    cut = min(at, len(text))
    texts[name] = text[:cut] + noise + text[cut + len(noise) :]
    files = edikit.validate_set([t.encode("latin-1") for t in texts.values()], profile=profile)
    assert len(files) == 4
    assert all(v.code.startswith("EDI") for x12 in files for v in x12.all_violations())


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=200 * 60))
def test_acknowledgment_is_late_exactly_when_the_gap_passes_the_limit(minutes: int) -> None:
    """With a 48-hour limit, an 855 received ``minutes`` after its PO is reported (EDI615)
    if and only if that is more than 48 hours."""
    order, ack = _CHAIN / "850.edi", _CHAIN / "855.edi"
    received = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    times = {str(order): received, str(ack): received + dt.timedelta(minutes=minutes)}
    files = edikit.validate_set([order, ack], profile=_TIMING_PROFILES[1], received=times)
    late = [v for x12 in files for v in x12.all_violations() if v.code == "EDI615"]
    assert len(late) == (1 if minutes > 48 * 60 else 0)
