"""Build the seed corpora of the harnesses from the fixtures and the shared X12 corpus.

    python fuzz/seeds.py [OUT] [--max-size BYTES]   # default OUT: build/fuzz-seeds

writes ``OUT/x12/`` (seeds of the parse, validate and ack harnesses: every X12 fixture, and
every X12 file of ``../shared/corpus/x12`` when that folder is beside the checkout) and
``OUT/profile/`` (the built-in profiles and the fixtures' profiles). Each seed is named by the
SHA-1 of its content, so a file found twice is kept once. Nothing is copied into the
repository: the shared corpus is read in place.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

FUZZ_DIR = Path(__file__).resolve().parent
REPO = FUZZ_DIR.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "x12"
DEFAULT_OUT = REPO / "build" / "fuzz-seeds"
# Larger files are left out: they slow every mutation down and add little the small ones lack.
MAX_SEED = 64 * 1024
# Which seed folder each harness starts from.
HARNESS_SEEDS = {"parse": "x12", "validate": "x12", "ack": "x12", "profile": "profile"}
_NOT_X12 = {".md", ".json", ".xml", ".yaml", ".yml", ".txt~", ".gitattributes"}


def x12_seeds(repo: Path = REPO, shared: Path = SHARED_CORPUS) -> Iterator[Path]:
    """Every X12 file of the fixtures, and of the shared corpus if it is there."""
    yield from sorted((repo / "fixtures").rglob("*.edi"))
    if shared.is_dir():
        for path in sorted(shared.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path.suffix not in _NOT_X12:
                yield path


def profile_seeds(repo: Path = REPO) -> Iterator[Path]:
    """The built-in profiles and the profiles beside the rule fixtures."""
    yield from sorted((repo / "src" / "edikit" / "profiles" / "builtin").glob("*.yaml"))
    yield from sorted((repo / "fixtures").rglob("*.profile.yaml"))


def write_seeds(paths: Iterable[Path], folder: Path, max_size: int = MAX_SEED) -> int:
    """Copy ``paths`` (each at most ``max_size`` bytes) into ``folder`` by content hash."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in paths:
        data = path.read_bytes()
        if not data or len(data) > max_size:
            continue
        target = folder / hashlib.sha1(data).hexdigest()
        if not target.exists():
            target.write_bytes(data)
            written += 1
    return written


def build(out: Path = DEFAULT_OUT, max_size: int = MAX_SEED) -> dict[str, int]:
    """Fresh ``out/x12`` and ``out/profile`` folders; the number of seeds in each."""
    counts: dict[str, int] = {}
    for name, paths in (("x12", x12_seeds()), ("profile", profile_seeds())):
        folder = out / name
        shutil.rmtree(folder, ignore_errors=True)
        counts[name] = write_seeds(paths, folder, max_size)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--max-size", type=int, default=MAX_SEED, help="largest seed, in bytes")
    args = parser.parse_args(argv)
    for name, count in build(args.out, args.max_size).items():
        print(f"{args.out / name}: {count} seeds")


if __name__ == "__main__":
    main()
