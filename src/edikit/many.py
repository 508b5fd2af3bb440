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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pathspec import PathSpec
from pathspec.pattern import Pattern

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
Spec = PathSpec[Pattern]
#: The input name that stands for standard input.
STDIN: Final = "-"
# Called with each input once it is validated (a progress bar counts them).
Progress = Callable[[Path, FileResult], None]


#: Names a folder's X12 files usually have; any other file is read when it starts like X12.
DEFAULT_INCLUDE: Final = ("*.edi", "*.EDI", "*.x12", "*.X12")
#: Bytes of a file looked at to tell whether it holds X12.
SNIFF_BYTES: Final = 4096
_BOM: Final = b"\xef\xbb\xbf"
_EBCDIC_ISA: Final = "ISA".encode("cp037")
_EBCDIC_SPACES: Final = b"\x40\x05\x15\x25\x0d"


@dataclass(frozen=True)
class InputSelection:
    """Which files of a folder are inputs, as a linter chooses them: a file whose name (or
    path below the folder) matches ``include`` (gitignore-style patterns), or any other that
    starts like X12 (an ISA segment, after a byte-order mark or white space); never one that
    matches ``exclude`` or, with ``gitignore``, a ``.gitignore`` of its repository. Files
    named one by one are always read."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    gitignore: bool = True


@dataclass
class Skipped:
    """The files of folders that were not read, by reason, each in name order."""

    not_x12: list[Path] = field(default_factory=list)
    excluded: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.not_x12) + len(self.excluded) + len(self.ignored)

    def note(self) -> str | None:
        """One line on what was left out, or None when nothing was."""
        if not self.count:
            return None
        parts = []
        for paths, why in (
            (self.not_x12, "not X12"),
            (self.excluded, "excluded"),
            (self.ignored, "in .gitignore"),
        ):
            if paths:
                names = [f"{p}/" if p.is_dir() else str(p) for p in paths[:3]]
                more = ", ..." if len(paths) > 3 else ""
                parts.append(f"{len(paths)} {why} ({', '.join(names)}{more})")
        return f"skipped {'; '.join(parts)}; --include PATTERN reads them"


@dataclass
class Expanded:
    """What the inputs name: the files to read, a result (EDI005) for each folder or file
    that could not be listed or read, and the files of folders that were left out."""

    files: list[Path] = field(default_factory=list)
    unlisted: list[FileResult] = field(default_factory=list)
    skipped: Skipped = field(default_factory=Skipped)


def expand(inputs: Iterable[Path], selection: InputSelection | None = None) -> Expanded:
    """The files ``inputs`` name: a file as it is; a folder, every file below it that
    ``selection`` takes (hidden ones left out, in name order). Every folder or file below one
    that could not be listed is an EDI005 result and every file left out is counted: nothing
    given is skipped without a word."""
    selection = selection if selection is not None else InputSelection()
    found = Expanded()
    for item in inputs:
        if str(item) != STDIN and item.is_dir():
            _walk(item, selection, found)
        else:
            found.files.append(item)
    return found


def _walk(folder: Path, selection: InputSelection, found: Expanded) -> None:
    include = PathSpec.from_lines("gitignore", selection.include)
    exclude = PathSpec.from_lines("gitignore", selection.exclude)
    ignores = _GitIgnores(folder) if selection.gitignore else None
    files: list[Path] = []

    def refused(error: OSError) -> None:
        where = Path(error.filename or folder)
        found.unlisted.append(
            unreadable(where, f"cannot read the folder {where}: {error.strerror}")
        )

    for root, folders, names in os.walk(folder, onerror=refused):
        here = Path(root)
        if ignores is not None:
            ignores.enter(here)
        kept = []
        for name in sorted(folders):
            relative = (here / name).relative_to(folder).as_posix() + "/"
            if name.startswith("."):
                continue
            if exclude.match_file(relative):
                found.skipped.excluded.append(here / name)
            elif ignores is not None and ignores.ignored(here / name, directory=True):
                found.skipped.ignored.append(here / name)
            else:
                kept.append(name)
        folders[:] = kept
        for name in sorted(names):
            if not name.startswith("."):
                _select(here / name, folder, selection, include, exclude, ignores, found, files)
    found.files += sorted(files)


def _select(
    path: Path,
    folder: Path,
    selection: InputSelection,
    include: Spec,
    exclude: Spec,
    ignores: _GitIgnores | None,
    found: Expanded,
    files: list[Path],
) -> None:
    relative = path.relative_to(folder).as_posix()
    if exclude.match_file(relative):
        found.skipped.excluded.append(path)
        return
    if ignores is not None and ignores.ignored(path, directory=False):
        found.skipped.ignored.append(path)
        return
    reason = _not_a_file(path)
    if reason is not None:
        found.unlisted.append(unreadable(path, reason))
    elif include.match_file(relative) or _starts_like_x12(path):
        files.append(path)
    else:
        found.skipped.not_x12.append(path)


def _starts_like_x12(path: Path) -> bool:
    """Whether a file begins with an ISA segment (ASCII or EBCDIC), after a UTF-8 byte-order
    mark or white space. One that cannot be read is taken, to be reported (EDI005)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return True
    head = head.removeprefix(_BOM)
    return _isa(head.lstrip(), b"ISA") or _isa(head.lstrip(_EBCDIC_SPACES), _EBCDIC_ISA)


