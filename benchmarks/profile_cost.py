"""What a profile costs: ``edikit.validate`` on one generated document, without a profile and
with each profile named, in interleaved rounds (each run a fresh process).

    python benchmarks/profile_cost.py --segments 500000 --rounds 5 \
        --profiles retail-common kohls-example benchmarks/guide-full.profile.yaml

Each round runs every case once, in turn, so the machine's load falls on all of them alike.
The report gives, for each profile, the median wall and CPU seconds and the median of the
per-round ratios to plain validate (the ratio is the figure to compare on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

NONE = "-"  # the case without a profile
FULL = str(HERE / "guide-full.profile.yaml")  # every kind of guide rule at once


def run_here(path: Path, profile: str) -> dict[str, float]:
    """Validate ``path`` in this process; the wall and CPU seconds it took and what it found."""
    import edikit

    wall, cpu = time.perf_counter(), time.process_time()
    result = edikit.validate(path, profile=None if profile == NONE else profile)
    findings = len(result.all_violations())
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "findings": float(findings),
    }


def run_case(path: Path, profile: str) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__)), "--here", str(path), profile]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(output)
    return figures


def report(profiles: list[str], rounds: list[dict[str, dict[str, float]]]) -> str:
    lines = ["profile            wall s   cpu s   wall x   cpu x   findings"]
    for profile in [NONE, *profiles]:
        walls = [r[profile]["wall"] for r in rounds]
        cpus = [r[profile]["cpu"] for r in rounds]
        wall_x = statistics.median(r[profile]["wall"] / r[NONE]["wall"] for r in rounds)
        cpu_x = statistics.median(r[profile]["cpu"] / r[NONE]["cpu"] for r in rounds)
        found = int(rounds[-1][profile]["findings"])
        name = "(none)" if profile == NONE else profile
        lines.append(
            f"{name:<17} {statistics.median(walls):7.2f} {statistics.median(cpus):7.2f}"
            f" {wall_x:8.2f} {cpu_x:7.2f} {found:10d}"
        )
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--here":
        print(json.dumps(run_here(Path(sys.argv[2]), sys.argv[3])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="856")
    parser.add_argument("--segments", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profiles", nargs="+", default=["retail-common", "kohls-example", FULL])
    options = parser.parse_args()
    from generate import generate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{options.kind}.x12"
        path.write_bytes(generate(options.kind, options.segments))
        rounds = []
        for number in range(options.rounds):
            figures = {p: run_case(path, p) for p in [NONE, *options.profiles]}
            rounds.append(figures)
            print(f"round {number + 1}: " + json.dumps(figures), file=sys.stderr)
    print(f"{options.kind}, {options.segments} segments, {options.rounds} interleaved rounds")
    print(report(options.profiles, rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
