"""Run one harness for a long while, collecting every distinct crash instead of stopping at
the first.

    python fuzz/campaign.py parse --minutes 60            # build/fuzz/parse/...
    python fuzz/campaign.py profile --minutes 60 -- -jobs=1 -only_ascii=1   # extra libFuzzer flags

Under ``build/fuzz/<harness>/`` (``--work`` to change it):

* ``corpus/``: the inputs libFuzzer kept (seeded from ``build/fuzz-seeds``, built first if
  missing); a later run goes on from there;
* ``findings/``: one ``<signature>.bin`` per distinct exception (the smallest input seen) with
  its traceback in ``<signature>.txt`` (the harness's keep-going mode, see harness.py);
* ``artifacts/``: what libFuzzer itself writes: ``timeout-*`` (an input over ``--timeout``
  seconds), ``oom-*`` (over ``--rss-mb``), ``slow-unit-*``;
* ``log.txt``: libFuzzer's output, each restart appended.

A time-out or out-of-memory ends a libFuzzer process: the runner starts it again on the same
corpus until the time is up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from harness import FINDINGS_ENV
from seeds import DEFAULT_OUT as SEEDS
from seeds import HARNESS_SEEDS
from seeds import build as build_seeds

FUZZ_DIR = Path(__file__).resolve().parent
REPO = FUZZ_DIR.parent
# libFuzzer flags of each harness: its dictionary and the largest input worth trying.
HARNESS_FLAGS = {
    "parse": ["-dict=fuzz/x12.dict", "-max_len=8192"],
    "validate": ["-dict=fuzz/x12.dict", "-max_len=8192"],
    "ack": ["-dict=fuzz/x12.dict", "-max_len=8192"],
    "profile": ["-dict=fuzz/profile.dict", "-max_len=4096"],
}


def command(harness: str, work: Path, seconds: int, timeout: int, rss_mb: int) -> list[str]:
    seeds = SEEDS / HARNESS_SEEDS[harness]
    return [
        sys.executable,
        str(FUZZ_DIR / f"fuzz_{harness}.py"),
        str(work / "corpus"),
        str(seeds),
        *HARNESS_FLAGS[harness],
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        f"-rss_limit_mb={rss_mb}",
        f"-artifact_prefix={work / 'artifacts'}/",
        "-print_final_stats=1",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("harness", choices=sorted(HARNESS_FLAGS))
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--work", type=Path, help="default: build/fuzz/<harness>")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--rss-mb", type=int, default=4096, help="memory limit")
    parser.add_argument("extra", nargs="*", help="more libFuzzer flags, after --")
    args = parser.parse_args(argv)
    work: Path = args.work or REPO / "build" / "fuzz" / args.harness
    for folder in ("corpus", "findings", "artifacts"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    if not (SEEDS / HARNESS_SEEDS[args.harness]).is_dir():
        build_seeds()
    env = {**os.environ, FINDINGS_ENV: str(work / "findings")}
    deadline = time.monotonic() + args.minutes * 60
    restarts = 0
    with (work / "log.txt").open("a", encoding="utf-8") as log:
        while (left := int(deadline - time.monotonic())) > 15:
            cmd = [*command(args.harness, work, left, args.timeout, args.rss_mb), *args.extra]
            log.write(f"\n=== {' '.join(cmd)}\n")
            log.flush()
            started, before = time.monotonic(), _outputs(work)
            done = subprocess.run(  # noqa: PLW1510  (the return code is read)
                cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
            if done.returncode == 0:
                break
            if _outputs(work) == before and time.monotonic() - started < 60:
                print(f"{args.harness}: libFuzzer failed at once (see {work / 'log.txt'})")
                return 1
            restarts += 1
    findings = sorted((work / "findings").glob("*.bin"))
    artifacts = sorted((work / "artifacts").iterdir())
    print(
        f"{args.harness}: {restarts} restarts, {len(findings)} distinct exceptions, "
        f"{len(artifacts)} libFuzzer artifacts; see {work}"
    )
    for path in [*findings, *artifacts]:
        print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


def _outputs(work: Path) -> set[Path]:
    return {*work.joinpath("findings").iterdir(), *work.joinpath("artifacts").iterdir()}


if __name__ == "__main__":
    sys.exit(main())
