"""Properties for hostile input (issue 10): whatever the bytes, no reading path raises.

Every path a user has is exercised on each example: ``parse``, ``parse(...).documents`` and
their ``model_dump``, ``validate``, ``build_ack``, ``stream`` in small chunks, and the JSON
that ``edikit parse --format json`` writes. Inputs: any bytes; characters from all of latin-1
(``²``, ``³``, ``¹`` above all) put into every numeric element position the dictionary knows
of real documents; HL trees of any shape, deep and wide; many interchanges, groups and sets.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import edikit
from edikit.io.segment import Segment
from edikit.models.documents import ShipNotice
from edikit.report.parse_output import file_to_json, write_json
from edikit.rules.registry import REGISTRY
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import resolve_version

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "fixtures"
CATALOG = REPO / "src" / "edikit" / "rules" / "catalog"
BASES = [
    FIXTURES / "chains" / "clean" / "850.edi",
    FIXTURES / "chains" / "clean" / "855.edi",
    FIXTURES / "chains" / "clean" / "856.edi",
    FIXTURES / "chains" / "clean" / "810.edi",
    FIXTURES / "samples" / "856-pick-pack.edi",
    FIXTURES / "structure" / "997-clean.edi",
    CATALOG / "EDI312" / "case.edi",  # a 999
    CATALOG / "EDI310" / "case.edi",
]
NUMERIC_KINDS = ("R", "DT", "TM")
# Envelope elements that hold numbers (counts, control numbers, dates, times, versions), and
# HL01/HL02 (AN, but compared as numbers).
ENVELOPE_NUMBERS = {
    "ISA": (9, 10, 12, 13),
    "GS": (4, 5, 6),
    "GE": (1, 2),
    "ST": (2,),
    "SE": (1, 2),
    "IEA": (1, 2),
    "HL": (1, 2),
}
SUPERSCRIPT_TWO, SUPERSCRIPT_THREE, SUPERSCRIPT_ONE = "\xb2", "\xb3", "\xb9"
FALSE_DIGITS = "\xb2\xb3\xb9\xbc\xbd\xbe"
LATIN1_HIGH = "".join(chr(code) for code in range(0x80, 0x100))
NOT_ACKNOWLEDGED = ("no functional group", "different partners", "give sender and receiver")


def numeric(kind: str) -> bool:
    return kind in NUMERIC_KINDS or (
        kind.startswith("N") and kind[1:].isascii() and kind[1:].isdecimal()
    )


@cache
def numeric_positions() -> list[tuple[int, int, int]]:
    """(base, segment index in the file, element number) of every numeric element of the
    bases, by the dictionary of the segment's version, and of the envelope."""
    found: list[tuple[int, int, int]] = []
    for base, path in enumerate(BASES):
        x12 = edikit.parse(path)
        for interchange in x12.interchanges:
            for number in ENVELOPE_NUMBERS["ISA"]:
                found.append((base, interchange.header.index, number))
        for transaction in x12.transactions:
            specs = segment_specs(resolve_version(transaction.context.version or "")[0])
            for segment in transaction.all_segments():
                numbers = set(ENVELOPE_NUMBERS.get(segment.tag, ()))
                spec = specs.get(segment.tag)
                if spec is not None:
                    numbers |= {e.position for e in spec.elements if numeric(e.kind)}
                found += [
                    (base, segment.index, n) for n in sorted(numbers) if n < len(segment.elements)
                ]
        for group in x12.groups:
            for envelope in (group.header, group.trailer):
                if envelope is not None:
                    found += [(base, envelope.index, n) for n in ENVELOPE_NUMBERS[envelope.tag]]
        for interchange in x12.interchanges:
            if interchange.trailer is not None:
                trailer = interchange.trailer
                found += [(base, trailer.index, n) for n in ENVELOPE_NUMBERS["IEA"]]
    return found


