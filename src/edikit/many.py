"""Validating many inputs: folders expanded to their files, every file validated with one
rule set, the documents checked against each other or an order book, and every input that
could not be read reported (EDI005) rather than skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from edikit.api import cross_check, validate_file
from edikit.errors import InputError
from edikit.location import Location
from edikit.rules.result import FileResult
from edikit.rules.ruleset import RuleSet, standard_ruleset
from edikit.vocabulary import Problem

if TYPE_CHECKING:
    from edikit.book.store import OrderBook

# Codes meaning an input holds no X12 to speak of: a run treats it as unreadable.
UNREADABLE_CODES: Final = frozenset({"EDI001", "EDI002", "EDI003", "EDI005"})
# Called with each input once it is validated (a progress bar counts them).
Progress = Callable[[Path, FileResult], None]


def expand(inputs: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """The files ``inputs`` name (a folder: every file below it, hidden ones left out, in
    name order), and a result (EDI005) for every folder or file below one that could not be
    listed: nothing given is skipped without a word."""
    files: list[Path] = []
    unlisted: list[FileResult] = []
    for item in inputs:
        if item.is_dir():
            found, failed = _walk(item)
            files += found
            unlisted += failed
        else:
            files.append(item)
    return files, unlisted


def _walk(folder: Path) -> tuple[list[Path], list[FileResult]]:
    found: list[Path] = []
    failed: list[FileResult] = []

    def refused(error: OSError) -> None:
        where = Path(error.filename or folder)
        failed.append(unreadable(where, f"cannot read the folder {where}: {error.strerror}"))

    for root, folders, names in os.walk(folder, onerror=refused):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            reason = _not_a_file(path)
            if reason is None:
                found.append(path)
            else:
                failed.append(unreadable(path, reason))
    return sorted(found), failed


def _not_a_file(path: Path) -> str | None:
    """Why a file found in a folder cannot be read as one (a pipe would be read forever), or
    None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        broken = " (a link to nothing)" if path.is_symlink() else ""
        return f"cannot read {path}{broken}: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):  # a link to a folder, which os.walk does not follow
        return f"{path} is a link to a folder; name the folder itself to validate it"
    if not stat.S_ISREG(mode):
        return f"{path} is not a regular file (a pipe, socket or device): not read"
    return None


def unreadable(path: Path, reason: str) -> FileResult:
    """The result of an input that could not be read: one EDI005 finding that says why."""
    violation = standard_ruleset().resolve(
        Problem("EDI005", Location(file=str(path)), {"reason": reason})
    )
    assert violation is not None  # the standard rules keep every code
    return FileResult(path=str(path), violations=(violation,), error=reason)


def validate_paths(
    paths: Sequence[Path],
    rules: RuleSet | None = None,
    *,
    together: bool = False,
    book: OrderBook | None = None,
    received: Mapping[str, dt.datetime] | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Each of ``paths`` validated with ``rules``, in the order given; with ``together``, the
    documents then checked against each other (EDI6xx); with ``book``, against the order book
    and each other (nothing is recorded). A path that cannot be read gives an EDI005 result."""
    rules = rules if rules is not None else standard_ruleset()
    results = []
    for path in paths:
        result = _validate_path(path, rules)
        if progress is not None:
            progress(path, result)
        results.append(result)
    readable = [r for r in results if r.error is None]
    if book is not None:
        digests = [_digest(Path(r.path)) for r in readable]
        checked = book.check_results(readable, rules, digests=digests, received=received)
    elif together:
        checked, _ = cross_check(readable, rules, received=received)
    else:
        return results
    by_path = {r.path: r for r in checked}
    return [by_path.get(r.path, r) if r.error is None else r for r in results]


def _validate_path(path: Path, rules: RuleSet) -> FileResult:
    try:
        return validate_file(path, rules, name=str(path))
    except InputError as exc:
        return unreadable(path, str(exc))


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def is_unreadable(result: FileResult) -> bool:
    """Whether an input could not be read or holds no X12 at all."""
    return result.error is not None or any(v.code in UNREADABLE_CODES for v in result.violations)
