"""A short run of every atheris harness of fuzz/ (about a minute in all, the four side by
side on two cores): any crash fails the test, with the reproducer printed.

Each harness starts from the seed corpus (fuzz/seeds.py: fixtures and, when it is beside the
checkout, the shared corpus) plus the saved reproducers of fuzz/crashes/<harness>/, so every
crash found before is replayed first. Crashes that fuzz/known.py lists (reported, being fixed)
are tolerated; delete an entry there once its fix lands and this run guards it. libFuzzer's
``-seed`` is fixed, so a run tries the same inputs in the same order; ``-max_total_time``
only decides how far down that list it gets. For long runs see fuzz/README.md.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FUZZ = REPO / "fuzz"
# Harness: (seed folder, dictionary, largest input).
HARNESSES = {
    "parse": ("x12", "x12.dict", 4096),
    "validate": ("x12", "x12.dict", 4096),
    "ack": ("x12", "x12.dict", 4096),
    "profile": ("profile", "profile.dict", 4096),
}
SECONDS = 45  # each, from its start; the four run at once
SHOWN = 2000  # bytes of a reproducer printed

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris is not installed (Linux only)"
)


@dataclass
class Run:
    harness: str
    command: list[str]
    process: subprocess.Popen[bytes]
    log: Path
    artifacts: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """The four harnesses, started together once seeds are built."""
    root = tmp_path_factory.mktemp("fuzz")
    seeds = root / "seeds"
    subprocess.run(
        [sys.executable, str(FUZZ / "seeds.py"), str(seeds), "--max-size", "4096"],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "EDIKIT_FUZZ_TOLERATE_KNOWN": "1"}
    env.pop("EDIKIT_FUZZ_FINDINGS", None)
    started: dict[str, Run] = {}
    try:
        for harness, (seed_folder, dictionary, max_len) in HARNESSES.items():
            work = root / harness
            corpus, artifacts = work / "corpus", work / "artifacts"
            corpus.mkdir(parents=True)
            artifacts.mkdir()
            crashes = FUZZ / "crashes" / harness
            command = [
                sys.executable,
                str(FUZZ / f"fuzz_{harness}.py"),
                str(corpus),  # new inputs go to the first folder: not the seeds
                str(seeds / seed_folder),
                *([str(crashes)] if crashes.is_dir() else []),
                f"-dict={FUZZ / dictionary}",
                f"-max_len={max_len}",
                "-seed=1",
                f"-max_total_time={SECONDS}",
                "-timeout=20",
                "-rss_limit_mb=2048",
                f"-artifact_prefix={artifacts}/",
                "-print_final_stats=1",
            ]
            log = work / "log.txt"
            with log.open("wb") as out:
                process = subprocess.Popen(
                    command,
                    cwd=REPO,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            started[harness] = Run(harness, command, process, log, artifacts)
        yield started
    finally:
        for run in started.values():
            if run.process.poll() is None:
                run.process.kill()
                run.process.wait()


@pytest.mark.parametrize("harness", list(HARNESSES))
def test_short_fuzzing_run_finds_no_crash(runs: dict[str, Run], harness: str) -> None:
    run = runs[harness]
    try:
        code = run.process.wait(timeout=SECONDS + 120)
    except subprocess.TimeoutExpired:
        run.process.kill()
        run.process.wait()
        pytest.fail(f"fuzz_{harness}.py did not stop\n{_tail(run.log)}")
    found = sorted(run.artifacts.iterdir())
    if code != 0 or found:
        pytest.fail(_report(run, code, found))
    assert "Done" in run.log.read_text(errors="replace")


def _report(run: Run, code: int, found: list[Path]) -> str:
    lines = [f"fuzz_{run.harness}.py exited {code} with {len(found)} crash file(s)", ""]
    for path in found:
        data = path.read_bytes()
        lines += [
            f"{path.name} ({len(data)} bytes):",
            repr(data[:SHOWN]) + (" ..." if len(data) > SHOWN else ""),
            "reproduce: save those bytes to a file, then",
            f"    python fuzz/fuzz_{run.harness}.py FILE",
            "",
        ]
    lines += ["command: " + " ".join(run.command), "", _tail(run.log)]
    return "\n".join(lines)


def _tail(log: Path, lines: int = 60) -> str:
    kept = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if not line.startswith("INFO: Instrumenting")
    ]
    return "\n".join(kept[-lines:])
