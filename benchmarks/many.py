"""Time ``edikit validate DIR`` over a folder of many files with ``--jobs 1`` and ``--jobs
N``, rounds interleaved, and check that the reports are the same.

    python benchmarks/many.py [--files 200] [--segments 2000] [--jobs 2] [--rounds 3]

The folder holds ``--files`` generated 856, 850 and 810 files (``generate.py``) of about
``--segments`` segments each. Wall-clock seconds (what a user waits for), the median of the
rounds; the speed-up is the median of ``--jobs 1`` over the median of ``--jobs N``. The
machine is shared: the speed-up on 2 cores depends on what else runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

KINDS = ("856", "850", "810")


def _write(folder: Path, files: int, segments: int) -> int:
    total = 0
    for number in range(files):
        data = generate(KINDS[number % 3], segments, seed=number)
        (folder / f"{number:04d}-{KINDS[number % 3]}.edi").write_bytes(data)
        total += segments
    return total


def _run(folder: Path, jobs: int) -> tuple[float, bytes]:
    command = [sys.executable, "-m", "edikit", "validate", "--format", "json", "-j", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run([*command, str(folder)], capture_output=True, check=False)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edikit-many-") as tmp:
        folder = Path(tmp)
        total = _write(folder, args.files, args.segments)
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        reports: dict[int, bytes] = {}
        for _ in range(args.rounds):
            for jobs, found in times.items():
                seconds, reports[jobs] = _run(folder, jobs)
                found.append(seconds)
        same = reports[1] == reports[args.jobs]
    one, many = statistics.median(times[1]), statistics.median(times[args.jobs])
    print(f"{args.files} files, {total:,} segments; the reports are the same: {same}")
    print("| --jobs | median wall s | files/s | segments/s | speed-up | rounds |")
    print("|---:|---:|---:|---:|---:|---:|")
    for jobs, median in ((1, one), (args.jobs, many)):
        rate, seg, ratio = args.files / median, total / median, one / median
        print(f"| {jobs} | {median:.2f} | {rate:.1f} | {seg:,.0f} | {ratio:.2f}x | {args.rounds} |")


if __name__ == "__main__":
    main()
