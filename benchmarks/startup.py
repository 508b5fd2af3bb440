"""Time how fast the ``edikit`` command starts: ``edikit --version`` and ``edikit validate``
of a small sample, each paired with ``python -c pass`` (the interpreter's own start) in the
same round, rounds interleaved; wall-clock and CPU medians and the differences to the pair.

    python benchmarks/startup.py [--rounds 15] [--no-bytecode]

Modules are read from their bytecode caches (``__pycache__``), as an installed package has
them (pip compiles them at install): the commands run without ``PYTHONDONTWRITEBYTECODE`` and
once before the timed rounds. ``--no-bytecode`` measures instead a start that compiles every
module from source each time (an environment that sets ``PYTHONDONTWRITEBYTECODE``, with an
editable install). The machine is shared and noisy: read the medians of the differences.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "fixtures" / "chains" / "clean" / "856.edi"
PYTHON = [sys.executable, "-c", "pass"]
CASES = {
    "edikit --version": [sys.executable, "-m", "edikit", "--version"],
    "edikit validate (small sample)": [sys.executable, "-m", "edikit", "validate", str(SAMPLE)],
}


def _environment(bytecode: bool) -> dict[str, str]:
    environment = dict(os.environ)
    if bytecode:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
    else:  # no cache read (an empty prefix) and none written
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="edikit-no-bytecode-")
    return environment


def _seconds(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--no-bytecode", action="store_true", help="compile every module each time")
    args = parser.parse_args()
    environment = _environment(bytecode=not args.no_bytecode)
    for command in [PYTHON, *CASES.values()]:  # writes the bytecode caches when allowed
        _seconds(command, environment)
    names = ["python -c pass", *CASES]
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    extra: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):
        for name, command in CASES.items():
            base, own = _seconds(PYTHON, environment), _seconds(command, environment)
            for key, (w, c) in (("python -c pass", base), (name, own)):
                wall[key].append(w)
                cpu[key].append(c)
            extra[name].append(own[0] - base[0])
    print(
        "| command | median wall s | median wall s over `python -c pass` (paired) "
        "| median CPU s | rounds |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in names:
        over = f"{statistics.median(extra[name]):.3f}" if name in extra else "-"
        print(
            f"| {name} | {statistics.median(wall[name]):.3f} | {over} | "
            f"{statistics.median(cpu[name]):.3f} | {len(wall[name])} |"
        )


if __name__ == "__main__":
    main()
