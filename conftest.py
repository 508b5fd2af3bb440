"""Settings for every test, the suite's and the docs' code blocks alike.

The code blocks of README.md and docs/*.md run as tests through pytest-markdown-docs
(``--markdown-docs`` in pyproject.toml). Each runs in a folder of its own that holds the files
the pages name (``asn.edi``, ``po.edi``, the 850 > 855 > 856 > 810 chain...), and:

- a ``python`` block runs as it is (``python notest``: not run, for README only);
- a ``sh`` block runs each of its commands in a shell (with edikit on the PATH); a command may
  exit 0 or 1 (findings), never 2 or 3 or with a traceback; ``pip install`` and virtual
  environment lines are not run (they reach the package index);
- a ``yaml``, ``toml`` or ``json`` block must parse;
- an ``output`` block right after a ``python`` or ``sh`` block is what that block prints: the
  test compares them (the time in a total line is not compared).
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent
FIXTURES = REPO / "fixtures"
CHAIN = FIXTURES / "chains" / "clean"
# The files the pages' examples name, and the fixture each one is.
DOC_FILES = {
    "asn.edi": FIXTURES / "samples" / "856-pick-pack.edi",
    "huge.edi": FIXTURES / "samples" / "856-pick-pack.edi",
    "po.edi": CHAIN / "850.edi",
    "850.edi": CHAIN / "850.edi",
    "855.edi": CHAIN / "855.edi",
    "856.edi": CHAIN / "856.edi",
    "810.edi": CHAIN / "810.edi",
    "po/4500012345.edi": CHAIN / "850.edi",
    "po-4500012345.edi": CHAIN / "850.edi",
    "asn-100234.edi": CHAIN / "856.edi",
    "asn-100235.edi": CHAIN / "856.edi",
    "invoice-9001.edi": CHAIN / "810.edi",
    "samples/asn.edi": FIXTURES / "samples" / "856-pick-pack.edi",
    "samples/po.edi": FIXTURES / "structure" / "850-missing-beg.edi",
    "edi/asn.edi": FIXTURES / "samples" / "856-pick-pack.edi",
    "edi/po.edi": FIXTURES / "structure" / "850-missing-beg.edi",
}
_TOTAL_TIME = re.compile(r" in \d+\.\d\d s$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """edikit's per-user state (the acknowledgments' control-number counter) goes to a
    folder of the test's own, never to the home folder of whoever runs the tests."""
    state: Path = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))


@pytest.fixture(autouse=True)
def _docs_folder(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A code block of the docs runs in a folder with the files its page names."""
    if request.node.get_closest_marker("markdown-docs") is None:
        yield
        return
    for name, source in DOC_FILES.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    (tmp_path / "fixtures").symlink_to(FIXTURES)
    monkeypatch.chdir(tmp_path)
    try:
        yield
    finally:
        _Docs.restore()


class _Docs:
    """What a docs code block calls, as ``__docs__`` (see the module docstring)."""

    _real: Any = None
    _buffer: io.StringIO | None = None

    @classmethod
    def start(cls) -> None:
        cls._real, cls._buffer = sys.stdout, io.StringIO()
        sys.stdout = cls._buffer

    @classmethod
    def restore(cls) -> str:
        printed = cls._buffer.getvalue() if cls._buffer is not None else ""
        if cls._real is not None:
            sys.stdout = cls._real
        cls._real, cls._buffer = None, None
        return printed

    @classmethod
    def check(cls, expected: str) -> None:
        printed = cls.restore()
        assert _comparable(printed) == _comparable(expected), (
            f"the page shows:\n{expected}\nthe code printed:\n{printed}"
        )

    @classmethod
    def shell(cls, script: str) -> None:
        for command in _commands(script):
            done = subprocess.run(
                command,
                shell=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
                check=False,
                timeout=300,
            )
            sys.stdout.write(done.stdout)
            failed = f"{command!r} exited {done.returncode}:\n{done.stderr}"
            assert done.returncode in (0, 1), failed
            assert "Traceback" not in done.stderr, failed

    @staticmethod
    def parses(language: str, text: str) -> None:
        if language == "yaml":
            yaml.safe_load(text)
        elif language == "toml":
            tomllib.loads(text)
        else:
            json.loads(text)


def _comparable(text: str) -> str:
    return _TOTAL_TIME.sub(" in N s", text.strip("\n")).rstrip()


def _commands(script: str) -> Iterator[str]:
    """The commands of a ``sh`` block: continuation lines joined, comments and the lines that
    install from the package index left out."""
    for line in script.replace("\\\n", " ").splitlines():
        command = line.split(" #", 1)[0].strip()
        if not command or command.startswith("#"):
            continue
        words = shlex.split(command)
        if ("pip" in words and "install" in words) or words[:3] == ["python3", "-m", "venv"]:
            continue
        yield command


def pytest_markdown_docs_globals() -> dict[str, Any]:
    return {"__docs__": _Docs}


def pytest_markdown_docs_markdown_it() -> Any:
    """The Markdown parser, with a rule that turns the blocks pytest-markdown-docs does not run
    itself (sh, yaml, toml, json, and output checks) into Python it does run."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.core.ruler.push("edikit_docs", _runnable)
    return parser


def _runnable(state: Any) -> None:
    tokens = [t for t in state.tokens if t.type == "fence"]
    for index, token in enumerate(tokens):
        words = token.info.split()
        language = words[0] if words else ""
        if "notest" in words or language == "output":
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        expected = (
            following.content if following is not None and following.info == "output" else None
        )
        if language == "sh":
            token.content = f"__docs__.shell({token.content!r})\n"
        elif language in ("yaml", "toml", "json"):
            token.content = f"__docs__.parses({language!r}, {token.content!r})\n"
        elif language != "python":
            continue
        if expected is not None:
            token.content = f"__docs__.start(); {token.content}__docs__.check({expected!r})\n"
        token.info = "python"
