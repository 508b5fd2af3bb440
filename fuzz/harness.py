"""What the atheris harnesses share: instrumenting edikit, starting libFuzzer, and the
keep-going mode of long runs.

Each harness is a script (``python fuzz/fuzz_parse.py [libFuzzer flags] [corpus dirs]``) that
calls :func:`instrument_edikit` before it imports edikit, defines ``test_one_input(data)`` that
catches the exceptions edikit documents for that entry point and lets anything else escape,
and ends with :func:`fuzz`. An exception that escapes is a crash: libFuzzer writes the input
to ``<artifact_prefix>crash-<sha1>`` and stops.

Keep-going mode (``EDIKIT_FUZZ_FINDINGS=DIR``): an exception that escapes is instead recorded
under ``DIR/<signature>.bin`` (the smallest input seen for that signature, with the traceback
beside it in ``.txt``) and fuzzing goes on, so one long run collects every distinct crash. The
signature is the exception type and the innermost edikit (or harness) line it came through.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shlex
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import atheris
from atheris.import_hook import instrument_imports

from known import TOLERATE_ENV, tolerating

if TYPE_CHECKING:  # edikit is imported under instrumentation, by instrument_edikit
    from edikit.api import ParsedFile

FINDINGS_ENV = "EDIKIT_FUZZ_FINDINGS"
FUZZ_DIR = Path(__file__).resolve().parent
REPO = FUZZ_DIR.parent

TestOneInput = Callable[[bytes], None]


class BrokenPromiseError(AssertionError):
    """A promise a harness checks that does not hold (a round trip that differs, an invalid
    acknowledgment...). ``key`` tells apart findings raised at the same line, for keep-going
    mode's signatures: a segment ID, a violation code."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


# Not reached by any harness: the order book (a database) and the command line.
NOT_FUZZED = ("edikit.book", "edikit.cli", "edikit.__main__")


def instrument_edikit(*also: str) -> None:
    """Import every edikit module (and the packages ``also`` names) with atheris' coverage
    instrumentation. Call it before anything imports edikit: a module imported earlier is not
    instrumented."""
    with instrument_imports(include=["edikit", *also]):
        import edikit

        for name in _modules(Path(edikit.__file__).parent, "edikit"):
            if not name.startswith(NOT_FUZZED):
                importlib.import_module(name)
        for name in also:
            module = importlib.import_module(name)
            if module.__file__ is not None and module.__file__.endswith("__init__.py"):
                for inner in _modules(Path(module.__file__).parent, name):
                    importlib.import_module(inner)


def _modules(folder: Path, package: str) -> list[str]:
    """The dotted names of the modules under ``folder`` (found by file, not by importing:
    walking packages would import those left out)."""
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join((package, *parts)))
    return names


def fuzz(test_one_input: TestOneInput) -> None:
    """Hand ``test_one_input`` to libFuzzer with the command line's flags and corpus folders."""
    args = list(sys.argv)
    # libFuzzer's -fork and -jobs modes start argv[0] again through the shell: make that run
    # this script with this Python.
    args[0] = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(args[0]).resolve()))}"
    target = test_one_input
    if os.environ.get(TOLERATE_ENV) == "1":
        target = tolerating(target)
    findings = os.environ.get(FINDINGS_ENV)
    if findings:
        target = keep_going(target, Path(findings))
    atheris.Setup(args, target)
    atheris.Fuzz()


def keep_going(test_one_input: TestOneInput, folder: Path) -> TestOneInput:
    """``test_one_input`` with each escaping exception recorded in ``folder`` (the smallest
    input per signature) instead of ending the run."""
    folder.mkdir(parents=True, exist_ok=True)

    def recording(data: bytes) -> None:
        try:
            test_one_input(data)
        except Exception as exc:
            record(folder, data, exc)

    return recording


def record(folder: Path, data: bytes, exc: BaseException) -> Path:
    """Write ``data`` as the reproducer of ``exc``'s signature unless a smaller one is there."""
    name = signature_name(exc)
    path = folder / f"{name}.bin"
    if path.exists() and path.stat().st_size <= len(data):
        return path
    path.write_bytes(data)
    text = "".join(traceback.format_exception(exc))
    path.with_suffix(".txt").write_text(f"{signature(exc)}\n\n{text}", encoding="utf-8")
    return path


def signature(exc: BaseException) -> str:
    """``RecursionError at edikit/grammar/hierarchy.py:88``: the exception type and the
    innermost line of edikit or of a harness that it passed through."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if _ours(f.filename)] or list(frames)
    key = f" [{exc.key}]" if isinstance(exc, BrokenPromiseError) and exc.key else ""
    if not ours:
        return type(exc).__name__ + key
    last = ours[-1]
    return f"{type(exc).__name__} at {_short(last.filename)}:{last.lineno}{key}"


def signature_name(exc: BaseException) -> str:
    """A file name for :func:`signature`: readable, and unique by a short hash."""
    text = signature(exc)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text.replace(" at ", "-")).strip("-")[:80]
    return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


def _ours(filename: str) -> bool:
    path = Path(filename)
    return "edikit" in path.parts or path.parent == FUZZ_DIR


def _short(filename: str) -> str:
    parts = Path(filename).parts
    if "edikit" in parts:
        return "/".join(parts[len(parts) - parts[::-1].index("edikit") - 1 :])
    return f"fuzz/{Path(filename).name}" if Path(filename).parent == FUZZ_DIR else filename


def round_trip_differs(x12: ParsedFile, data: bytes, back: bytes) -> BrokenPromiseError:
    """The finding for ``serialize(x12) == back`` that is not ``data``."""
    terminator = x12.interchanges[0].delimiters.segment if x12.interchanges else None
    where = first_difference(data, back, terminator)
    return BrokenPromiseError(
        f"round trip differs at {where}: {len(data)} bytes in, {len(back)} out", where
    )


def first_difference(want: bytes, got: bytes, terminator: str | None) -> str:
    """Where ``got`` first differs from ``want``: the ID of the segment of ``want`` there
    (text after the previous ``terminator`` up to the first non-alphanumeric byte), or
    ``length`` when one is a prefix of the other."""
    at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), None)
    if at is None:
        return "length"
    start = want.rfind(terminator.encode("latin-1"), 0, at) + 1 if terminator else 0
    tag = re.match(rb"\s*([A-Za-z0-9]{0,3})", want[start : start + 8])
    return tag.group(1).decode("latin-1") if tag and tag.group(1) else f"byte {want[at]:#04x}"
