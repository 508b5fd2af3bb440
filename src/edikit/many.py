"""Validating many inputs: folders expanded to their files, every file validated with one
rule set (here, in a pool of processes or on a Dask cluster), the documents checked against
each other or an order book, and every input that could not be read reported (EDI005) rather
than skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from edikit._gc import paused_gc
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


def validate_many(
    paths: Sequence[str | os.PathLike[str]],
    rules: RuleSet | None = None,
    *,
    jobs: int | None = 1,
    client: Any = None,
    together: bool = False,
    book: OrderBook | None = None,
    received: Mapping[str, dt.datetime] | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Each of ``paths`` validated with ``rules``, the results in the order given; with
    ``together``, the documents then checked against each other (EDI6xx); with ``book``,
    against the order book and each other (nothing is recorded). A path that cannot be read
    gives an EDI005 result.

    Where the files are validated: here, one after another (``jobs=1``); in ``jobs`` worker
    processes (None: one per core this process may use); or on a Dask cluster, given its
    ``client`` (a ``distributed.Client``, ``pip install 'edikit[dask]'``), by workers that
    can read the paths. Each worker holds one file at a time and sends back its result
    (findings and facts); the results are the same wherever they were made, and the
    cross-document checks fold the facts afterwards, here. ``progress`` is called with each
    path and its result as it comes in."""
    rules = rules if rules is not None else standard_ruleset()
    files = [Path(path) for path in paths]
    results: list[FileResult] = [None] * len(files)  # type: ignore[list-item]  # all filled
    # The results are kept to the end and hold no reference cycle: the collector would
    # only scan them again and again as more come in.
    with paused_gc():
        for number, result in _results(files, rules, jobs, client):
            results[number] = result
            if progress is not None:
                progress(files[number], result)
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


# The name validate_many had before it could use several processes or machines.
validate_paths = validate_many


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _results(
    files: list[Path], rules: RuleSet, jobs: int | None, client: Any
) -> Iterator[tuple[int, FileResult]]:
    """Each file's number and result, as they come in."""
    if client is not None:
        return _on_cluster(files, rules, client)
    workers = min(cores() if jobs is None else jobs, len(files))
    if workers <= 1:
        return ((n, _validate_path(path, rules)) for n, path in enumerate(files))
    return _in_processes(files, rules, workers)


def _in_processes(
    files: list[Path], rules: RuleSet, workers: int
) -> Iterator[tuple[int, FileResult]]:
    """The files validated in a pool of ``workers`` processes, each given the rule set once;
    the results in input order (``map`` keeps it), a few files per task so that workers
    stay busy and the results come in steadily."""
    chunk = max(1, min(16, len(files) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_keep_rules, initargs=(rules,)) as pool:
        try:
            yield from enumerate(pool.map(_validate_kept, files, chunksize=chunk))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


# The rule set of a worker process (see _in_processes).
_worker_rules: RuleSet | None = None


def _keep_rules(rules: RuleSet) -> None:
    global _worker_rules  # noqa: PLW0603 (one per worker process, set once as it starts)
    _worker_rules = rules


def _validate_kept(path: Path) -> FileResult:
    assert _worker_rules is not None  # set by the pool's initializer
    return _validate_path(path, _worker_rules)


def _on_cluster(files: list[Path], rules: RuleSet, client: Any) -> Iterator[tuple[int, FileResult]]:
    """The files validated by a Dask cluster's workers, the rule set sent to each once; the
    results as they are done (each with its file's number)."""
    from distributed import as_completed  # the optional extra: imported only when asked for

    shared = client.scatter(rules, broadcast=True)
    futures = client.map(_validate_path, files, rules=shared, pure=False)
    numbers = {future.key: number for number, future in enumerate(futures)}
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield numbers[future.key], future.result()
    finally:
        client.cancel(futures)


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