def everything(data: bytes, chunk_size: int = 7) -> None:
    """Every reading path on ``data``; fails on any exception and on a code not registered."""
    parsed = edikit.parse(data)
    assert edikit.serialize(parsed) == data or any(
        v.code in ("EDI002", "EDI003", "EDI004", "EDI005") for v in parsed.all_violations()
    )
    for document in parsed.documents:
        document.model_dump(mode="json")
        document.model_dump_json()
    out = io.StringIO()
    write_json({"schema": "edikit.parse/1", "files": [file_to_json(parsed)]}, out)
    assert out.getvalue().endswith("}\n")
    checked = edikit.validate(data)
    assert all(v.code in REGISTRY for v in checked.all_violations())
    refused = ""
    try:
        ack = edikit.build_ack(checked)
    except ValueError as refusal:
        refused = str(refusal)
    else:
        assert edikit.parse(ack).all_violations() == []
    assert not refused or any(reason in refused for reason in NOT_ACKNOWLEDGED), refused
    stream = edikit.stream(data, chunk_size=chunk_size)
    assert sum(1 for _ in stream) == len(parsed.transactions)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.sampled_from(FALSE_DIGITS) | st.sampled_from(LATIN1_HIGH),
    st.sampled_from(["before", "after", "instead", "middle"]),
)
def test_any_latin1_character_in_any_numeric_element(
    data: st.DataObject, char: str, where: str
) -> None:
    base, index, number = data.draw(st.sampled_from(numeric_positions()), label="position")
    x12 = edikit.parse(BASES[base])
    segment = next(s for s in _segments(x12) if s.index == index)
    elements = list(segment.elements)
    value = elements[number]
    middle = len(value) // 2
    elements[number] = {
        "before": char + value,
        "after": value + char,
        "instead": char * max(1, len(value)) if segment.tag == "ISA" else char,
        "middle": value[:middle] + char + value[middle + 1 :],
    }[where]
    raw = segment.delimiters.element.join(elements)
    text = BASES[base].read_bytes().decode("latin-1")
    damaged = (text[: segment.offset] + raw + text[segment.offset + len(segment.raw) :]).encode(
        "latin-1"
    )
    everything(damaged)


def _segments(x12: edikit.ParsedFile) -> list[Segment]:
    found: list[Segment] = []
    for interchange in x12.interchanges:
        found.append(interchange.header)
        for group in interchange.groups:
            found.append(group.header)
            for transaction in group.transactions:
                found += transaction.all_segments()
            if group.trailer is not None:
                found.append(group.trailer)
        if interchange.trailer is not None:
            found.append(interchange.trailer)
    return found


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=800), st.integers(min_value=1, max_value=64))
def test_any_bytes_never_raise_on_any_path(data: bytes, chunk_size: int) -> None:
    everything(data, chunk_size)


