"""How edikit's cost grows with each dimension of its input: time and peak memory per unit.

    python benchmarks/scaling.py                          # every dimension, default sizes
    python benchmarks/scaling.py --dimensions hl_depth findings --sizes 1000 10000
    python benchmarks/scaling.py --quick                  # small sizes, a smoke run

For each dimension (the number of interchanges, of transaction sets, of segments, the depth
and the width of an 856's HL tree, the length of one element, the number of findings), a file
is generated at each size and measured three ways, each in a fresh process:

  validate   edikit.validate(path) in the library (time from after the imports)
  stream     iterating edikit.stream(path) with structure checks (time from after the imports)
  cli        `edikit validate --format json -o /dev/null FILE`, the whole command (start-up and
             imports included, about half a second)

and the table gives wall seconds, CPU seconds, CPU microseconds per unit and the process's
peak resident memory (VmHWM). A cost that grows linearly shows as a flat us/unit column; a
quadratic one as a column that grows with the size. CPU time is what the trend is read from:
wall time on a shared machine grows with everyone else's load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ISA = (
    "ISA*00*          *00*          *ZZ*APEXSTRIDE     *08*6112390050     *240105*1230*U*"
    "00401*{control}*0*P*>"
)
GS = "GS*{functional}*APEXSTRIDE*6112390050*20240105*1230*{control}*X*004010"
PO_BODY = ["BEG*00*SA*4500012345**20240105", "PO1*1*12*PR*54.50**UP*012345678905"]
END = "~\n"


def _envelope(bodies: list[list[str]], set_id: str = "850", functional: str = "PO") -> list[str]:
    segments = [ISA.format(control="000000001"), GS.format(functional=functional, control=1)]
    for number, body in enumerate(bodies, start=1):
        control = f"{number:04d}"
        segments += [f"ST*{set_id}*{control}", *body, f"SE*{len(body) + 2}*{control}"]
    segments += [f"GE*{len(bodies)}*1", "IEA*1*000000001"]
    return segments


def interchanges(count: int) -> str:
    """``count`` interchanges of one group of one small 850."""
    out = []
    for number in range(1, count + 1):
        control = f"{number:09d}"
        out.append(
            END.join(
                [
                    ISA.format(control=control),
                    GS.format(functional="PO", control=1),
                    "ST*850*0001",
                    *PO_BODY,
                    "SE*4*0001",
                    "GE*1*1",
                    f"IEA*1*{control}",
                ]
            )
            + END
        )
    return "".join(out)


def transaction_sets(count: int) -> str:
    """One interchange, one group, ``count`` small 850s."""
    return END.join(_envelope([PO_BODY] * count)) + END


def segments(count: int) -> str:
    """One 850 of ``count`` PO1 lines (each with a valid UPC-A)."""
    lines = [f"PO1*{n}*12*PR*54.50**UP*012345678905" for n in range(1, count + 1)]
    body = ["BEG*00*SA*4500012345**20240105", *lines, f"CTT*{count}"]
    return END.join(_envelope([body])) + END


def hl_depth(count: int) -> str:
    """One 856 whose ``count`` HL levels each stand under the one before."""
    body = ["BSN*00*SHIP1*20240105*1200", "HL*1**S"]
    body += [f"HL*{n}*{n - 1}*I" for n in range(2, count + 1)]
    body.append(f"CTT*{count}")
    return END.join(_envelope([body], "856", "SH")) + END


def hl_width(count: int) -> str:
    """One 856 with a shipment level and ``count - 1`` item levels under it."""
    body = ["BSN*00*SHIP1*20240105*1200", "HL*1**S"]
    body += [f"HL*{n}*1*I" for n in range(2, count + 1)]
    body.append(f"CTT*{count}")
    return END.join(_envelope([body], "856", "SH")) + END


def element_length(count: int) -> str:
    """One 850 whose BEG03 (AN 1/22) is ``count`` bytes long: one EDI304."""
    body = [f"BEG*00*SA*{'A' * count}**20240105", PO_BODY[1]]
    return END.join(_envelope([body])) + END


def findings(count: int) -> str:
    """``count`` PO1 lines whose quantity (R) is a letter: one EDI305 each (in 850s of at
    most 100,000 lines, the PO1 loop's maximum repeat)."""
    per_set = 100_000
    bodies = []
    for start in range(0, count, per_set):
        lines = [f"PO1*{n}*X*PR*54.50" for n in range(start + 1, min(count, start + per_set) + 1)]
        bodies.append(["BEG*00*SA*4500012345**20240105", *lines])
    return END.join(_envelope(bodies)) + END


DIMENSIONS: dict[str, tuple[Callable[[int], str], list[int], list[int], str]] = {
    # name: (generator, sizes, quick sizes, unit)
    "interchanges": (interchanges, [1_000, 10_000, 100_000], [100, 1_000], "interchange"),
    "transaction_sets": (transaction_sets, [1_000, 10_000, 100_000], [100, 1_000], "set"),
    "segments": (segments, [10_000, 100_000, 1_000_000], [1_000, 10_000], "segment"),
    "hl_depth": (hl_depth, [1_000, 10_000, 50_000], [100, 1_000], "level"),
    "hl_width": (hl_width, [1_000, 10_000, 100_000], [100, 1_000], "level"),
    "element_length": (element_length, [1 << 20, 4 << 20, 16 << 20], [1 << 16, 1 << 18], "byte"),
    "findings": (findings, [10_000, 100_000, 1_000_000], [1_000, 10_000], "finding"),
}

_LIBRARY = """
import json, sys, time
import edikit
path, mode = sys.argv[1], sys.argv[2]
start, cpu_start = time.perf_counter(), time.process_time()
if mode == "validate":
    every_finding = edikit.ruleset(max_per_rule=None, max_per_file=None)
    result = edikit.validate_file(path, every_finding)
    count = len(result.all_violations())
else:
    stream = edikit.stream(path)
    sets = sum(1 for _ in stream)
    count = len(stream.violations)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kb": peak, "findings": count}))
"""

_CLI = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
command = ["validate", "--format", "json", "--max-findings", "all", "-o", "/dev/null", sys.argv[1]]
done = subprocess.run(
    [sys.executable, "-m", "edikit", *command],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kb": peak, "exit": done.returncode}))
"""


def measure(path: Path, how: str, timeout: float) -> dict[str, float] | None:
    """One measurement in a fresh process; None when it ran out of ``timeout``."""
    script = _CLI if how == "cli" else _LIBRARY
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path), how],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dimensions", nargs="+", choices=list(DIMENSIONS), default=None)
    parser.add_argument("--sizes", nargs="+", type=int, help="sizes for every dimension given")
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--ways", nargs="+", choices=["validate", "stream", "cli"], default=None)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per measurement")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    options = parser.parse_args(argv)
    ways = options.ways or ["validate", "stream", "cli"]
    rows: list[dict[str, object]] = []
    print(
        "| dimension | size | input MB | way | wall s | CPU s | CPU us/unit | peak RSS MB "
        "| findings |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name in options.dimensions or list(DIMENSIONS):
            generate, sizes, quick, unit = DIMENSIONS[name]
            for size in options.sizes or (quick if options.quick else sizes):
                path = Path(folder) / f"{name}-{size}.edi"
                path.write_bytes(generate(size).encode("latin-1"))
                megabytes = path.stat().st_size / 1e6
                for how in ways:
                    result = measure(path, how, options.timeout)
                    if result is None:
                        print(f"| {name} | {size:,} | {megabytes:.1f} | {how} | timeout | | | | |")
                        continue
                    seconds, cpu = result["seconds"], result["cpu"]
                    row = {
                        "dimension": name,
                        "size": size,
                        "unit": unit,
                        "input_mb": round(megabytes, 2),
                        "way": how,
                        "seconds": round(seconds, 3),
                        "cpu_seconds": round(cpu, 3),
                        "cpu_us_per_unit": round(cpu / size * 1e6, 3),
                        "peak_rss_mb": round(result["peak_kb"] / 1024, 1),
                        "findings": result.get("findings"),
                    }
                    rows.append(row)
                    found = "" if row["findings"] is None else f"{row['findings']:,}"
                    print(
                        f"| {name} | {size:,} | {megabytes:.1f} | {how} | {seconds:.2f} | "
                        f"{cpu:.2f} | {row['cpu_us_per_unit']:.2f} | {row['peak_rss_mb']} "
                        f"| {found} |",
                        flush=True,
                    )
                path.unlink()
    if options.json is not None:
        options.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
