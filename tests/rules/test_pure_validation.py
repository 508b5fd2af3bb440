"""validate_file is pure: the same input and rule set give the same FileResult in this process
and in worker processes (rule set and result pickled both ways); cross-document checking is a
fold of facts, so files validated apart and folded give what validating them as a set gives."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from click.testing import CliRunner

import edikit
from edikit.cli import main
from edikit.rules.ruleset import RuleSet

REPO = Path(__file__).resolve().parent.parent.parent
CHAIN = sorted((REPO / "fixtures" / "chains" / "clean").glob("*.edi"))
PROFILES = REPO / "fixtures" / "profiles"
CATALOG = Path(edikit.__file__).resolve().parent / "rules" / "catalog"


def _inputs(corpus: Path) -> list[Path]:
    samples = sorted((PROFILES / "nordstrom-example").glob("*.edi"))[:6]
    cases = sorted(CATALOG.glob("EDI[1-5]*/case.edi"))[::4]
    real = sorted(corpus.rglob("*.edi"))[:12]
    return [*CHAIN, *samples, *cases, *real]


def _validate(path: Path, rules: RuleSet) -> edikit.FileResult:
    return edikit.validate_file(path, rules, name=str(path))


def test_worker_processes_give_the_same_results(corpus: Path) -> None:
    rules = edikit.ruleset("nordstrom-example")
    assert pickle.loads(pickle.dumps(rules)) == rules
    paths = _inputs(corpus)
    here = [_validate(path, rules) for path in paths]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        there = list(pool.map(_validate, paths, [rules] * len(paths)))
    assert there == here
    assert sum(len(r.all_violations()) for r in here) > 0  # not trivially equal
    assert all(pickle.loads(pickle.dumps(r)) == r for r in here)


def test_facts_folded_afterwards_give_the_findings_of_the_set(tmp_path: Path) -> None:
    """The chain with faults only the set can see: a second ship notice that ships everything
    again (EDI603) under the first one's number (EDI605)."""
    again = tmp_path / "856-again.edi"
    again.write_text((REPO / "fixtures" / "chains" / "clean" / "856.edi").read_text())
    paths = [*CHAIN, again]
    rules = edikit.ruleset()
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        apart = list(pool.map(_validate, paths, [rules] * len(paths)))
    folded, _ = edikit.cross_check(apart, rules)
    together = edikit.validate_set(paths, rules=rules)
    assert folded == together
    codes = sorted(v.code for r in folded for v in r.iter_violations() if v.code != "EDI600")
    assert codes == ["EDI603", "EDI603", "EDI604", "EDI604", "EDI605"]
    cli = CliRunner().invoke(main, ["validate", "--set", "--format", "json", *map(str, paths)])
    report = json.loads(cli.output)
    from_cli = sorted(
        (v["code"], f["file"], v["location"]["line"])
        for f in report["files"]
        for d in f["documents"]
        for v in d["violations"]
    )
    from_fold = sorted(
        (v.code, r.path, v.location.line)
        for r in folded
        for v in r.iter_violations()
        if v.severity is not edikit.Severity.INFO
    )
    assert from_cli == from_fold