def _isa(head: bytes, tag: bytes) -> bool:
    """``ISA``, a separator, ISA01 (two characters) and the same separator again: ``ISA*00*``.
    Text that merely starts with the word (``ISA: 00`` in a YAML file) is not X12."""
    if len(head) < 7 or not head.startswith(tag):
        return False
    separator = head[3:4]
    return not separator.isalnum() and not separator.isspace() and head[6:7] == separator


class _GitIgnores:
    """The ``.gitignore`` files that apply below a folder: those of the folders above it up
    to its repository's top (the folder holding ``.git``), and those met on the way down."""

    def __init__(self, folder: Path) -> None:
        self._specs: dict[Path, Spec] = {}
        top = folder.resolve()
        above = [top, *top.parents]
        repository = next((p for p in above if (p / ".git").exists()), None)
        if repository is None:
            return  # not in a repository: only the .gitignore files below the folder count
        for parent in above[1 : above.index(repository) + 1]:
            self._read(parent)

    def enter(self, folder: Path) -> None:
        self._read(folder.resolve())

    def _read(self, folder: Path) -> None:
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        self._specs[folder] = PathSpec.from_lines("gitignore", lines.splitlines())

    def ignored(self, path: Path, *, directory: bool) -> bool:
        absolute = path.resolve()
        for base, spec in self._specs.items():
            if base == absolute or base not in absolute.parents:
                continue
            relative = absolute.relative_to(base).as_posix() + ("/" if directory else "")
            if spec.match_file(relative):
                return True
        return False


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
    stdin: bytes | None = None,
) -> list[FileResult]:
    """Each of ``paths`` validated with ``rules``, the results in the order given; with
    ``together``, the documents then checked against each other (EDI6xx); with ``book``,
    against the order book and each other (nothing is recorded). A path that cannot be read
    gives an EDI005 result; the path ``-`` (:data:`STDIN`) stands for the bytes ``stdin``
    (validated here).

    Where the files are validated: here, one after another (``jobs=1``); in ``jobs`` worker
    processes (None: one per core this process may use); or on a Dask cluster, given its
    ``client`` (a ``distributed.Client``, ``pip install 'edikit-x12[dask]'``), by workers that
    can read the paths. Each worker holds one file at a time and sends back its result
    (findings and facts); the results are the same wherever they were made, and the
    cross-document checks fold the facts afterwards, here. ``progress`` is called with each
    path and its result as it comes in."""
    rules = rules if rules is not None else standard_ruleset()
    files = [Path(path) for path in paths]
    results: list[FileResult] = [None] * len(files)  # type: ignore[list-item]  # all filled
    # The results are kept to the end and hold no reference cycle: the collector would
    # only scan them again and again as more come in.
    with paused_gc(kept=True):
        for number, result in _results(files, rules, jobs, client, stdin):
            results[number] = result
            if progress is not None:
                progress(files[number], result)
    readable = [r for r in results if r.error is None]
    if book is not None:
        digests = [_digest(Path(r.path), stdin) for r in readable]
        checked = book.check_results(readable, rules, digests=digests, received=received)
    elif together:
        checked, _ = cross_check(readable, rules, received=received)
    else:
        return results
    by_path = {r.path: r for r in checked}
    return [by_path.get(r.path, r) if r.error is None else r for r in results]


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _results(
    files: list[Path], rules: RuleSet, jobs: int | None, client: Any, stdin: bytes | None
) -> Iterator[tuple[int, FileResult]]:
    """Each file's number and result, as they come in: standard input first (only this
    process has it), then the files."""
    here = {number for number, path in enumerate(files) if str(path) == STDIN}
    for number in sorted(here):
        yield number, _validate_path(files[number], rules, stdin)
    away = [number for number in range(len(files)) if number not in here]
    for at, result in _elsewhere([files[n] for n in away], rules, jobs, client):
        yield away[at], result


def _elsewhere(
    files: list[Path], rules: RuleSet, jobs: int | None, client: Any
) -> Iterator[tuple[int, FileResult]]:
    """Each file's number and result, as they come in, from where they are validated."""
    if not files:
        return iter(())
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


def _validate_path(path: Path, rules: RuleSet, stdin: bytes | None = None) -> FileResult:
    try:
        if str(path) == STDIN:
            return validate_file(stdin or b"", rules, name=STDIN)
        return validate_file(path, rules, name=str(path))
    except InputError as exc:
        return unreadable(path, str(exc))


def _digest(path: Path, stdin: bytes | None = None) -> str:
    try:
        data = (stdin or b"") if str(path) == STDIN else path.read_bytes()
    except OSError:
        return ""
    return hashlib.sha256(data).hexdigest()


def is_unreadable(result: FileResult) -> bool:
    """Whether an input could not be read or holds no X12 at all."""
    return result.error is not None or any(v.code in UNREADABLE_CODES for v in result.violations)