PREFIX = (
    b"ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240105*1230*U*"
    b"00401*000000001*0*P*>~GS*SH*A*B*20240105*1200*1*X*004010~ST*856*0001~BSN*00*S1*20240105*1200~"
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_inside_a_ship_notice_never_raise_on_any_path(body: bytes) -> None:
    everything(PREFIX + body + b"~SE*3*0001~GE*1*1~IEA*1*000000001~")


@st.composite
def hl_trees(draw: st.DrawFn) -> list[str]:
    """HL segments of any shape: each names a random earlier HL as parent (or none, or one
    that does not exist), with any level code, sometimes numbered wrong."""
    count = draw(st.integers(min_value=1, max_value=200))
    shape = draw(st.sampled_from(["random", "chain", "flat", "comb"]))
    hls = []
    for number in range(1, count + 1):
        if shape == "chain":
            parent = str(number - 1) if number > 1 else ""
        elif shape == "flat":
            parent = "1" if number > 1 else ""
        elif shape == "comb":
            parent = str(number - 1 - (number % 2)) if number > 2 else ("1" if number == 2 else "")
        else:
            parent = draw(
                st.sampled_from(["", str(number + 5), "x\xb2"])
                | st.integers(min_value=1, max_value=max(1, number - 1)).map(str)
            )
        code = draw(st.sampled_from("SOTPI") | st.sampled_from(["", "X", "\xb3"]))
        label = (
            str(number) if draw(st.integers(0, 40)) else draw(st.sampled_from(["0", "\xb9", "1"]))
        )
        hls.append(f"HL*{label}*{parent}*{code}")
        extra = draw(
            st.sampled_from(
                [
                    "",
                    "LIN**UP*012345678905",
                    "SN1**\xb26*EA",
                    "PRF*4500012345",
                    "MAN*GM*00008123450000000016",
                ]
            )
        )
        if extra:
            hls.append(extra)
    return hls


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hl_trees())
def test_hl_trees_of_any_shape_never_raise(hls: list[str]) -> None:
    body = ["BSN*00*SHIP1*20240105*1200", *hls, f"CTT*{sum(1 for s in hls if s.startswith('HL'))}"]
    data = _interchange(body)
    everything(data, chunk_size=1 << 12)
    (asn,) = edikit.parse(data).documents
    assert isinstance(asn, ShipNotice)
    assert sum(1 for _ in asn.walk()) == sum(1 for s in hls if s.startswith("HL"))
    assert len(asn.structure) < 2000


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=2000, max_value=6000), st.sampled_from(["chain", "flat"]))
def test_large_hl_chains_and_fans_never_raise(levels: int, shape: str) -> None:
    body = ["BSN*00*SHIP1*20240105*1200", "HL*1**S"]
    for number in range(2, levels + 1):
        body.append(f"HL*{number}*{number - 1 if shape == 'chain' else 1}*I")
    data = _interchange(body)
    parsed = edikit.parse(data)
    (asn,) = parsed.documents
    assert isinstance(asn, ShipNotice)
    assert sum(1 for _ in asn.walk()) == levels
    out = io.StringIO()
    write_json(file_to_json(parsed), out)
    edikit.build_ack(edikit.validate(data))


@st.composite
def envelopes(draw: st.DrawFn) -> bytes:
    """Many interchanges, groups and sets, some trailers left out or wrong."""
    out: list[str] = []
    for interchange in range(1, draw(st.integers(1, 30)) + 1):
        control = f"{interchange:09d}"
        segments = [
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240105*1230*U*"
            f"00401*{control}*0*P*>"
        ]
        groups = draw(st.integers(0, 4))
        for group in range(1, groups + 1):
            segments.append(f"GS*PO*SENDER*RECEIVER*20240105*1230*{group}*X*004010")
            sets = draw(st.integers(0, 4))
            for item in range(1, sets + 1):
                st_control = f"{item:04d}"
                segments += [f"ST*850*{st_control}", "BEG*00*SA*PO1**20240105", "PO1*1*1*EA"]
                if draw(st.integers(0, 9)):
                    segments.append(
                        f"SE*{draw(st.sampled_from(['4', '4', '5', SUPERSCRIPT_TWO]))}*{st_control}"
                    )
            if draw(st.integers(0, 9)):
                segments.append(
                    f"GE*{draw(st.sampled_from([str(sets), str(sets + 1), SUPERSCRIPT_THREE]))}*{group}"
                )
        if draw(st.integers(0, 9)):
            segments.append(
                f"IEA*{draw(st.sampled_from([str(groups), SUPERSCRIPT_ONE]))}*{control}"
            )
        out.append("~\n".join(segments) + "~\n")
    return "".join(out).encode("latin-1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envelopes())
def test_many_interchanges_groups_and_sets_never_raise(data: bytes) -> None:
    everything(data, chunk_size=97)
    parsed = edikit.parse(data)
    streamed = edikit.stream(data)
    assert sum(1 for _ in streamed) == len(parsed.transactions)
    assert [v.code for v in streamed.violations] == [v.code for v in parsed.violations]


def _interchange(body: list[str]) -> bytes:
    segments = [
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240105*1230*U*"
        "00401*000000001*0*P*>",
        "GS*SH*SENDER*RECEIVER*20240105*1230*1*X*004010",
        "ST*856*0001",
        *body,
        f"SE*{len(body) + 2}*0001",
        "GE*1*1",
        "IEA*1*000000001",
    ]
    return ("~\n".join(segments) + "~\n").encode("latin-1")
