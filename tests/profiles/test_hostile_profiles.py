"""Hostile profiles (issue 10): every one is a ProfileError with its place, never a
traceback, a hang, or a message that echoes a file that is not a profile."""

from __future__ import annotations

import gc
import os
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import edikit
from edikit.api import load_profile
from edikit.cli import main
from edikit.errors import ProfileError
from edikit.profiles import compiled
from edikit.profiles.compiled import CharacterSet, Pattern
from edikit.profiles.loader import MAX_PROFILE_BYTES

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
CLEAN_850 = (FIXTURES / "structure" / "850-clean.edi").read_text()
HEAD = "id: hostile\ntitle: Hostile\n"


def write(folder: Path, text: str, name: str = "p.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """A generous guard: fails the test when the block takes longer than ``seconds``."""
    started = time.monotonic()
    yield
    assert time.monotonic() - started < seconds


def lint(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["profile", "lint", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


# -- item 4: size and expansion ------------------------------------------------------------
def billion_laughs() -> str:
    """Nine levels of aliases, nine each: 9**9 values from some 600 bytes."""
    lines = [HEAD.rstrip("\n"), 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        below = f"*l{level - 1}"
        lines.append(f"l{level}: &l{level} [{','.join([below] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_with_its_place(tmp_path: Path) -> None:
    text = billion_laughs()
    assert len(text) < 700
    path = write(tmp_path, text)
    with within(5), pytest.raises(ProfileError) as raised:
        load_profile(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:") and "expands past 1,000,000 values" in message
    line = int(message.split(":")[1])
    assert 4 <= line <= 12  # the alias that went past the limit
    code, output = lint(path)
    assert code == 2 and "expands past" in output


def test_an_alias_inside_what_it_names_and_deep_nesting_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"p\.yaml:3:8: an alias inside the node it names"):
        load_profile(write(tmp_path, HEAD + "x: &a [*a]\n"))
    deep = HEAD + "x: " + "[" * 100 + "]" * 100 + "\n"
    with pytest.raises(ProfileError, match=r"p\.yaml:3:67: nested deeper than 64 levels"):
        load_profile(write(tmp_path, deep))
    deeper = HEAD + "x: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(ProfileError, match=r"p\.yaml:3:\d+: "):
        load_profile(write(tmp_path, deeper))


def test_an_endless_or_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    with within(5), pytest.raises(ProfileError, match="/dev/zero: not a profile: not a regular"):
        load_profile(write(tmp_path, HEAD + "extends: /dev/zero\n"))
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.seek(MAX_PROFILE_BYTES + 10)
        handle.write(b"\n")
    with within(5), pytest.raises(ProfileError, match="larger than 16,777,216 bytes"):
        load_profile(big)


def test_a_fifo_is_refused_unopened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with within(5), pytest.raises(ProfileError, match="not a regular file"):
        load_profile(write(tmp_path, HEAD + f"extends: {fifo}\n"))


# -- item 10: no traceback ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: !!python/name:os.system\n", "p.yaml:3:10: the tag '!!python/name:os.system'"),
        ("x: !!python/object/apply:os.system [echo]\n", "the tag '!!python/object/apply"),
        ("extends: !!binary aGVsbG8=\n", "the tag '!!binary' is not allowed"),
        ('extends: "a\\0b"\n', "no profile 'a\\x00b': not a file (not a path)"),
        ("x: 2024-13-45\n", "p.yaml:3:4: not a value a profile can hold"),
        ("? [a, b]\n: c\n", "p.yaml:3:3: a key must be a plain value"),
        ("x: *nowhere\n", "p.yaml:3:4: not valid YAML: found undefined alias"),
        ("x: 'a\x01'\n", "p.yaml:3:6: not valid YAML: control characters are not allowed"),
    ],
)
def test_malformed_profiles_are_errors_with_their_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, HEAD + text)
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    assert message in str(raised.value)
    code, output = lint(path)
    assert code == 2 and message in output


def test_a_profile_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(HEAD.encode() + b"title2: caf\xe9\n")
    with pytest.raises(ProfileError, match=r"latin\.yaml:3:12: not a profile: not UTF-8 text"):
        load_profile(path)


def test_validate_with_a_malformed_profile_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "extends: !!python/name:os.system\n")
    document = write(tmp_path, CLEAN_850, "po.edi")
    result = CliRunner().invoke(main, ["validate", "--profile", str(path), str(document)])
    assert result.exit_code == 2 and "is not allowed in a profile" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- item 12: extends from the profile's folder; a non-profile is never echoed -------------
def test_extends_is_relative_to_the_extending_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "profiles"
    (folder / "base").mkdir(parents=True)
    write(folder / "base", "id: base\ntitle: Base\nextends: ../common.yaml\n", "base.yaml")
    write(folder, "id: common\ntitle: Common\nextends: x12\n", "common.yaml")
    child = write(folder, "id: child\ntitle: Child\nextends: base/base.yaml\n", "child.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(elsewhere, "id: wrong\ntitle: Wrong\n", "common.yaml")  # must not be found
    monkeypatch.chdir(elsewhere)
    resolved = load_profile(child)
    assert [p.profile.id for p in resolved.chain] == ["child", "base", "common", "x12"]


def test_an_error_on_a_file_that_is_not_a_profile_quotes_none_of_it(tmp_path: Path) -> None:
    secret = "$6$salt$S3CRETHASHVALUE"
    shadow = tmp_path / "shadow"
    shadow.write_text(
        f"root:{secret}:19000:0:99999:7:::\ndaemon:*:19000::: x\nuser: {secret}\n*{secret}\n"
    )
    for text in (
        f"extends: {shadow}\n",
        f"extends: {write(tmp_path, f'root: {secret}' + chr(10) + 'id: x' + chr(10), 's2')}\n",
        f"extends: {write(tmp_path, f'*{secret}' + chr(10), 's3')}\n",
        f"extends: {write(tmp_path, f'a: [{secret}' + chr(10), 's4')}\n",
    ):
        path = write(tmp_path, HEAD + text)
        with pytest.raises(ProfileError) as raised:
            load_profile(path)
        assert "S3CRET" not in str(raised.value) and "root:" not in str(raised.value)
        _, output = lint(path)
        assert "S3CRET" not in output


def test_long_keys_and_values_are_quoted_cut(tmp_path: Path) -> None:
    for text in (
        f"? {'k' * 100_000}\n: 1\n",
        f"suppress:\n  - {{code: {'E' * 100_000}, reason: why}}\n",
    ):
        with pytest.raises(ProfileError) as raised:
            load_profile(write(tmp_path, HEAD + text))
        assert len(str(raised.value)) < 1_000 and "100,000 characters" in str(raised.value)


# -- item 5: linear-time patterns, characters as a set ------------------------------------
REDOS = ["((a+))+b", "(a|a?)+b", "(\\w|a)*b", "((ab)*)+c"]


def profile_with(tmp_path: Path, rule: str) -> Path:
    return write(
        tmp_path,
        HEAD + f"extends: x12\ntransactions:\n  '850':\n    elements:\n      - {rule}\n",
    )


@pytest.mark.parametrize("pattern", REDOS)
def test_patterns_that_backtrack_run_in_linear_time(tmp_path: Path, pattern: str) -> None:
    path = profile_with(tmp_path, f"{{path: BEG03, pattern: '{pattern}'}}")
    resolved = load_profile(path)
    (element,) = resolved.compiled.elements["850"]
    assert isinstance(element.pattern, Pattern)
    assert type(element.pattern._regexp).__module__.startswith("re2")  # RE2, not re
    hostile = CLEAN_850.replace("4500012345", "a" * 30 + "!" if "c" not in pattern else "ab" * 15)
    with within(5):
        found = edikit.validate(hostile, profile=resolved).all_violations()
    assert [v.code for v in found if v.code.startswith("EDI4")] == ["EDI408"]


def test_patterns_re2_cannot_run_are_refused_at_load(tmp_path: Path) -> None:
    for pattern in ("(a)\\1", "(?=a)a", "(?<!x)a"):
        path = profile_with(tmp_path, f"{{path: BEG03, pattern: '{pattern}'}}")
        with pytest.raises(ProfileError) as raised:
            load_profile(path)
        assert f"{path}:7:9: BEG03: pattern " in str(raised.value)
        assert "no backreferences or lookaround" in str(raised.value)


def test_characters_are_a_set_not_a_regular_expression(tmp_path: Path) -> None:
    path = profile_with(tmp_path, "{path: BEG03, characters: 'x]|(a|a?)+b|[x'}")
    resolved = load_profile(path)
    (element,) = resolved.compiled.elements["850"]
    assert element.characters == CharacterSet.parse("x]|(a|a?)+b|[x")
    hostile = CLEAN_850.replace("4500012345", "a" * 30 + "c")
    with within(5):
        found = edikit.validate(hostile, profile=resolved).all_violations()
    messages = [v.message for v in found if v.code == "EDI408"]
    assert len(messages) == 1 and "has 'c', which is not among" in messages[0]
    allowed = CLEAN_850.replace("4500012345", "x]|(a?)+b[")
    assert not edikit.validate(allowed, profile=resolved).all_violations()


@pytest.mark.parametrize(
    ("spec", "inside", "outside"),
    [
        ("A-Z0-9", "AZ09", "a"),
        ("A-Z0-9 -", "A -Z", "_"),
        ("-A-C", "-B", "D"),
        ("A-C-", "C-", "D"),
        ("\\-\\\\a", "-\\a", "b"),
        ("É", "É", "E"),
    ],
)
def test_character_sets(spec: str, inside: str, outside: str) -> None:
    characters = CharacterSet.parse(spec)
    assert characters.outside(inside) is None
    assert characters.outside(inside + outside) == outside


@pytest.mark.parametrize(
    ("spec", "message"),
    [("\\d", "\\d is not supported"), ("^A-Z", "leading ^"), ("Z-A", "runs backwards")],
)
def test_character_sets_refused(tmp_path: Path, spec: str, message: str) -> None:
    path = profile_with(tmp_path, f"{{path: BEG03, characters: '{spec}'}}")
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    assert str(raised.value).startswith(f"{path}:7:9: BEG03: ") and message in str(raised.value)


# -- item 11: tables and codes are looked up in constant time -----------------------------
def test_tables_and_codes_are_frozensets_built_once(tmp_path: Path) -> None:
    stores = "\n".join(f"    - '{i:07d}'" for i in range(200_000))
    path = write(
        tmp_path,
        HEAD + "extends: x12\ntables:\n  stores:\n" + stores + "\n"
        "transactions:\n  '850':\n    elements:\n"
        "      - {path: 'N1[ST]/N104', table: stores, codes: ['0012', '0099']}\n",
    )
    with within(30):
        resolved = load_profile(path)
    (element,) = resolved.compiled.elements["850"]
    assert isinstance(element.table, frozenset) and len(element.table) == 200_000
    assert element.table is resolved.compiled.tables["stores"]
    assert element.codes == frozenset({"0012", "0099"})
    documents = [CLEAN_850.replace("*92*0012", f"*92*{i:07d}") for i in range(500)]
    with within(10):
        found = [v.code for d in documents for v in edikit.validate(d, profile=resolved).violations]
    assert not found
    missing = edikit.validate(CLEAN_850, profile=resolved).all_violations()
    assert [v.code for v in missing] == ["EDI411"]


def test_the_checker_never_scans_the_table_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path,
        HEAD + "extends: x12\ntables:\n  stores: ['0012']\ntransactions:\n  '850':\n"
        "    elements:\n      - {path: 'N1[ST]/N104', table: stores}\n",
    )
    resolved = load_profile(path)
    built: list[object] = []
    original: Callable[..., object] = compiled.CompiledProfile.of.__func__  # type: ignore[attr-defined]

    def counting(cls: type, profile: object) -> object:
        built.append(profile)
        return original(cls, profile)

    monkeypatch.setattr(compiled.CompiledProfile, "of", classmethod(counting))
    for _ in range(3):
        assert not edikit.validate(CLEAN_850, profile=resolved).all_violations()
    assert built == []  # compiled once, when the profile was loaded


# -- item 13: profile text and document bytes meet as text --------------------------------
def test_a_utf8_document_matches_a_profile_pattern_with_non_ascii(tmp_path: Path) -> None:
    path = profile_with(
        tmp_path,
        "{path: 'N1[ST]/N102', pattern: 'CAFÉ[0-9]', characters: 'A-ZÉ0-9', codes: ['CAFÉ1']}",
    )
    resolved = load_profile(path)
    utf8 = CLEAN_850.replace("FOOT RETAILER DC 12", "CAFÉ1").encode("utf-8")
    assert not edikit.validate(utf8, profile=resolved).all_violations()
    latin1 = CLEAN_850.replace("FOOT RETAILER DC 12", "CAFÉ1").encode("latin-1")
    assert not edikit.validate(latin1, profile=resolved).all_violations()
    wrong = CLEAN_850.replace("FOOT RETAILER DC 12", "CAFÈ1").encode("utf-8")
    (found,) = edikit.validate(wrong, profile=resolved).all_violations()
    assert found.code == "EDI406" and "'CAFÈ1' is not one of" in found.message  # as text
    path = profile_with(tmp_path, "{path: 'N1[ST]/N102', pattern: 'CAF[ÉE][0-9]'}")
    resolved = load_profile(path)
    assert not edikit.validate(utf8, profile=resolved).all_violations()
    (found,) = edikit.validate(wrong, profile=resolved).all_violations()
    assert found.code == "EDI408" and "'CAFÈ1' does not match" in found.message


def test_a_10mb_value_is_checked_fast_and_quoted_cut(tmp_path: Path) -> None:
    path = profile_with(tmp_path, "{path: BEG03, pattern: '(a|a?)+b', characters: 'ab'}")
    resolved = load_profile(path)
    hostile = CLEAN_850.replace("4500012345", "a" * 10_000_000)
    result: list[list[str]] = []

    def run() -> None:
        found = edikit.validate(hostile, profile=resolved).all_violations()
        result.append([v.message for v in found if v.code == "EDI408"])

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert result, "validation took more than 60 s"
    (message,) = result[0]
    assert len(message) < 300 and "10,000,000 characters" in message


def test_profile_test_expectations_are_read_with_the_same_bounds(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "po.edi").write_text(CLEAN_850)
    (folder / "po.expected.yaml").write_text(billion_laughs().replace(HEAD, "profile: x12\n"))
    with within(10):
        result = CliRunner().invoke(main, ["profile", "test", str(folder)])
    assert result.exit_code == 1 and "expands past 1,000,000 values" in result.output


def test_loading_profiles_again_and_again_keeps_no_memory(tmp_path: Path) -> None:
    # Found by fuzzing: the YAML constructor remembered every value it had built, about
    # 2.5 KB per load, so a long-running service grew without end.
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: p\ntitle: P\nextends: retail-common\ntables:\n  stores: [" + "'0001', " * 200 + "]\n"
    )
    load_profile(path)
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(10):
            load_profile(path)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(100):
            load_profile(path)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 50_000, f"{grown:,} bytes kept by 100 loads"


@pytest.mark.parametrize("position", ["'\xb2'", "' 5'", "'+5'", "true"])
def test_an_expected_position_that_is_no_number_is_an_error(tmp_path: Path, position: str) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "po.edi").write_text(CLEAN_850)
    expectation = f"profile: x12\nviolations:\n  - {{code: EDI304, position: {position}}}\n"
    (folder / "po.expected.yaml").write_text(expectation, encoding="utf-8")
    result = CliRunner().invoke(main, ["profile", "test", str(folder)])
    assert result.exit_code == 1 and "is not a segment position" in result.output
