"""Time how fast the ``edikit`` command starts: ``edikit --version`` and ``edikit validate``
of a small sample, each paired with ``python -c pass`` (the interpreter's own start) in the
same round, rounds interleaved; wall-clock medians and the difference to the pair.

    python benchmarks/startup.py [--rounds 15]

The machine is shared and noisy: read the medians of the differences.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "fixtures" / "chains" / "clean" / "856.edi"
PYTHON = [sys.executable, "-c", "pass"]
CASES = {
    "edikit --version": [sys.executable, "-m", "edikit", "--version"],
    "edikit validate (small sample)": [sys.executable, "-m", "edikit", "validate", str(SAMPLE)],
}


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in ["python -c pass", *CASES]}
    extra: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):
        for name, command in CASES.items():
            base, own = _seconds(PYTHON), _seconds(command)
            times["python -c pass"].append(base)
            times[name].append(own)
            extra[name].append(own - base)
    print("| command | median s | median s over `python -c pass` (paired) | rounds |")
    print("|---|---:|---:|---:|")
    for name, found in times.items():
        over = f"{statistics.median(extra[name]):.3f}" if name in extra else "-"
        print(f"| {name} | {statistics.median(found):.3f} | {over} | {len(found)} |")


if __name__ == "__main__":
    main()
