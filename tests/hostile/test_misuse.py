"""Issue 10 item 15: library misuse gets a clear TypeError, ValueError or InputError, never
a wrong answer or an unrelated exception; one documented rule says when a str is X12 text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import edikit
from edikit.errors import InputError
from edikit.io.decode import is_x12_text
from tests.helpers import interchange

TEXT = interchange()
DATA = TEXT.encode("latin-1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TEXT, True),
        (TEXT.replace("\n", ""), True),  # one line: an ISA with its 16 separators
        ("\ufeff  " + TEXT.replace("\n", ""), True),
        ("GS*PO\nST*850", True),  # a line break: never a path
        ("a\0b", True),  # a NUL: never a path
        ("x" * 4097, True),  # longer than any path
        ("ISA_inbound.edi", False),
        ("ISA-0001.edi", False),
        ("ISA.edi", False),
        ("ISA", False),
        ("ISA*00*", False),  # too few separators for an ISA
        ("inbound/ISA*00*.edi", False),
        ("po.edi", False),
        ("/var/edi/in/ISA_20240105.x12", False),
    ],
)
def test_the_rule_for_a_str(text: str, expected: bool) -> None:
    assert is_x12_text(text) is expected


def test_a_path_that_starts_with_isa_is_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ISA_inbound.edi").write_bytes(DATA)
    x12 = edikit.parse("ISA_inbound.edi")
    assert x12.name == "ISA_inbound.edi"
    assert len(x12.transactions) == 1 and x12.all_violations() == []


def test_a_missing_path_that_starts_with_isa_says_how_strs_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"taken for a path.*pass bytes"):
        edikit.parse("ISA_inbound.edi")
    with pytest.raises(InputError, match="No such file") as caught:
        edikit.parse("po.edi")
    assert "taken for a path" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_str_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="empty str"):
        edikit.parse(text)
    assert [v.code for v in edikit.parse(b"").all_violations()] == ["EDI001"]


def test_a_str_with_a_nul_is_text_not_a_crash_in_open() -> None:
    assert [v.code for v in edikit.parse("a\0b").all_violations()] == ["EDI002"]


@pytest.mark.parametrize("sources", ["f.edi", b"ISA", Path("f.edi"), io.BytesIO(DATA)])
def test_validate_set_refuses_one_source(sources: object) -> None:
    with pytest.raises(TypeError, match="iterable of sources"):
        edikit.validate_set(sources)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, -1, -(1 << 20)])
def test_a_chunk_size_below_one_is_a_value_error(size: int) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        edikit.stream(DATA, chunk_size=size)


@pytest.mark.parametrize("size", [1.5, True, "1024", None])
def test_a_chunk_size_that_is_no_int_is_a_type_error(size: object) -> None:
    with pytest.raises(TypeError, match="chunk_size"):
        edikit.stream(DATA, chunk_size=size)  # type: ignore[arg-type]


def test_every_chunk_size_reads_the_same() -> None:
    for size in (1, 2, 7, 1 << 20):
        assert len(list(edikit.stream(DATA, chunk_size=size))) == 1


@pytest.mark.parametrize("mode", ["bogus", "", None, "RAISE"])
def test_an_unknown_error_mode_is_a_value_error(mode: object) -> None:
    with pytest.raises(ValueError, match="errors must be one of"):
        edikit.parse(DATA, errors=mode)  # type: ignore[arg-type]


@pytest.mark.parametrize("thing", ["x", b"x", 1, None, 1.5])
def test_serialize_refuses_what_it_cannot_write(thing: object) -> None:
    with pytest.raises(TypeError, match="cannot serialize"):
        edikit.serialize(thing)  # type: ignore[arg-type]


def test_serialize_still_takes_lists_of_parts() -> None:
    x12 = edikit.parse(DATA)
    assert edikit.serialize(x12.envelope.parts) == DATA
    assert edikit.serialize([x12.transactions[0]]) == edikit.serialize(x12.transactions[0])


def test_a_closed_file_is_an_input_error(tmp_path: Path) -> None:
    handle = io.BytesIO(DATA)
    handle.close()
    with pytest.raises(InputError, match="closed"):
        edikit.parse(handle)
    path = tmp_path / "in.edi"
    path.write_bytes(DATA)
    with path.open("rb") as opened:
        pass
    with pytest.raises(InputError, match=r"in\.edi: it is closed"):
        edikit.parse(opened)


class _ClosesWhileRead(io.RawIOBase):
    def readinto(self, buffer: object) -> int:
        raise ValueError("I/O operation on closed file.")

    def readable(self) -> bool:
        return True


def test_a_file_that_fails_while_read_is_an_input_error() -> None:
    with pytest.raises(InputError, match="closed file"):
        edikit.parse(io.BufferedReader(_ClosesWhileRead()))


def test_undecodable_text_from_a_text_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.edi"
    path.write_bytes(DATA.replace(b"SENDER", b"S\xe9NDER"))
    with (
        path.open(encoding="utf-8") as handle,
        pytest.raises(InputError, match="can't decode"),
    ):
        edikit.parse(handle)


@pytest.mark.parametrize("profile", [123, 1.5, ["retail-common"], b"retail-common"])
def test_a_profile_of_the_wrong_type_is_a_type_error(profile: object) -> None:
    with pytest.raises(TypeError, match="profile must be"):
        edikit.validate(DATA, profile=profile)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="profile must be"):
        edikit.validate_set([DATA], profile=profile)  # type: ignore[arg-type]


def test_a_profile_by_id_or_path_object_is_loaded() -> None:
    assert edikit.validate(DATA, profile="retail-common").documents
    builtin = Path(edikit.__file__).parent / "profiles" / "builtin" / "retail-common.yaml"
    assert edikit.validate(DATA, profile=builtin).documents


def test_a_name_that_is_no_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="name must be a str"):
        edikit.parse(DATA, name=5)  # type: ignore[arg-type]


def test_build_ack_refuses_what_is_not_a_validated_file() -> None:
    with pytest.raises(TypeError, match="FileResult"):
        edikit.build_ack(DATA)  # type: ignore[arg-type]
    x12 = edikit.validate(DATA)
    with pytest.raises(ValueError, match="version"):
        edikit.build_ack(x12, version="998")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="policy"):
        edikit.build_ack(x12, policy="lenient")  # type: ignore[arg-type]
